#!/usr/bin/env python3
"""read_header.py BINARY FIELD: prints a field of the .gopclntab header of BINARY, in decimal."""
import struct
import subprocess
import sys
import tempfile

fields = ["nfunc", "nfiles", "textStart", "funcnameOffset", "cuOffset", "filetabOffset",
          "pctabOffset", "pclnOffset"]
with tempfile.NamedTemporaryFile() as f:
    subprocess.run(["llvm-objcopy", "--dump-section", ".gopclntab=" + f.name, sys.argv[1],
                    "/dev/null"], check=True)
    d = open(f.name, "rb").read()
print(struct.unpack_from("<Q", d, 8 + 8 * fields.index(sys.argv[2]))[0])
