#!/usr/bin/env python3
"""Cross-checks a gocc binary's pclntab against three readers.

usage: crosscheck.py BINARY [SAMPLES]

Addresses: every function entry (STT_FUNC symbols with a size in .text) and SAMPLES
(default 3000) instruction boundaries of .text drawn with a fixed seed from
`llvm-objdump -d`, three quarters of them from code with line information (most of a
gocc binary is static libstdc++, which has none), one quarter from the rest. For each, it asks
  go tool addr2line     Go 1.19's debug/gosym reading our .gopclntab
  gocc tool addr2line   formats/pclntab.h reading it
  llvm-symbolizer       the DWARF line tables, with --inlines and with --no-inlines
and, for the inlined calls, gocc tool addr2line -i (the table's inline tree) against
llvm-symbolizer --inlines' whole chain of frames, and prints agreement rates. It fails
(exit 1) unless Go and gocc agree on every name and every file:line, unless gocc agrees with
llvm-symbolizer --no-inlines on every address whose line DWARF maps (a line other than 0),
and unless at each such address gocc's inlined frames are llvm-symbolizer's: as many, each
with the same name and file:line, and the outermost at the same file:line. The first
disagreements are printed.
"""
import json
import random
import re
import subprocess
import sys


def run(argv, stdin=""):
    return subprocess.run(argv, input=stdin, capture_output=True, text=True, check=True).stdout


def text_range(binary):
    for line in run(["llvm-readelf", "-S", "--wide", binary]).splitlines():
        m = re.search(r"\]\s+\.text\s+PROGBITS\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", line)
        if m:
            start = int(m.group(1), 16)
            return start, start + int(m.group(2), 16)
    sys.exit("crosscheck: no .text in " + binary)


def function_entries(binary, start, end):
    entries = set()
    for line in run(["llvm-readelf", "-s", "--wide", binary]).splitlines():
        f = line.split()
        if len(f) >= 8 and f[3] == "FUNC" and f[6] != "UND":
            addr, size = int(f[1], 16), int(f[2], 0)
            if size > 0 and start <= addr < end:
                entries.add(addr)
    return entries


def instruction_boundaries(binary):
    out = run(["llvm-objdump", "-d", "--no-show-raw-insn", "--section=.text", binary])
    return [int(m.group(1), 16) for m in re.finditer(r"^\s*([0-9a-f]+):", out, re.M)]


def pairs(text):
    lines = text.split("\n")
    return [(lines[i], lines[i + 1]) for i in range(0, len(lines) - 1, 2)]


def blocks(text):
    """gocc tool addr2line -i's answers: per address, its (name, file:line) frames."""
    result = []
    for block in text.split("\n\n")[:-1]:
        result.append(pairs(block.lstrip("\n") + "\n"))
    return result


def symbolize_chains(binary, addrs):
    """llvm-symbolizer --inlines: per address, every frame, innermost first."""
    stdin = "".join("0x%x\n" % a for a in addrs)
    out = run(["llvm-symbolizer", "--obj=" + binary, "--inlines", "--output-style=JSON"], stdin)
    result = []
    for line in out.splitlines():
        chain = []
        for f in json.loads(line).get("Symbol") or [{}]:
            name = f.get("FunctionName") or "??"
            loc = "%s:%d" % (f["FileName"], f.get("Line", 0)) if f.get("FileName") else "??:0"
            chain.append((name, loc))
        result.append(chain)
    return result


def symbolize(binary, addrs, inlines):
    # JSON style gives one line per address, whatever the number of inlined frames; the
    # first frame is the innermost, the line table's row. Formatted as GNU style prints it.
    flag = "--inlines" if inlines else "--no-inlines"
    stdin = "".join("0x%x\n" % a for a in addrs)
    out = run(["llvm-symbolizer", "--obj=" + binary, flag, "--output-style=JSON"], stdin)
    result = []
    for line in out.splitlines():
        frames = json.loads(line).get("Symbol") or [{}]
        f = frames[0]
        name = f.get("FunctionName") or "??"
        loc = "%s:%d" % (f["FileName"], f.get("Line", 0)) if f.get("FileName") else "??:0"
        result.append((name, loc))
    return result


