#!/usr/bin/env bash
# gdb-qemu.sh PROGRAM GDB-ARGUMENTS...: runs PROGRAM under qemu-i386 stopped at its first
# instruction (qemu's gdb stub, on a unix socket, as test/Inputs/gdb-first-hits.sh does) and
# gdb in batch mode attached to it, then the gdb arguments (-ex commands); the program's own
# output is dropped.
set -eu
prog=$1; shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A time limit, so that a gdb that dies early cannot leave the program waiting forever.
timeout 120 qemu-i386 -g "$work/gdb.sock" "$prog" > /dev/null 2>&1 &
for _ in $(seq 1 100); do [ -S "$work/gdb.sock" ] && break; sleep 0.05; done
gdb -nx -batch -ex "target remote $work/gdb.sock" "$@" "$prog" 2>&1
wait
