#!/usr/bin/env bash
# bench/tailcalls.sh: what keeping every caller's frame costs. gocc compiles with
# -fno-optimize-sibling-calls (a call in tail position stays a call, as in Go, so tracebacks
# show every function); the peer is the same program built with -cxxflags=-foptimize-sibling-calls.
# bench/tailcalls.cpp's workloads (an interpreter, std::sort + std::map, a recursive-descent
# parser), the two builds interleaved run by run; figures are medians of RUNS (default 15), in ms.
#   bench/tailcalls.sh [RUNS]      (needs a built gocc: ./make.bash)
source "$(dirname "$0")/common.sh"
runs=${1:-15}
export GOCCCACHE=off
"$gocc" build -o "$work/keep" "$here/tailcalls.cpp"
"$gocc" build -cxxflags=-foptimize-sibling-calls -o "$work/sibling" "$here/tailcalls.cpp"
for r in $(seq 1 "$runs"); do
  "$work/keep" | sed 's/^/keep /'
  "$work/sibling" | sed 's/^/sibling /'
done > "$work/times"
echo "median of $runs runs, ms (result checked equal)"
for w in interp sortmap parse; do
  k=$(awk -v w=$w '$1=="keep" && $2==w {print $4}' "$work/times" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  s=$(awk -v w=$w '$1=="sibling" && $2==w {print $4}' "$work/times" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  rk=$(awk -v w=$w '$1=="keep" && $2==w {print $3; exit}' "$work/times")
  rs=$(awk -v w=$w '$1=="sibling" && $2==w {print $3; exit}' "$work/times")
  [ "$rk" = "$rs" ] || { echo "$w: results differ ($rk vs $rs)"; exit 1; }
  printf '%-8s frames kept %8.2f   sibling calls %8.2f   ratio %.3f\n' "$w" "$k" "$s" \
    "$(awk -v a="$k" -v b="$s" 'BEGIN {print a/b}')"
done
