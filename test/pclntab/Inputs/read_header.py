#!/usr/bin/env python3
"""read_header.py BINARY FIELD: prints a field of the .gopclntab header of BINARY, in decimal."""
import struct
import sys
from dump_section import dump_section

fields = ["nfunc", "nfiles", "textStart", "funcnameOffset", "cuOffset", "filetabOffset",
          "pctabOffset", "pclnOffset"]
d = dump_section(sys.argv[1], ".gopclntab")
print(struct.unpack_from("<Q", d, 8 + 8 * fields.index(sys.argv[2]))[0])
