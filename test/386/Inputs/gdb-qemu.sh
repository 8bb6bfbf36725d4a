#!/usr/bin/env bash
# gdb-qemu.sh PROGRAM GDB-ARGUMENTS...: runs PROGRAM under qemu-i386 stopped at its first
# instruction (qemu's gdb stub on a free port) and gdb in batch mode attached to it, then the
# gdb arguments (-ex commands); the program's own output is dropped.
set -eu
prog=$1; shift
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
qemu-i386 -g "$port" "$prog" > /dev/null 2>&1 &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true' EXIT
# gdb retries the connection (tcp auto-retry) until QEMU listens.
gdb -nx -batch -ex "target remote 127.0.0.1:$port" "$@" "$prog" 2>&1
