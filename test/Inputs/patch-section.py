#!/usr/bin/env python3
"""patch-section.py FILE SECTION OFFSET HEX: overwrite bytes of an ELF64 file's section.

Writes the bytes given in HEX (e.g. "ffff") at OFFSET bytes into SECTION's contents, in place.
Used by tests that corrupt a copy of a built binary (its build information, its pc table).
"""
import struct
import sys


def section_file_offset(data, name):
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    def shdr(i):
        return struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
    strtab_off = shdr(shstrndx)[4]
    for i in range(shnum):
        sh = shdr(i)
        end = data.index(b"\0", strtab_off + sh[0])
        if data[strtab_off + sh[0]:end].decode() == name:
            return sh[4], sh[5]
    sys.exit("patch-section: no section " + name)


def main():
    path, name, offset, hexbytes = sys.argv[1:]
    with open(path, "rb") as f:
        data = f.read()
    start, size = section_file_offset(data, name)
    patch = bytes.fromhex(hexbytes)
    offset = int(offset, 0)
    if offset + len(patch) > size:
        sys.exit("patch-section: patch past the end of " + name)
    with open(path, "r+b") as f:
        f.seek(start + offset)
        f.write(patch)


main()
