#!/usr/bin/env python3
"""bench/pch_compare.py: compiles units with and without their standard-header PCH and says how
the results differ (docs/pch.md).

usage: bench/pch_compare.py [-gocc PATH] [-cxxflags FLAGS] [-keep DIR] UNIT...

Each unit is compiled twice by `gocc tool pch compile`: with -plain (gocc build's clang command)
and through the PCH of its prefix (built once per prefix into a cache shared by all units).
For each unit one line:
  UNIT  way  status  diagnostics  object  stripped  lines  dwarf
    way          how the PCH compile went (built, reused, none, plain-again)
    status       both exit statuses equal (same) or not (DIFF)
    diagnostics  both stderr texts equal, byte for byte
    object       both objects equal, byte for byte
    stripped     both objects equal after llvm-objcopy --strip-debug: code, data, symbols,
                 relocations, every section but the DWARF
    lines        the line tables give every address the same file, line and column
    dwarf        the DIEs, each written as its path from the unit with references spelled as
                 the path of the DIE referred to: "same", or "-N" (N of the plain compile's DIEs
                 missing with the PCH, counted by tag in the summary; "(M located)" if M of them
                 have an address or a location), or "+N" for DIEs only the PCH compile has
A summary counts units per verdict, the dwarf column there "subset" for a "-N" with nothing
located. Exit status 1 if any unit differs in status,
diagnostics, stripped object, line table or has DIEs the plain compile lacks.
"""
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

DUMP = "llvm-dwarfdump-19" if shutil.which("llvm-dwarfdump-19") else "llvm-dwarfdump"
OBJCOPY = "llvm-objcopy-19" if shutil.which("llvm-objcopy-19") else "llvm-objcopy"


def run(argv):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def dies(obj):
    """The DIEs of obj as a multiset of signatures, and the tag of each signature's root."""
    text = run([DUMP, "--debug-info", obj])[1]
    entries = []  # (offset, depth, tag, [attribute lines])
    for line in text.splitlines():
        m = re.match(r"^0x([0-9a-f]+):( *)(DW_TAG_\w+|NULL)", line)
        if m:
            entries.append([int(m.group(1), 16), len(m.group(2)), m.group(3), []])
        elif entries and line.strip().startswith("DW_AT_"):
            entries[-1][3].append(line.strip())
    by_offset = {e[0]: e for e in entries}
    path = {}
    stack = []
    for e in entries:
        while stack and stack[-1][1] >= e[1]:
            stack.pop()
        names = [a for a in e[3] if a.startswith(("DW_AT_name", "DW_AT_linkage_name"))]
        own = e[2] + "{" + ";".join(names) + "}"
        path[e[0]] = (path[stack[-1][0]] + "/" if stack else "") + own
        stack.append(e)

    def spell(attr):
        return re.sub(r"\(0x([0-9a-f]{8})( \"[^\"]*\")?\)",
                      lambda m: "(" + path.get(int(m.group(1), 16), "?") + ")", attr)

    sigs = collections.Counter()
    root_tag = {}
    for e in entries:
        if e[2] == "NULL":
            continue
        sig = path[e[0]] + "[" + ";".join(spell(a) for a in e[3]) + "]"
        sigs[sig] += 1
        root_tag[sig] = e[2]
    return sigs, root_tag


def line_rows(obj):
    """Every row of obj's line tables as (section address, file name, line, column)."""
    text = run([DUMP, "--debug-line", obj])[1]
    rows, files, cur = [], {}, None
    for line in text.splitlines():
        m = re.match(r"^file_names\[\s*(\d+)\]:", line)
        if m:
            cur = int(m.group(1))
            continue
        m = re.match(r"^\s+name: \"(.*)\"", line)
        if m and cur is not None:
            files[cur] = m.group(1)
            cur = None
            continue
        m = re.match(r"^0x([0-9a-f]+)\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+\s+\d+\s+\d+\s+(.*)$", line)
        if m:
            rows.append((m.group(1), files.get(int(m.group(4)), m.group(4)), m.group(2),
                         m.group(3), m.group(5).strip()))
    return rows


