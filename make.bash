#!/usr/bin/env bash
# make.bash: build gocc on Debian 12 — installing the Debian packages it needs first —
# then run examples/hello.cpp with `gocc run` to show it works.
#   ./make.bash            build into ./build and run the example
#   ./make.bash --no-run   build only
set -euo pipefail
cd "$(dirname "$0")"

# Everything gocc needs to build, from Debian 12's own archive.
# libclang-rt-19-dev: libFuzzer and the sanitizers' runtimes for test/fuzz (clang-19 only
# recommends it, and recommends are not installed). libpolly-19-dev: the static Polly
# libraries that LLVM's static LTO library needs, for gocc's static link against LLVM
# (driver/CMakeLists.txt).
build_packages=(clang-19 lld-19 llvm-19-dev libclang-19-dev liblld-19-dev llvm-19-tools
                libclang-rt-19-dev libpolly-19-dev cmake ninja-build libgtest-dev python3
                libstdc++-12-dev)

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "make.bash: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

install_missing "${build_packages[@]}" ${GOCC_EXTRA_PACKAGES:-}

cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
ninja -C build

if [ "${1:-}" != "--no-run" ]; then
  echo "--- build/bin/gocc run examples/hello.cpp" >&2
  build/bin/gocc run examples/hello.cpp
fi
