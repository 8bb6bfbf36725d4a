#!/usr/bin/env bash
# gdb-first-hits.sh [--emulator 'EMULATOR ARGS'] BINARY BREAKPOINT... -- ARGS...
# Runs BINARY under gdb with a breakpoint on each name and prints, one per line, the
# name of each breakpoint hit, in the order first hit. (Names come from the breakpoint's
# number, not from gdb's stop line, which names an inlined callee when one starts there.)
# With --emulator, a program for another architecture runs under that qemu-user command's gdb
# stub (-g on a unix socket), and gdb-multiarch attaches to it, as one debugs such a program on
# this machine. The breakpoints are then on the symbols' addresses (gdb-multiarch's arm64
# prologue analysis can land a breakpoint after the function) and temporary: gdb 13 fails an
# internal assertion (finish_step_over) when a second thread hits a breakpoint in qemu's stub,
# and only first hits count anyway.
set -eu
emulator=
if [ "$1" = "--emulator" ]; then emulator=$2; shift 2; fi
bin=$1; shift
work=$(mktemp -d)
cmds=$work/cmds
names=()
trap 'rm -rf "$work"' EXIT
{
  echo "set breakpoint pending on"
  echo "set pagination off"
  # gdb steps a thread over a breakpoint by copying the instruction to a scratch pad at the
  # executable's entry point. A library's runtime thread (gocc build -buildmode=c-shared) hits
  # breakpoints while the loader's thread may be running through that very entry point
  # (_start, after the library's initializer), which would then execute the scratch pad:
  # stepping over with all threads stopped instead has no such window.
  echo "set displaced-stepping off"
  # The stub stops before the first instruction, where no breakpoint reports a hit: a static
  # program is at its entry point already. Its symbol counts as hit if a breakpoint names it.
  if [ -n "$emulator" ]; then echo "target remote $work/gdb.sock"; echo "info symbol \$pc"; fi
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    if [ -n "$emulator" ]; then echo "tbreak *'$1'"; else echo "break $1"; fi
    names+=("$1")
    shift
  done
  [ $# -gt 0 ] && shift
  if [ -z "$emulator" ]; then echo "run $*"; fi
  for _ in $(seq 1 200); do echo "continue"; done
} > "$cmds"
gdb=gdb
if [ -n "$emulator" ]; then
  gdb=gdb-multiarch
  # The stub waits for gdb before the program's first instruction. (A time limit, so that a
  # gdb that dies early cannot leave the test waiting for the program forever.)
  timeout 120 $emulator -g "$work/gdb.sock" "$bin" "$@" >/dev/null 2>&1 &
  for _ in $(seq 1 100); do [ -S "$work/gdb.sock" ] && break; sleep 0.05; done
fi
$gdb -nx -batch -x "$cmds" "$bin" 2>&1 \
  | sed -nE -e 's/^(Thread [0-9]+ ("[^"]*" )?hit )?(Temporary b|B)reakpoint ([0-9]+), .*$/\4/p' \
      -e 's/^([^ ]+) in section .*$/=\1/p' \
  | while read -r n; do
      if [ "${n#=}" != "$n" ]; then
        for name in "${names[@]}"; do [ "$name" = "${n#=}" ] && echo "$name"; done
      else
        echo "${names[$((n - 1))]}"
      fi
    done \
  | awk '!seen[$0]++'
wait
