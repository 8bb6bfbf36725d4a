#!/usr/bin/env python3
"""read_header.py BINARY FIELD: prints a field of the .gopclntab header of BINARY, in decimal.

The header's words are the target's pointer size (byte 7, FIELD ptrSize): 8, or 4 on 386."""
import struct
import sys
from dump_section import dump_section

fields = ["nfunc", "nfiles", "textStart", "funcnameOffset", "cuOffset", "filetabOffset",
          "pctabOffset", "pclnOffset"]
d = dump_section(sys.argv[1], ".gopclntab")
ptr = d[7]
if sys.argv[2] == "ptrSize":
    print(ptr)
else:
    print(struct.unpack_from("<Q" if ptr == 8 else "<I", d, 8 + ptr * fields.index(sys.argv[2]))[0])
