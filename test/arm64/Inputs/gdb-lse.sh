#!/usr/bin/env bash
# gdb-lse.sh CPU BINARY: runs the arm64 BINARY under qemu-aarch64 -cpu CPU and gdb-multiarch,
# and prints libgcc's LSE switch (__aarch64_have_lse_atomics) at runtime.cpuinit's entry and
# after it (at runtime.alginit, the next step), then what cpuinit read (runtime::arm64).
set -eu
cpu=$1 bin=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timeout 120 qemu-aarch64 -L /usr/aarch64-linux-gnu -cpu "$cpu" -g "$work/gdb.sock" "$bin" >/dev/null 2>&1 &
for _ in $(seq 1 100); do [ -S "$work/gdb.sock" ] && break; sleep 0.05; done
gdb-multiarch -nx -batch -ex "target remote $work/gdb.sock" \
  -ex "tbreak *'runtime.cpuinit'" -ex "tbreak *'runtime.alginit'" \
  -ex continue -ex 'print (int)*(char*)&__aarch64_have_lse_atomics' \
  -ex continue -ex 'print (int)*(char*)&__aarch64_have_lse_atomics' \
  -ex 'print runtime::arm64' -ex kill "$bin" 2>&1 | grep '^\$'
wait
