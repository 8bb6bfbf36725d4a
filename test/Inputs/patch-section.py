#!/usr/bin/env python3
"""patch-section.py IN OUT SECTION OFFSET HEX|add64:N: damage a copy of an ELF64 file.

Copies IN to OUT (keeping its mode: a damaged executable must still be runnable) and writes
the bytes HEX (e.g. "ffff") at OFFSET bytes into SECTION's contents, or adds N to the
little-endian uint64 there. Tests use it to corrupt a built binary's build information or pc
table. OUT may be IN.
"""
import shutil
import struct
import sys


def section_extent(data, name):
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)

    def shdr(i):
        return struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
    names = shdr(shstrndx)[4]
    for i in range(shnum):
        sh = shdr(i)
        end = data.index(b"\0", names + sh[0])
        if data[names + sh[0]:end].decode() == name:
            return sh[4], sh[5]
    sys.exit("patch-section: no section " + name)


def main():
    src, dst, name, offset, how = sys.argv[1:]
    data = open(src, "rb").read()
    start, size = section_extent(data, name)
    offset = int(offset, 0)
    if how.startswith("add64:"):
        old, = struct.unpack_from("<Q", data, start + offset)
        patch = struct.pack("<Q", (old + int(how[6:], 0)) % (1 << 64))
    else:
        patch = bytes.fromhex(how)
    if offset + len(patch) > size:
        sys.exit("patch-section: patch past the end of " + name)
    if src != dst:
        shutil.copy(src, dst)
    with open(dst, "r+b") as f:
        f.seek(start + offset)
        f.write(patch)


main()
