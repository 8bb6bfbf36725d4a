#!/usr/bin/env bash
# bench/library.sh: what a C host pays for a gocc library (docs/ports.md, "Costs"), against a
# plain C shared library with the same function, in one run on this machine:
#   gocc   test/buildmode/Inputs/lib.cpp built with gocc build -buildmode=c-shared (its
#          constructor starts a goroutine and waits for it); the export Add goes through its
#          stub
#   plain  int Add(int a, int b) compiled by clang-19 -O2 -shared -fPIC
# Each is loaded RUNS times (default 7), each time by a new process (bench/library.c), the two
# interleaved; printed: the medians of the dlopen time, of the first call's (which waits for
# the runtime and the constructors), and of the time per call over CALLS calls (default 20 M).
#   bench/library.sh [RUNS] [CALLS]      (needs a built gocc: ./make.bash)
source "$(dirname "$0")/common.sh"
runs=${1:-7}
calls=${2:-20000000}

"$gocc" build -buildmode=c-shared -o "$work/gocc.so" "$root/test/buildmode/Inputs/lib.cpp"
echo 'int Add(int a, int b) { return a + b; }' > "$work/plain.c"
clang-19 -O2 -shared -fPIC -o "$work/plain.so" "$work/plain.c"
clang-19 -O2 -o "$work/host" "$here/library.c"

for _ in $(seq 1 "$runs"); do
  for lib in gocc plain; do
    printf '%s\t' "$lib" >> "$work/results"
    "$work/host" "$work/$lib.so" Add "$calls" 2>/dev/null | tail -1 >> "$work/results"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %12s %16s %14s\n' lib "dlopen (µs)" "first call (µs)" "per call (ns)"
for lib in gocc plain; do
  open=$(awk -v l=$lib '$1==l {print $2}' "$work/results" | median)
  first=$(awk -v l=$lib '$1==l {print $3}' "$work/results" | median)
  call=$(awk -v l=$lib '$1==l {print $4}' "$work/results" | median)
  printf '%-6s %12s %16s %14s\n' "$lib" "$open" "$first" "$call"
done
