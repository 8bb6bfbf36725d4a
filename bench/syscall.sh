#!/usr/bin/env bash
# bench/syscall.sh: what blocking-call wrappers cost, with one P (bench/syscall.cpp says
# what each line measures).
#   bench/syscall.sh      (needs a built gocc: ./make.bash)
source "$(dirname "$0")/common.sh"
"$gocc" build -o "$work/syscall" "$here/syscall.cpp"
GOMAXPROCS=1 "$work/syscall"
