#!/usr/bin/env python3
"""Checks a traceback's frames against llvm-symbolizer --inlines.

usage: symbolizer-check.py BINARY < TRACEBACK

TRACEBACK is a gocc program's report at GOTRACEBACK=system (every frame, pc= on each
function's own frame). The first goroutine's frames up to `main` are grouped: the inlined
calls' frames (no pc) and then the function's own frame (pc=0x...). For each group, it asks
llvm-symbolizer --inlines about the pc the traceback looked up (the return address - 1 for
every frame but a faulting one: the first frame of a signal report, which the report marks
with [signal ...]) and prints one line per group, "agree: N frames" or "MISMATCH ...": the
same number of frames, the same names, the same file:line for each.
"""
import json
import re
import subprocess
import sys


def main():
    binary = sys.argv[1]
    text = sys.stdin.read()
    signal = "[signal " in text
    lines = text.split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith("goroutine "))
    groups, group = [], []
    i = start + 1
    while i + 1 < len(lines) and lines[i] and lines[i + 1].startswith("\t"):
        name, where = lines[i], lines[i + 1].strip()
        m = re.match(r"(\S+:-?\d+)(?: \+0x[0-9a-f]+)?(?: fp=\S+ sp=\S+ pc=0x([0-9a-f]+))?$", where)
        group.append((name, m.group(1)))
        if m.group(2):
            groups.append((int(m.group(2), 16), group))
            group = []
            if name == "main":
                break
        i += 2
    status = 0
    for n, (pc, frames) in enumerate(groups):
        lookup = pc if n == 0 and signal else pc - 1
        out = subprocess.run(["llvm-symbolizer", "--obj=" + binary, "--inlines",
                              "--output-style=JSON", "0x%x" % lookup],
                             capture_output=True, text=True, check=True).stdout
        want = [(f["FunctionName"], "%s:%d" % (f["FileName"], f["Line"]))
                for f in json.loads(out)[0]["Symbol"]]
        if want == frames:
            print("%s: agree: %d frames" % (frames[-1][0], len(frames)))
        else:
            print("MISMATCH at 0x%x: traceback %s | llvm-symbolizer %s" % (lookup, frames, want))
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