def main():
    binary = sys.argv[1]
    samples = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    start, end = text_range(binary)
    entries = function_entries(binary, start, end)
    bounds = instruction_boundaries(binary)
    rng = random.Random(1)
    answers = pairs(run(["gocc", "tool", "addr2line", binary], "".join("%x\n" % a for a in bounds)))
    with_lines = [a for a, (_, loc) in zip(bounds, answers) if not loc.endswith(":-1")]
    without = [a for a, (_, loc) in zip(bounds, answers) if loc.endswith(":-1")]
    n_with = min(samples * 3 // 4, len(with_lines))
    sampled = set(rng.sample(with_lines, n_with))
    sampled |= set(rng.sample(without, min(samples - n_with, len(without))))
    addrs = sorted(entries | sampled)
    stdin = "".join("%x\n" % a for a in addrs)

    go = pairs(run(["go", "tool", "addr2line", binary], stdin))
    gocc = pairs(run(["gocc", "tool", "addr2line", binary], stdin))
    sym_no = symbolize(binary, addrs, inlines=False)
    sym_in = symbolize(binary, addrs, inlines=True)
    assert len(go) == len(gocc) == len(sym_no) == len(sym_in) == len(addrs), \
        (len(go), len(gocc), len(sym_no), len(sym_in), len(addrs))

    def rate(ok, n):
        return "%d/%d (%.2f%%)" % (ok, n, 100.0 * ok / n if n else 100.0)

    bad = []
    names = sum(g[0] == c[0] for g, c in zip(go, gocc))
    lines = sum(g[1] == c[1] for g, c in zip(go, gocc))
    for a, g, c in zip(addrs, go, gocc):
        if g != c:
            bad.append("0x%x go %s | gocc %s" % (a, g, c))
    mapped = [i for i, s in enumerate(sym_no) if not s[1].startswith("??") and not s[1].endswith(":0")]
    agree_no = sum(gocc[i][1] == sym_no[i][1] for i in mapped)
    agree_in = sum(gocc[i][1] == sym_in[i][1] for i in mapped)
    for i in mapped:
        if gocc[i][1] != sym_no[i][1]:
            bad.append("0x%x gocc %s | llvm-symbolizer %s" % (addrs[i], gocc[i][1], sym_no[i][1]))
    # Inlined frames: the whole chain at every DWARF-mapped address. The outermost frame's
    # name is the symbol table's in gocc's table and the DWARF subprogram's in llvm-symbolizer's
    # answer (aliases may differ), so only its file:line is compared.
    gocc_chains = blocks(run(["gocc", "tool", "addr2line", "-i", binary], stdin))
    sym_chains = symbolize_chains(binary, addrs)
    assert len(gocc_chains) == len(sym_chains) == len(addrs), (len(gocc_chains), len(sym_chains))
    agree_chain = 0
    inlined_addrs = 0
    inlined_frames = 0
    for i in mapped:
        g, s = gocc_chains[i], sym_chains[i]
        same = len(g) == len(s) and g[:-1] == s[:-1] and g[-1][1] == s[-1][1]
        agree_chain += same
        inlined_addrs += len(s) > 1
        inlined_frames += len(s) - 1
        if not same:
            bad.append("0x%x gocc -i %s | llvm-symbolizer --inlines %s" % (addrs[i], g, s))
    unknown = sum(c[0] == "?" for c in gocc)
    nolines = sum(c[0] != "?" and c[1] == ":-1" for c in gocc)

    print("addresses: %d (%d function entries, %d sampled instruction boundaries of %d)" %
          (len(addrs), len(entries), len(sampled), len(bounds)))
    print("go vs gocc, names:                    " + rate(names, len(addrs)))
    print("go vs gocc, file:line:                " + rate(lines, len(addrs)))
    print("DWARF-mapped addresses (line != 0):   %d" % len(mapped))
    print("gocc vs llvm-symbolizer --no-inlines: " + rate(agree_no, len(mapped)))
    print("gocc vs llvm-symbolizer --inlines:    " + rate(agree_in, len(mapped)))
    print("gocc -i vs llvm-symbolizer --inlines, every frame: " + rate(agree_chain, len(mapped)))
    print("  addresses in inlined code: %d, inlined frames: %d" % (inlined_addrs, inlined_frames))
    print("outside every function (?):           %d" % unknown)
    print("in a function without lines (:-1):    %d" % nolines)
    for line in bad[:20]:
        print("MISMATCH " + line)
    if (names != len(addrs) or lines != len(addrs) or agree_no != len(mapped) or not mapped
            or agree_chain != len(mapped) or not inlined_addrs):
        print("FAIL")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
