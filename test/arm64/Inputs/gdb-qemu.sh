#!/usr/bin/env bash
# gdb-qemu.sh 'QEMU OPTIONS' BINARY GDB-ARGS...: runs the arm64 BINARY under qemu-aarch64 (with
# the AArch64 ld.so's prefix and QEMU OPTIONS, e.g. '-cpu cortex-a53') stopped in its gdb stub,
# and gdb-multiarch in batch mode attached to it with GDB-ARGS (-ex commands), then kills it.
set -eu
qemu_options=$1 bin=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A time limit, so that a gdb that dies early cannot leave the test waiting forever.
timeout 120 qemu-aarch64 -L /usr/aarch64-linux-gnu $qemu_options -g "$work/gdb.sock" "$bin" \
  >/dev/null 2>&1 &
for _ in $(seq 1 100); do [ -S "$work/gdb.sock" ] && break; sleep 0.05; done
gdb-multiarch -nx -batch -ex 'set sysroot /usr/aarch64-linux-gnu' -ex "target remote $work/gdb.sock" \
  "$@" -ex kill "$bin" 2>&1
wait
