#!/usr/bin/env bash
# gdb-first-hits.sh BINARY BREAKPOINT... -- ARGS...
# Runs BINARY under gdb with a breakpoint on each name and prints, one per line, the
# name of each breakpoint hit, in the order first hit. (Names come from the breakpoint's
# number, not from gdb's stop line, which names an inlined callee when one starts there.)
set -eu
bin=$1; shift
cmds=$(mktemp)
names=()
trap 'rm -f "$cmds"' EXIT
{
  echo "set breakpoint pending on"
  echo "set pagination off"
  # gdb steps a thread over a breakpoint by copying the instruction to a scratch pad at the
  # executable's entry point. A library's runtime thread (gocc build -buildmode=c-shared) hits
  # breakpoints while the loader's thread may be running through that very entry point
  # (_start, after the library's initializer), which would then execute the scratch pad:
  # stepping over with all threads stopped instead has no such window.
  echo "set displaced-stepping off"
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do echo "break $1"; names+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  echo "run $*"
  for _ in $(seq 1 200); do echo "continue"; done
} > "$cmds"
gdb -nx -batch -x "$cmds" "$bin" 2>&1 \
  | sed -nE 's/^(Thread [0-9]+ "[^"]*" hit )?Breakpoint ([0-9]+), .*$/\2/p' \
  | awk '!seen[$0]++' \
  | while read -r n; do echo "${names[$((n - 1))]}"; done