def main(argv):
    gocc = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "bin", "gocc")
    extra, keep, units = [], None, []
    i = 0
    while i < len(argv):
        if argv[i] == "-gocc":
            gocc = argv[i + 1]
            i += 2
        elif argv[i] == "-cxxflags":
            extra = ["-cxxflags=" + argv[i + 1]]
            i += 2
        elif argv[i] == "-keep":
            keep = argv[i + 1]
            i += 2
        else:
            units.append(argv[i])
            i += 1
    if not units:
        sys.stderr.write(__doc__)
        return 2
    work = keep or tempfile.mkdtemp(prefix="pch-compare")
    os.makedirs(work, exist_ok=True)
    cache = os.path.join(work, "cache")
    verdicts = collections.Counter()
    missing_tags = collections.Counter()
    bad = False
    for n, unit in enumerate(units):
        plain_o = os.path.join(work, "%d-plain.o" % n)
        pch_o = os.path.join(work, "%d-pch.o" % n)
        s1, _, e1 = run([gocc, "tool", "pch", "compile", "-plain"] + extra + ["-o", plain_o, unit])
        s2, _, e2 = run([gocc, "tool", "pch", "compile", "-v", "-cache", cache] + extra +
                        ["-o", pch_o, unit])
        way = "?"
        kept = []
        for line in e2.splitlines(keepends=True):
            m = re.match(r"^pch: (built|reused|none|plain again)", line)
            if m:
                way = m.group(1).replace(" ", "-")
            else:
                kept.append(line)
        e2 = "".join(kept)
        cols = [unit, way, "same" if s1 == s2 else "DIFF", "same" if e1 == e2 else "DIFF"]
        if os.path.exists(plain_o) and os.path.exists(pch_o):
            a, b = open(plain_o, "rb").read(), open(pch_o, "rb").read()
            cols.append("same" if a == b else "DIFF")
            run([OBJCOPY, "--strip-debug", plain_o, plain_o + ".s"])
            run([OBJCOPY, "--strip-debug", pch_o, pch_o + ".s"])
            sa, sb = open(plain_o + ".s", "rb").read(), open(pch_o + ".s", "rb").read()
            cols.append("same" if sa == sb else "DIFF")
            cols.append("same" if line_rows(plain_o) == line_rows(pch_o) else "DIFF")
            da, tags = dies(plain_o)
            db, _ = dies(pch_o)
            only_plain, only_pch = da - db, db - da
            if not only_plain and not only_pch:
                cols.append("same")
            else:
                word = []
                if only_plain:
                    word.append("-%d" % sum(only_plain.values()))
                    # DIEs that describe code or storage: none should be missing.
                    located = sum(c for sig, c in only_plain.items()
                                  if re.search(r"DW_AT_(low_pc|ranges|location)", sig))
                    if located:
                        word.append("(%d located)" % located)
                if only_pch:
                    word.append("+%d" % sum(only_pch.values()))
                cols.append("".join(word))
                for sig, count in only_plain.items():
                    missing_tags[tags[sig]] += count
        else:
            cols += ["no-object"] * 4 if (s1 != 0 and s2 != 0) else ["DIFF"] * 4
        print("  ".join(cols))
        sys.stdout.flush()
        verdict = cols[1:7] + ["subset" if cols[7].startswith("-") and "+" not in cols[7]
                               and "located" not in cols[7] else cols[7]]
        verdicts[tuple(verdict)] += 1
        if "DIFF" in cols[2:4] + cols[5:7] or "+" in cols[7] or "located" in cols[7]:
            bad = True
    print("summary (way status diagnostics object stripped lines dwarf: units):")
    for v, c in sorted(verdicts.items()):
        print("  " + " ".join(v) + ": " + str(c))
    if missing_tags:
        print("DIEs missing with the PCH, by tag:")
        for tag, c in missing_tags.most_common():
            print("  %s %d" % (tag, c))
    if not keep:
        shutil.rmtree(work)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
