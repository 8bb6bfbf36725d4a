#!/usr/bin/env bash
# gdb-first-hits.sh BINARY BREAKPOINT... -- ARGS...
# Runs BINARY under gdb with a breakpoint on each name and prints, one per line, the
# name of each breakpoint hit, in the order first hit. (Names come from the breakpoint's
# number, not from gdb's stop line, which names an inlined callee when one starts there.)
# With QEMU set (QEMU=qemu-i386), the program runs under QEMU's user-mode emulation and gdb
# attaches to QEMU's gdb stub (qemu -g PORT), for a target this machine cannot run natively;
# the program's own output is dropped.
set -eu
bin=$1; shift
cmds=$(mktemp)
names=()
emulator=
trap 'rm -f "$cmds"; [ -z "$emulator" ] || kill "$emulator" 2>/dev/null || true' EXIT
{
  echo "set breakpoint pending on"
  echo "set pagination off"
  # Under QEMU each breakpoint is temporary: only first hits count, and qemu-user 7.2's gdb
  # stub kills the program (SIGTRAP) when a second thread hits a breakpoint at a bad moment,
  # which the runtime's Ms, entering mstart and schedule, would.
  brk=break
  [ -z "${QEMU:-}" ] || brk=tbreak
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do echo "$brk $1"; names+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  if [ -n "${QEMU:-}" ]; then
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # gdb retries the connection (tcp auto-retry) until QEMU listens.
    echo "target remote 127.0.0.1:$port"
  else
    echo "run $*"
  fi
  for _ in $(seq 1 200); do echo "continue"; done
} > "$cmds"
if [ -n "${QEMU:-}" ]; then
  $QEMU -g "$port" "$bin" "$@" > /dev/null 2>&1 &
  emulator=$!
fi
# QEMU stops a program before its first instruction, where gdb, resuming, steps over a
# breakpoint without reporting it: the first instruction's function, from the line gdb prints
# on attaching ("0x... in NAME ()", or "NAME () at FILE:LINE"), counts as hit first when it
# is one of the names (a static program's entry point).
gdb -nx -batch -x "$cmds" "$bin" 2>&1 \
  | sed -nE -e 's/^(Thread [0-9.]+ ("[^"]*" )?hit )?(Temporary breakpoint|Breakpoint) ([0-9]+), .*$/\4/p' \
            -e 's/^(0x[0-9a-f]+ in )?([A-Za-z0-9_.]+) \(\)( at .*)?$/=\2/p' \
  | awk '!seen[$0]++' \
  | {
    first=1
    while read -r n; do
      if [ "${n#=}" != "$n" ]; then
        if [ "$first" = 1 ] && [ -n "${QEMU:-}" ]; then
          for name in "${names[@]}"; do [ "$name" != "${n#=}" ] || echo "$name"; done
        fi
      else
        echo "${names[$((n - 1))]}"
      fi
      first=0
    done
  }
