#!/usr/bin/env python3
"""mkpclntab.py EXE OUT.bin — a minimal Go 1.18-layout pclntab for EXE, from its ELF symbol
table (llvm-readelf) and DWARF line table (llvm-dwarfdump), for testing the runtime's reader
independently of the driver's encoder. One compilation unit holds every file; pcsp is left
out (offset 0). Layout and encoding: runtime/pclntab.h."""
import re
import struct
import subprocess
import sys


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def uvarint(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def zigzag(v):
    return (v << 1) if v >= 0 else ((~v << 1) | 1)


def encode(ranges, entry):
    """ranges: [(start, end, value)] covering [entry, fend) in order -> pc-value table."""
    out = bytearray()
    val, pc = -1, entry
    merged = []
    for s, e, v in ranges:
        if merged and merged[-1][2] == v and merged[-1][1] == s:
            merged[-1] = (merged[-1][0], e, v)
        else:
            merged.append((s, e, v))
    for s, e, v in merged:
        if e <= s:
            continue
        out += uvarint(zigzag(v - val)) + uvarint(e - pc)
        val, pc = v, e
    out.append(0)
    return bytes(out)


def main(exe, outpath):
    text = None
    funcs = {}
    for line in run("llvm-readelf", "-sW", "--demangle", exe).splitlines():
        f = line.split(None, 7)
        if len(f) < 8 or not f[0].endswith(":") or f[0] == "Num:":
            continue
        value, size, typ, name = int(f[1], 16), int(f[2]), f[3], f[7]
        if name == "runtime.text":
            text = value
        if typ == "FUNC" and size > 0 and f[6] != "UND":
            funcs.setdefault(value, (size, name))
    _, texts, tsize = None, None, None
    for line in run("llvm-readelf", "-SW", exe).splitlines():
        m = re.search(r"\]\s+\.text\s+PROGBITS\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", line)
        if m:
            texts, tsize = int(m.group(1), 16), int(m.group(2), 16)
    entries = sorted(a for a in funcs if texts <= a < texts + tsize)

    # Line rows: (address, file path, line), per sequence.
    rows, seqs = [], []
    dirs, files = {}, {}
    for line in run("llvm-dwarfdump", "--debug-line", exe).splitlines():
        if line.startswith("debug_line["):
            dirs, files = {}, {}
            continue
        m = re.match(r'include_directories\[\s*(\d+)\] = "(.*)"', line)
        if m:
            dirs[int(m.group(1))] = m.group(2)
            continue
        m = re.match(r"file_names\[\s*(\d+)\]:", line)
        if m:
            cur = int(m.group(1))
            continue
        m = re.match(r'\s+name: "(.*)"', line)
        if m:
            files[cur] = [m.group(1), 0]
            continue
        m = re.match(r"\s+dir_index: (\d+)", line)
        if m:
            files[cur][1] = int(m.group(1))
            continue
        m = re.match(r"0x([0-9a-f]+)\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+\s+\d+(?:\s+\d+)?\s*([a-z_ ]*)$", line)
        if m:
            addr, ln, fi, flags = int(m.group(1), 16), int(m.group(2)), int(m.group(4)), m.group(5)
            name, d = files[fi]
            path = name if name.startswith("/") else dirs.get(d, "") + "/" + name
            rows.append((addr, path, ln, "end_sequence" in flags))
            if "end_sequence" in flags:
                seqs.append(rows)
                rows = []
    spans = []  # (start, end, path, line)
    for seq in seqs:
        for (a, p, l, end), (b, _, _, _) in zip(seq, seq[1:]):
            if b > a and not end:
                spans.append((a, b, p, l))
    spans.sort()

    filelist, fileidx = [], {}
    names, nameoff = bytearray(), {}
    pctab = bytearray(b"\0")
    recs = []
    si = 0
    for i, e in enumerate(entries):
        fend = entries[i + 1] if i + 1 < len(entries) else e + funcs[e][0]
        name = funcs[e][1]
        nameoff[e] = len(names)
        names += name.encode() + b"\0"
        while si < len(spans) and spans[si][1] <= e:
            si += 1
        fl, ff = [], []
        j = si
        while j < len(spans) and spans[j][0] < fend:
            a, b, p, l = spans[j]
            a, b = max(a, e), min(b, fend)
            if p not in fileidx:
                fileidx[p] = len(filelist)
                filelist.append(p)
            fl.append((a, b, l))
            ff.append((a, b, fileidx[p]))
            j += 1
        pcln = pcfile = 0
        if fl:
            # Cover [e, first row) with the first row's values.
            fl[0] = (e, fl[0][1], fl[0][2])
            ff[0] = (e, ff[0][1], ff[0][2])
            pcln = len(pctab)
            pctab += encode(fl, e)
            pcfile = len(pctab)
            pctab += encode(ff, e)
        recs.append((e - text, nameoff[e], pcfile, pcln))

    def align(b, n):
        while len(b) % n:
            b.append(0)

    filetab = bytearray()
    cutab = bytearray()
    for p in filelist:
        cutab += struct.pack("<I", len(filetab))
        filetab += p.encode() + b"\0"
    out = bytearray(72)
    align(names, 8)
    fnoff = len(out); out += names
    cuoff = len(out); out += cutab; align(out, 8)
    ftoff = len(out); out += filetab; align(out, 8)
    pcoff = len(out); out += pctab; align(out, 8)
    plnoff = len(out)
    n = len(recs)
    ftab = bytearray()
    recbase = ((n * 2 + 1) * 4 + 7) // 8 * 8
    for k, (eoff, nmoff, pcfile, pcln) in enumerate(recs):
        ftab += struct.pack("<II", eoff, recbase + k * 40)
    last = entries[-1]
    ftab += struct.pack("<I", last + funcs[last][0] - text)
    align(ftab, 8)
    for eoff, nmoff, pcfile, pcln in recs:
        ftab += struct.pack("<IiiIIIIIIBBBB", eoff, nmoff, 0, 0, 0, pcfile, pcln, 0, 0, 0, 0, 0, 0)
    out += ftab
    struct.pack_into("<IBBBBqQQQQQQQ", out, 0, 0xFFFFFFF0, 0, 0, 1, 8, n, len(filelist), text,
                     fnoff, cuoff, ftoff, pcoff, plnoff)
    open(outpath, "wb").write(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
