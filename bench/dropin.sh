#!/usr/bin/env bash
# bench/dropin.sh: a CMake project configured and built with the drop-in compiler
# (CC="gocc cc" CXX="gocc c++") beside the same with CC=clang-19 CXX=clang++-19, measured in one
# run on this machine (only the ratios mean anything on a shared machine). Two projects:
#   small   test/dropin/Inputs/cmake-project: a library of two units, a program, two tests,
#           four configure-time checks
#   big     generated: a library of 20 C++ units, a program and 5 test executables over it,
#           one configure-time check
# and three ways of building each, the wall time of cmake's configure plus ninja's build:
#   cold    a new build directory, gocc's cache empty
#   warm    a new build directory (rm -rf build), gocc's cache as earlier builds left it
#   touch   one library unit edited in the warm build directory, then ninja
# clang has no cache: its cold and warm rows measure the same thing, in their own slots.
# Each figure is the median of RUNS runs (default 5), gocc and clang interleaved run by run.
# Targets (issue 12): cold <= 1.2, warm < 1 (faster than clang++).
#   bench/dropin.sh [RUNS]      (needs a built gocc: ./make.bash; cmake and ninja)
source "$(dirname "$0")/common.sh"
runs=${1:-5}
jobs=$(nproc)

# The small project, with a line the touch runs edit.
cp -r "$root/test/dropin/Inputs/cmake-project" "$work/small"
echo 'int bench_edit = 0;' >> "$work/small/lib/area.cpp"
small_edit=lib/area.cpp

# The big project.
big=$work/big
mkdir -p "$big/lib" "$big/app" "$big/tests"
cat > "$big/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(big LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 17)
include(CheckCXXCompilerFlag)
check_cxx_compiler_flag(-Wall BIG_HAVE_WALL)
enable_testing()
file(GLOB units lib/*.cpp)
add_library(units STATIC ${units})
target_include_directories(units PUBLIC lib)
add_executable(big-app app/main.cpp)
target_link_libraries(big-app PRIVATE units)
foreach(t 1 2 3 4 5)
  add_executable(test${t} tests/test${t}.cpp)
  target_link_libraries(test${t} PRIVATE units)
  add_test(NAME test${t} COMMAND test${t})
endforeach()
CMAKE
{
  printf '#pragma once\n#include <string>\n#include <vector>\n'
  for i in $(seq 1 20); do echo "std::string unit$i(const std::vector<int>& v);"; done
} > "$big/lib/units.h"
write_units "$big/lib" 20 '#include "units.h"'
{
  echo '#include "units.h"'
  echo '#include <cstdio>'
  echo 'int main() { std::vector<int> v = {3, 1, 2}; size_t n = 0;'
  for i in $(seq 1 20); do echo "  n += unit$i(v).size();"; done
  echo '  std::printf("%zu\n", n); }'
} > "$big/app/main.cpp"
for t in 1 2 3 4 5; do
  {
    echo '#include "units.h"'
    echo 'int main() { std::vector<int> v = {1, 2};'
    for i in $(seq "$t" 5 20); do echo "  if (unit$i(v).empty()) return 1;"; done
    echo '  return 0; }'
  } > "$big/tests/test$t.cpp"
done
big_edit=lib/unit7.cpp

# Milliseconds taken by the command; a failed command ends the benchmark.
ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000))
}
median() { sort -n | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "%.0f", m/1000}'; }

# configure_build COMPILER SOURCE BUILD: cmake's configure and ninja's build of SOURCE in BUILD.
configure_build() {
  if [ "$1" = gocc ]; then
    env CC="$gocc cc" CXX="$gocc c++" cmake -G Ninja -S "$2" -B "$3"
  else
    env CC=clang-19 CXX=clang++-19 cmake -G Ninja -S "$2" -B "$3"
  fi
  ninja -C "$3" -j "$jobs"
}
# edit_build SOURCE FILE BUILD RUN: FILE's edit line set to RUN, then ninja in BUILD.
edit_build() {
  sed -i "s/^int \(bench_edit\|edit[0-9]*\) = [0-9]*;/int \1 = $4;/" "$1/$2"
  ninja -C "$3" -j "$jobs"
}

# The warm cache, and a check that the projects build gocc programs that pass their tests.
export GOCCCACHE=$work/warm-cache
for p in small big; do
  configure_build gocc "$work/$p" "$work/check-$p" >/dev/null
  (cd "$work/check-$p" && ctest >/dev/null) || { echo "$p: ctest failed" >&2; exit 1; }
  "$gocc" info "$(find "$work/check-$p" -maxdepth 2 -type f -name '*-app')" |
    grep -q 'Entry point: .* _rt0_amd64_linux' || { echo "$p: not a gocc program" >&2; exit 1; }
done

cd "$work"
for r in $(seq 1 "$runs"); do
  for p in small big; do
    edit=${p}_edit
    for c in gocc clang; do
      rm -rf "$work/cold-cache" "$work/$p-$c"
      GOCCCACHE=$work/cold-cache ms configure_build "$c" "$work/$p" "$work/$p-$c" >> "$p.cold.$c"
      rm -rf "$work/$p-$c"
      ms configure_build "$c" "$work/$p" "$work/$p-$c" >> "$p.warm.$c"
      ms edit_build "$work/$p" "${!edit}" "$work/$p-$c" "$r" >> "$p.touch.$c"
    done
  done
done

echo "median of $runs runs, wall time of configure + build (ninja -j$jobs)"
for p in small big; do
  for way in cold warm touch; do
    g=$(median < "$p.$way.gocc")
    c=$(median < "$p.$way.clang")
    target="<= 1.2"
    [ "$way" = cold ] || target="< 1"
    printf '%-5s %-5s  gocc %6s ms   clang %6s ms   ratio %5s   (target %s)\n' "$p" "$way" "$g" \
      "$c" "$(awk -v a="$g" -v b="$c" 'BEGIN {printf "%.2f", a/b}')" "$target"
  done
done
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
