#!/usr/bin/env bash
# all.bash: build gocc (make.bash) and run its whole test suite: the GoogleTest unit tests
# and the lit tests under test/. Ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

# The tests also use gdb (the bootstrap is checked under it), Go 1.19 (an oracle), QEMU's
# user-mode emulation (a program on a CPU model other than the host's, the linux/arm64
# target's programs, and linux/386 ones where the kernel cannot run 32-bit code),
# clang-format (the tree keeps one style) and make (projects built with gocc c++ as their
# compiler; cmake and ninja, which make.bash installs, build the others).
# The linux/arm64 target (docs/ports.md) needs Debian's arm64 cross libraries, installed
# before make.bash configures so that the arm64 runtime is built, and gdb-multiarch, which
# attaches to qemu's gdb stub; the linux/386 target the i386 C and C++ libraries.
arm64_packages="libstdc++-12-dev-arm64-cross libgcc-12-dev-arm64-cross libc6-dev-arm64-cross gdb-multiarch"
i386_packages="lib32stdc++-12-dev libc6-dev-i386"
# python3-psutil lets lit stop a test that hangs (below).
GOCC_EXTRA_PACKAGES="gdb golang-go git qemu-user clang-format-19 make python3-psutil $arm64_packages $i386_packages" \
  ./make.bash --no-run

out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
# A test that hangs fails after 10 minutes (lit's --timeout; the longest test takes ~20 s)
# instead of holding the run until CI's limit. The timeout needs psutil, from Debian's
# python3-psutil: lit runs under Debian's own python3, which sees it (a python3 earlier in
# PATH, pyenv's say, would not).
python=/usr/bin/python3
[ -x "$python" ] || python=python3
"$python" "$(llvm-config-19 --prefix)/build/utils/lit/lit.py" --timeout=600 -v build/test 2>&1 | tee "$out" || status=$?

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
