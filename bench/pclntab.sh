#!/usr/bin/env bash
# bench/pclntab.sh: what the pclntab costs and what it buys, measured on this machine.
#   1. size: .gopclntab against .debug_line, and against all the DWARF that answers the same
#      questions (pc → function name needs .debug_info/.debug_abbrev/.debug_str/
#      .debug_str_offsets/.debug_addr/.debug_rnglists/.debug_line_str too), for gocc's hello
#      for the multi-file test program and for a program using <regex> and <map> (heavily
#      inlined header templates); .gopclntab/.text for each, and how much of the table is the
#      inline tree (trees, their pcdata, the inlined functions' names); Go 1.19 hello's
#      .gopclntab/.text ratio vs ours.
#   2. lookups per second: findFunc + fileLine (formats/pclntab.h, in-process, the table read
#      from the file) against llvm-symbolizer and binutils addr2line (one process for all the
#      addresses, start-up included) on the same 20000 instruction addresses.
#   3. build time: the pclntab step and the second link against the whole gocc build
#      (median of 5 builds from scratch, no cache, from gocc build -a -debug-trace).
# Prints figures; no pass/fail.   bench/pclntab.sh   (needs a built gocc: ./make.bash)
source "$(dirname "$0")/common.sh"
export PATH="$(llvm-config-19 --bindir):$PATH"

cat > "$work/hello.cpp" <<'CPP'
#include <iostream>
int main() { std::cout << "hello, world\n"; }
CPP
cat > "$work/hello.go" <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello, world") }
GO
"$gocc" build -o "$work/hello" "$work/hello.cpp"
"$gocc" build -o "$work/multi" "$root/test/pclntab/Inputs/multi"
cp "$root/test/pclntab/Inputs/regex_map.cpp" "$work/regex.cpp"
"$gocc" build -o "$work/regex" "$work/regex.cpp"

sizes() { # binary → "name size" for every section
  llvm-readelf -S --wide "$1" | sed -nE 's/^ *\[ *[0-9]+\] +([^ ]+) +[A-Z_]+ +[0-9a-f]+ +[0-9a-f]+ +([0-9a-f]+) .*/\1 \2/p'
}
size_of() { # binary section...
  local total=0 s
  for s in "${@:2}"; do
    local hex
    hex=$(sizes "$1" | awk -v n="$s" '$1 == n {print $2}')
    total=$((total + 0x${hex:-0}))
  done
  echo "$total"
}

echo "== 1. size (bytes)"
dwarf_names=(.debug_line .debug_info .debug_abbrev .debug_str .debug_str_offsets .debug_addr .debug_rnglists .debug_line_str)
printf "%-8s %10s %10s %12s %7s %18s %7s %22s %7s %7s\n" program .text .gopclntab .debug_line ratio "DWARF(lines+names)" ratio "DWARF+.symtab/.strtab" ratio nfunc
for p in hello multi regex; do
  text=$(size_of "$work/$p" .text)
  tab=$(size_of "$work/$p" .gopclntab)
  line=$(size_of "$work/$p" .debug_line)
  dwarf=$(size_of "$work/$p" "${dwarf_names[@]}")
  all=$(size_of "$work/$p" "${dwarf_names[@]}" .symtab .strtab)
  # (not to /dev/null: objcopy renames a new file over its output, which would replace the device)
  llvm-objcopy --dump-section .gopclntab="$work/$p.tab" "$work/$p" "$work/$p.copy"
  nfunc=$(python3 -c "import struct,sys; print(struct.unpack_from('<q', open(sys.argv[1],'rb').read(), 8)[0])" "$work/$p.tab")
  printf "%-8s %10d %10d %12d %7s %18d %7s %22d %7s %7d\n" "$p" "$text" "$tab" "$line" \
    "$(python3 -c "print('%.2f' % ($tab/$line))")" "$dwarf" "$(python3 -c "print('%.2f' % ($tab/$dwarf))")" \
    "$all" "$(python3 -c "print('%.2f' % ($tab/$all))")" "$nfunc"
done
echo
echo ".gopclntab / .text, and the inline tree's share of the table:"
for p in hello multi regex; do
  python3 - "$p" "$work/$p.tab" "$(size_of "$work/$p" .text)" <<'PY'
import struct, sys
name, d, text = sys.argv[1], open(sys.argv[2], "rb").read(), int(sys.argv[3])
h = struct.unpack_from("<IBBBBqQQQQQQQ", d, 0)
nfunc, fn, ftab = h[5], h[8], h[12]
def cstr(o):
    return d[fn + o:d.index(b"\0", fn + o)]
trees, records, funcnames, inlnames = [], 0, set(), set()
for i in range(nfunc):
    foff = struct.unpack_from("<I", d, ftab + i * 8 + 4)[0]
    rec = struct.unpack_from("<IiiIIIIIIBBBB", d, ftab + foff)
    funcnames.add(cstr(rec[1]))
    if rec[12] > 3:  # nfuncdata: the inline tree is funcdata 3
        records += 1
        trees.append(struct.unpack_from("<I", d, ftab + foff + 40 + rec[7] * 4 + 12)[0])
