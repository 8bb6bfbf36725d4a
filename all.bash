#!/usr/bin/env bash
# all.bash: build gocc (make.bash) and run its whole test suite: the GoogleTest unit tests
# and the lit tests under test/. Ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

# The tests also use gdb (the bootstrap is checked under it), Go 1.19 (an oracle), QEMU's
# user-mode emulation (a program on a CPU model other than the host's, and every linux/386
# program: test/386), clang-format (the tree keeps one style), make (projects built with gocc
# c++ as their compiler; cmake and ninja, which make.bash installs, build the others) and the
# i386 C and C++ libraries (GOARCH=386; CMake builds the 386 runtime when they are there).
GOCC_EXTRA_PACKAGES="gdb golang-go git qemu-user clang-format-19 make lib32stdc++-12-dev libc6-dev-i386" \
  ./make.bash --no-run

out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
python3 "$(llvm-config-19 --prefix)/build/utils/lit/lit.py" -v build/test 2>&1 | tee "$out" || status=$?

# lit's summary lines look like "  Passed     : 31 (96.88%)"; absent categories count 0.
count() {
  local n
  n=$(sed -nE "s/^ *$1 *: *([0-9]+).*/\1/p" "$out" | head -1)
  echo "${n:-0}"
}
passed=$(( $(count Passed) + $(count 'Expectedly Failed') ))
failed=$(( $(count Failed) + $(count 'Unexpectedly Passed') + $(count Unresolved) + $(count 'Timed Out') ))
skipped=$(( $(count Unsupported) + $(count Excluded) ))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # lit itself failed
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
