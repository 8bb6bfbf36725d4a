#!/usr/bin/env python3
"""patch_pclntab.py IN OUT OFFSET HEXBYTES|add64:N: copies the ELF file IN to OUT with
HEXBYTES written at OFFSET bytes into its .gopclntab section, or with N added to the
little-endian uint64 there (to make corrupt tables for tests)."""
import struct
import sys

src, dst, offset, how = sys.argv[1], sys.argv[2], int(sys.argv[3], 0), sys.argv[4]
data = bytearray(open(src, "rb").read())
shoff, = struct.unpack_from("<Q", data, 0x28)
shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)
def section(i):
    return struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
names_off = section(shstrndx)[4]
for i in range(shnum):
    name, _, _, _, off, size, *_ = section(i)
    end = data.index(b"\0", names_off + name)
    if data[names_off + name:end] == b".gopclntab":
        if how.startswith("add64:"):
            old, = struct.unpack_from("<Q", data, off + offset)
            patch = struct.pack("<Q", (old + int(how[6:], 0)) % (1 << 64))
        else:
            patch = bytes.fromhex(how)
        assert offset + len(patch) <= size, "patch outside the section"
        data[off + offset:off + offset + len(patch)] = patch
        open(dst, "wb").write(data)
        sys.exit(0)
sys.exit("no .gopclntab in " + src)
