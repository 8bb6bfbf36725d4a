# Checks an executable's build ID content half (docs/buildinfo.md): the first 32 hex digits of
# the SHA-256 of the file with that half still zero. Prints "<file>: content hash ok" or why not.
import hashlib
import struct
import sys


def section(data, wanted):
    """The (offset, size) of the ELF64 little-endian section named wanted."""
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    headers = [struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize) for i in range(shnum)]
    names = headers[shstrndx][4]
    for name, _, _, _, offset, size in headers:
        if data[names + name:data.index(b"\0", names + name)] == wanted:
            return offset, size
    raise SystemExit("no section " + wanted.decode())


for path in sys.argv[1:]:
    data = bytearray(open(path, "rb").read())
    start, size = section(data, b".note.gocc.buildid")
    at = data.index(b"/", start, start + size) + 1
    content = data[at:at + 32].decode()
    data[at:at + 32] = b"0" * 32
    want = hashlib.sha256(bytes(data)).hexdigest()[:32]
    print(path + (": content hash ok" if content == want else
                  ": content hash " + content + ", the file hashes to " + want))