trees.sort()
end = len(d)
entries = 0
for j, t in enumerate(trees):
    n = ((trees[j + 1] if j + 1 < len(trees) else end) - t) // 20
    for k in range(n):
        e = struct.unpack_from("<hBBiiii", d, t + k * 20)
        if e[5] >= 0:
            inlnames.add(cstr(e[5]))
    entries += n
extra_names = sum(len(x) + 1 for x in inlnames - funcnames)
print("%-6s ratio %.3f; %d functions with a tree, %d entries (%d bytes), pcdata+funcdata %d bytes,"
      " inlined-only names %d bytes" % (name, len(d) / text, records, entries, entries * 20,
                                        records * 28, extra_names))
PY
done
python3 - "$work/hello.tab" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
n, nf, ts, fn, cu, ft, pc, pl = struct.unpack_from("<qQQQQQQQ", d, 8)
parts = [("funcnametab", fn, cu), ("cutab", cu, ft), ("filetab", ft, pc), ("pctab", pc, pl), ("functab+_func", pl, len(d))]
print("gocc hello's table: " + ", ".join("%s %d" % (name, b - a) for name, a, b in parts))
PY
echo "(gocc's DWARF covers only the program and the runtime: static libstdc++ has none, while the"
echo " table names every function of the executable, as only .symtab/.strtab otherwise do)"
if command -v go >/dev/null; then
  (cd "$work" && GOCACHE="$work/gocache" GO111MODULE=off go build -o "$work/gohello" hello.go)
  gtext=$(size_of "$work/gohello" .text)
  gtab=$(size_of "$work/gohello" .gopclntab)
  htext=$(size_of "$work/hello" .text)
  htab=$(size_of "$work/hello" .gopclntab)
  echo "Go 1.19 hello: .text $gtext, .gopclntab $gtab, ratio $(python3 -c "print('%.2f' % ($gtab/$gtext))");" \
       "gocc hello: ratio $(python3 -c "print('%.2f' % ($htab/$htext))")"
fi

echo
echo "== 2. lookups (20000 instruction addresses of multi's .text, half in code with lines)"
clang++-19 -std=c++20 -O2 -I"$root" -o "$work/pclntab_lookup" "$here/pclntab_lookup.cpp"
llvm-objdump -d --no-show-raw-insn --section=.text "$work/multi" | sed -nE 's/^ *([0-9a-f]+):.*/\1/p' > "$work/all"
"$gocc" tool addr2line "$work/multi" < "$work/all" | paste - - | paste "$work/all" - > "$work/answers"
python3 - "$work/answers" "$work/addrs" <<'PY'
import random, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
lines = [r[0] for r in rows if not r[2].endswith(":-1")]
other = [r[0] for r in rows if r[2].endswith(":-1")]
rng = random.Random(1)
pick = rng.sample(lines, min(10000, len(lines))) + rng.sample(other, min(10000, len(other)))
rng.shuffle(pick)
open(sys.argv[2], "w").write("".join("0x%s\n" % a for a in pick))
PY
n=$(wc -l < "$work/addrs")
read -r rate ns found _ < <("$work/pclntab_lookup" "$work/multi" "$work/addrs")
echo "gocc pclntab.h (findFunc+fileLine): $rate lookups/s, $ns ns/lookup ($found of $n with a line)"
timeit() { # command... → seconds for one run over all addresses
  local s e
  s=$(date +%s.%N); "$@" < "$work/addrs" > /dev/null; e=$(date +%s.%N)
  python3 -c "print($e - $s)"
}
for tool in "llvm-symbolizer --obj=$work/multi --no-inlines" "addr2line -f -e $work/multi"; do
  t=$(timeit $tool)
  echo "$tool: $(python3 -c "print('%.0f lookups/s, %.0f ns/lookup' % ($n/$t, $t*1e9/$n))") (one process, $n addresses)"
done
t=$(timeit "$gocc" tool addr2line "$work/multi")
echo "gocc tool addr2line: $(python3 -c "print('%.0f lookups/s, %.0f ns/lookup' % ($n/$t, $t*1e9/$n))") (one process, start-up included)"

echo
echo "== 3. build time (median of 5 builds, ms)"
for p in hello multi regex; do
  src="$work/$p.cpp"; [ "$p" = multi ] && src="$root/test/pclntab/Inputs/multi"
  for i in 1 2 3 4 5; do
    GOCCCACHE=off "$gocc" build -a -debug-trace="$work/trace$i.json" -o "$work/$p.b" "$src"
  done
  python3 - "$p" "$work"/trace?.json <<'PY'
import json, statistics, sys
runs = [json.load(open(f)) for f in sys.argv[2:]]
def med(names):
    return statistics.median(sum(e["dur"] for e in r if e["name"] in names) for r in runs) / 1000
total = statistics.median(sum(e["dur"] for e in r) for r in runs) / 1000
extra = med({"buildTable", "relink", "checkText"})
print("%-6s whole build %.1f, link %.1f, pclntab %.1f, relink %.1f, check %.1f: the table costs %.1f ms (%.1f%%)" % (
    sys.argv[1], total, med({"linkWithoutTable"}), med({"buildTable"}), med({"relink"}), med({"checkText"}), extra, 100 * extra / total))
PY
done
