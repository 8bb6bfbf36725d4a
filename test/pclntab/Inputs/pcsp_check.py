#!/usr/bin/env python3
"""pcsp_check.py BINARY: checks every function's pcsp table in BINARY's .gopclntab against
the CFI rows `llvm-dwarfdump --eh-frame` prints: where the CFA is RSP+N the table must say
N-8 (the SP's drop since the entry, return address not counted), elsewhere (RBP-based CFA)
-1; a function no FDE starts at must have no table (offset 0). On arm64 (an AArch64 ELF) the
stack pointer is WSP and the call pushes nothing: N; on 386 (whose table has 4-byte pointers)
it is ESP and the call pushes 4 bytes: N-4. The table is decoded here, independently of
formats/pclntab.h, with pc deltas in units of the header's minLC. Prints counts and "OK", or
the mismatches and "FAIL"."""
import re
import subprocess
import sys
from dump_section import dump_section

binary = sys.argv[1]
d = dump_section(binary, ".gopclntab")
u32 = lambda at: int.from_bytes(d[at:at + 4], "little")
ptr = d[7]  # the header's words: 8 bytes, or 4 on 386
word = lambda i: int.from_bytes(d[8 + ptr * i:8 + ptr * (i + 1)], "little")
nfunc, text, pctab, pcln = word(0), word(2), word(6), word(7)
minlc = d[6]
with open(binary, "rb") as f:
    machine = int.from_bytes(f.read(20)[18:20], "little")
sp_name, pushed = {183: ("WSP", 0), 3: ("ESP", 4)}.get(machine, ("RSP", 8))  # EM_AARCH64, EM_386


def uvarint(p):
    v, shift = 0, 0
    while True:
        b = d[p]
        p += 1
        v |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return v, p


def runs(off, entry):
    """The table as [(start, end, value)]."""
    out, p, val, pc, first = [], pctab + off, -1, entry, True
    while True:
        uv, p = uvarint(p)
        if uv == 0 and not first:
            return out
        first = False
        val += -((uv + 1) >> 1) if uv & 1 else uv >> 1
        delta, p = uvarint(p)
        out.append((pc, pc + delta * minlc, val))
        pc += delta * minlc


def value_at(table, pc):
    return next((v for a, b, v in table if a <= pc < b), None)


funcs = {}
for i in range(nfunc):
    entry = text + u32(pcln + i * 8)
    rec = pcln + u32(pcln + i * 8 + 4)
    funcs[entry] = u32(rec + 16)

fdes = {}
cur = None
for line in subprocess.run(["llvm-dwarfdump", "--eh-frame", binary], capture_output=True, text=True,
                           check=True).stdout.splitlines():
    m = re.search(r"FDE cie=\w+ pc=([0-9a-f]+)\.\.\.([0-9a-f]+)", line)
    if m:
        cur = (int(m.group(1), 16), int(m.group(2), 16))
        fdes[cur] = []
        continue
    m = re.match(r"\s+0x([0-9a-f]+): CFA=([A-Z0-9]+)([+-]\d+)?", line)
    if m and cur:
        n = int(m.group(3) or 0)
        fdes[cur].append((int(m.group(1), 16), n - pushed if m.group(2) == sp_name else -1))

checked = rows = tables = 0
bad = []
starts = {lo: (lo, hi) for lo, hi in fdes}
for entry, off in sorted(funcs.items()):
    if entry not in starts:
        if off != 0:
            bad.append("0x%x: no FDE starts here but pcsp is at %d" % (entry, off))
        continue
    lo, hi = starts[entry]
    table = runs(off, entry) if off else []
    tables += bool(off)
    rs = fdes[(lo, hi)]
    for k, (addr, want) in enumerate(rs):
        end = rs[k + 1][0] if k + 1 < len(rs) else hi
        for pc in {addr, end - 1}:
            got = value_at(table, pc)
            if got is None:
                got = -1
            rows += 1
            if got != want:
                bad.append("0x%x (function 0x%x): pcsp %d, CFI says %d" % (pc, entry, got, want))
    checked += 1
print("functions %d, with an FDE at their entry %d, pcsp tables %d, CFI rows checked %d" %
      (len(funcs), checked, tables, rows))
for b in bad[:20]:
    print("MISMATCH " + b)
print("FAIL" if bad or not rows else "OK")
sys.exit(1 if bad or not rows else 0)
