#!/usr/bin/env python3
"""pclntab_files.py TABLE: prints the file names of a .gopclntab dump (its filetab), one a
line, then "nfunc N nfiles N"."""
import struct
import sys

d = open(sys.argv[1], "rb").read()
magic, = struct.unpack_from("<I", d, 0)
assert magic == 0xFFFFFFF0, "bad magic"
nfunc, nfiles, _, _, _, filetab = struct.unpack_from("<qQQQQQ", d, 8)
pos = filetab
for _ in range(nfiles):
    end = d.index(b"\0", pos)
    print(d[pos:end].decode())
    pos = end + 1
print("nfunc %d nfiles %d" % (nfunc, nfiles))
