#!/usr/bin/env bash
# bench/startup.sh: start-up time of hello world (iostream), built six ways, measured in
# one run on this machine:
#   gocc          gocc build (libstdc++/libgcc static, glibc dynamic, Go's bootstrap)
#   clang-same    clang++-19 -O2, linked the same way (-static-libstdc++ -static-libgcc, and
#                 libm only as needed)
#   clang-gocclink clang-same plus gocc's own link choices: not position-independent, dead
#                 code left out (-ffunction-sections -fdata-sections, --gc-sections); what
#                 those alone give a plain C++ program, for comparison
#   clang-dynamic clang++-19 -O2, default linking (libstdc++.so)
#   gocc-static   gocc build -static (glibc too: one self-contained file)
#   clang-static  clang++-19 -O2 -static
#   go            Go 1.19's hello world (fmt.Println)
#   floor         a static C program that only returns: the cost of starting any process here
# Each program is started RUNS times (default 2000), all interleaved start by start so
# that machine noise hits all alike; the figure is the median wall time from spawn to exit.
#   bench/startup.sh [RUNS]      (needs a built gocc: ./make.bash)
source "$(dirname "$0")/common.sh"
runs=${1:-2000}

cat > "$work/hello.cpp" <<'CPP'
#include <iostream>
int main() { std::cout << "hello, world\n"; }
CPP
cat > "$work/hello.go" <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello, world") }
GO

clang-19 -O2 -o "$work/spawntime" "$here/spawntime.c"
"$gocc" build -o "$work/gocc" "$work/hello.cpp"
clang++-19 -O2 -static-libstdc++ -static-libgcc -fuse-ld=lld -Wl,--as-needed -o "$work/clang-same" "$work/hello.cpp"
clang++-19 -O2 -static-libstdc++ -static-libgcc -fuse-ld=lld -Wl,--as-needed -no-pie \
  -ffunction-sections -fdata-sections -Wl,--gc-sections -o "$work/clang-gocclink" "$work/hello.cpp"
clang++-19 -O2 -fuse-ld=lld -o "$work/clang-dynamic" "$work/hello.cpp"
"$gocc" build -static -o "$work/gocc-static" "$work/hello.cpp"
clang++-19 -O2 -static -fuse-ld=lld -o "$work/clang-static" "$work/hello.cpp"
# The floor: a static C program that only returns. What every start costs here before any
# program code runs (fork, exec, the kernel's mapping, exit, the wait), which the ratios include.
printf 'int main(void) { return 0; }\n' > "$work/nop.c"
clang-19 -O2 -static -o "$work/floor" "$work/nop.c"
programs=(gocc clang-same clang-gocclink clang-dynamic gocc-static clang-static floor)
if command -v go >/dev/null; then
  (cd "$work" && GOCACHE="$work/gocache" GO111MODULE=off go build -o "$work/go" hello.go)
  programs+=(go)
fi

printf "%-14s %10s %10s %10s\n" program "median µs" "p10" "p90"
declare -A med
while read -r path median p10 p90; do
  p=$(basename "$path")
  med[$p]=$median
  printf "%-14s %10.1f %10.1f %10.1f\n" "$p" "$median" "$p10" "$p90"
done < <("$work/spawntime" "$runs" "${programs[@]/#/$work/}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "gocc / clang-same:    $(ratio "${med[gocc]}" "${med[clang-same]}")  (target <= 1.10)"
echo "gocc / clang-gocclink: $(ratio "${med[gocc]}" "${med[clang-gocclink]}")  (the runtime's own cost)"
echo "gocc-static / clang-static: $(ratio "${med[gocc-static]}" "${med[clang-static]}")"
if [ -n "${med[go]:-}" ]; then
  echo "gocc / go:            $(ratio "${med[gocc]}" "${med[go]}")  (target < 0.90)"
  echo "gocc-static / go:     $(ratio "${med[gocc-static]}" "${med[go]}")  (target <= 0.60)"
  # The same with the floor taken off both: the programs' own start-up, which the targets are
  # about when a machine's process start is slow.
  above() { awk -v a="$1" -v b="$2" -v f="${med[floor]}" 'BEGIN { printf "%.2f", (a - f) / (b - f) }'; }
  echo "above the floor: gocc / go $(above "${med[gocc]}" "${med[go]}"), gocc-static / go $(above "${med[gocc-static]}" "${med[go]}"), clang-static / go $(above "${med[clang-static]}" "${med[go]}")"
fi
echo "machine: $(nproc) CPUs, $(uname -r); runs per program: $runs"
