#!/usr/bin/env python3
"""corrupt-pclntab.py IN OUT KIND: copy the executable IN to OUT with its .gopclntab damaged
in one way (KIND), to check that the runtime refuses the table instead of crashing on it.
The section's file offset comes from llvm-readelf; the fields from formats/pclntab.h."""
import re
import shutil
import struct
import subprocess
import sys

src, dst, kind = sys.argv[1:4]
sections = subprocess.run(["llvm-readelf", "-SW", src], check=True, capture_output=True, text=True).stdout
m = re.search(r"\]\s+\.gopclntab\s+PROGBITS\s+[0-9a-f]+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
if not m:
    sys.exit("no .gopclntab in " + src)
off = int(m.group(1), 16)
shutil.copy(src, dst)  # with its mode: it must stay executable
with open(dst, "r+b") as f:
    f.seek(off)
    hdr = bytearray(f.read(72))
    magic, pad1, pad2, minlc, ptrsize, nfunc, nfiles, text, fn, cu, ft, pc, pcln = struct.unpack("<IBBBBqQQQQQQQ", hdr)

    def put(at, fmt, *v):
        f.seek(off + at)
        f.write(struct.pack(fmt, *v))

    def get(at, fmt):
        f.seek(off + at)
        return struct.unpack(fmt, f.read(struct.calcsize(fmt)))

    if kind == "magic":
        put(0, "<I", 0xFFFFFFF1)  # Go 1.20's magic
    elif kind == "pad":
        put(4, "<B", 1)
    elif kind == "minlc":
        put(6, "<B", 4)
    elif kind == "ptrsize":
        put(7, "<B", 4)
    elif kind == "nfunc":
        put(8, "<q", 1 << 40)
    elif kind == "offset":
        put(0x40, "<Q", 1 << 40)  # pclnOffset far beyond the table
    elif kind == "textstart":
        put(0x18, "<Q", text + 16)
    elif kind == "unsorted":
        e0, f0, e1, f1 = get(pcln, "<IIII")
        put(pcln, "<IIII", e1, f0, e0, f1)
    elif kind == "funcoff":
        put(pcln + 4, "<I", 0xFFFFFF00)  # function 0's record far beyond the table
    elif kind == "record":
        e0, f0, e1, f1 = get(pcln, "<IIII")
        put(pcln + 4, "<I", f1)  # function 0's record is function 1's
    elif kind == "outside":
        put(pcln + 8 * nfunc, "<I", 0xFFFFFFF0)  # the end entry far past the text
    else:
        sys.exit("unknown kind " + kind)
