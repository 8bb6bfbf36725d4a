#!/usr/bin/env bash
# bench/pch.sh: what a cached standard-header PCH saves a compile (docs/pch.md), measured in one
# run on this machine for two units:
#   hello   <iostream> and a line of output
#   five    <vector> <string> <map> <iostream> <algorithm> (test/pch/Inputs/five.cpp)
# For each, the wall time of
#   plain       gocc build's clang command for the unit (-std=c++20 -O2 -g ... -c), as
#               `gocc tool pch compile -x -plain` prints it
#   pch         the same command with -include-pch of the unit's cached PCH
#   clang-O2g   the issue's anchor: clang++-19 -O2 -g -c, nothing else
#   pch-build   building the PCH itself (a cache miss's extra cost)
# run RUNS times each (default 11), the ways interleaved run by run so that machine noise hits
# all alike; the figures are medians in ms. Then the PCH's size and the ratios.
#   bench/pch.sh [RUNS]      (needs a built gocc: ./make.bash)
source "$(dirname "$0")/common.sh"
runs=${1:-11}

cat > "$work/hello.cpp" <<'CPP'
#include <iostream>
int main() { std::cout << "hello, world\n"; }
CPP
cp "$root/test/pch/Inputs/five.cpp" "$work/five.cpp"
cd "$work"

# The commands, as the tool runs them (its -x trace: the PCH build, then the compile with it).
commands() { "$gocc" tool pch compile -x "$@" 2>&1 >/dev/null | grep -E '^[^ ]*clang'; }
ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(((t1 - t0) / 1000)); }
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'; }

printf "%-6s %10s %10s %10s %10s %12s\n" unit "plain ms" "pch ms" "clang-O2g" "pch-build" "pch bytes"
for unit in hello five; do
  mapfile -t plain < <(commands -plain -o "$unit-plain.o" "$unit.cpp")
  mapfile -t viapch < <(commands -cache "$work/cache-$unit" -o "$unit-pch.o" "$unit.cpp")
  read -ra plainCmd <<<"${plain[0]}"
  read -ra buildCmd <<<"${viapch[0]}"
  read -ra pchCmd <<<"${viapch[1]}"
  pchFile=$(ls "$work/cache-$unit"/pch/*/std.pch)
  : >"$unit.plain"; : >"$unit.pch"; : >"$unit.anchor"; : >"$unit.build"
  for _ in $(seq "$runs"); do
    ms "${plainCmd[@]}" >>"$unit.plain"
    ms "${pchCmd[@]}" >>"$unit.pch"
    ms clang++-19 -O2 -g -c -o "$unit-anchor.o" "$unit.cpp" >>"$unit.anchor"
    ms "${buildCmd[@]}" >>"$unit.build"
    mv "${buildCmd[-4]}" "$pchFile"  # the tool's temporary name, as the tool renames it
  done
  p=$(median <"$unit.plain") c=$(median <"$unit.pch") a=$(median <"$unit.anchor")
  b=$(median <"$unit.build")
  printf "%-6s %10s %10s %10s %10s %12s\n" "$unit" "$p" "$c" "$a" "$b" "$(stat -c %s "$pchFile")"
  awk -v p="$p" -v c="$c" -v a="$a" -v b="$b" 'BEGIN {
    printf "       pch/plain %.2f   pch/clang-O2g %.2f (target <= 0.5)   (pch-build+pch)/plain %.2f\n",
      c / p, c / a, (b + c) / p }'
done
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); runs: $runs"
