#!/usr/bin/env bash
# bench/traceback.sh: in-process cost of the runtime's pc → function/file/line lookups (what a
# traceback, Caller and FuncForPC do per frame), in a gocc-built program: bench/traceback.cpp.
# Target: under 1 µs per frame. Prints figures; no pass/fail.
#   bench/traceback.sh      (needs a built gocc: ./make.bash)
source "$(dirname "$0")/common.sh"
"$gocc" build -o "$work/traceback" "$here/traceback.cpp"
"$gocc" info "$work/traceback" | grep -i pclntab || true
for i in 1 2 3; do "$work/traceback"; done
