#!/usr/bin/env bash
# bench/dropin_cache.sh: a CMake project built with gocc c++ as its compiler, cold and with the
# build cache warm, beside the same project built with clang++-19 in the same run (only the
# ratios mean anything on a shared machine). The project is generated: a library of the 20 units
# of write_twenty_units (common.sh) and a program using it, configured with
# cmake -G Ninja and built with ninja -j2. Each figure is the median wall time of RUNS runs
# (default 3), gocc and clang interleaved run by run:
#   cold        configure + build in a new tree, gocc with an empty cache   vs  clang++-19
#   warm        configure + build in a new tree (rm -rf build), cache warm  vs  clang++-19
#   cold-build  the build alone (ninja) of the cold rows                    vs  clang++-19's
#   warm-build  the build alone (ninja) of the warm rows                    vs  clang++-19's
# Target (issue 12): cold <= 1.2, warm < 1.
#   bench/dropin_cache.sh [RUNS]      (needs a built gocc: ./make.bash; cmake, ninja)
source "$(dirname "$0")/common.sh"
runs=${1:-3}
export GOCCCACHE="$work/gocccache"

mkdir -p "$work/project/lib" "$work/project/app"
cat > "$work/project/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.16)
project(twenty CXX)
add_subdirectory(lib)
add_subdirectory(app)
CMAKE
write_twenty_units "$work/project/lib"
mv "$work/project/lib/main.cpp" "$work/project/app/main.cpp"
echo "add_library(twenty STATIC $(cd "$work/project/lib" && echo unit*.cpp))" \
  > "$work/project/lib/CMakeLists.txt"
cat > "$work/project/app/CMakeLists.txt" <<'CMAKE'
add_executable(twenty-app main.cpp)
target_link_libraries(twenty-app twenty)
target_compile_features(twenty-app PRIVATE cxx_std_17)
target_compile_features(twenty PUBLIC cxx_std_17)
CMAKE

# One configure + build in a new tree with compiler $1 ("gocc" or "clang"): appends the total
# to $2 and the build alone to $3.
configure_and_build() {
  local cxx t0 t1 t2
  if [ "$1" = gocc ]; then cxx="$gocc c++"; else cxx=clang++-19; fi
  rm -rf "$work/build"
  t0=$(date +%s%N)
  CXX="$cxx" cmake -G Ninja -S "$work/project" -B "$work/build" >/dev/null
  t1=$(date +%s%N)
  ninja -C "$work/build" -j2 >/dev/null
  t2=$(date +%s%N)
  "$work/build/app/twenty-app" >/dev/null
  echo $(((t2 - t0) / 1000)) >> "$2"
  echo $(((t2 - t1) / 1000)) >> "$3"
}

cd "$work"
: > cold.gocc; : > cold.clang; : > warm.gocc; : > warm.clang
: > cb.gocc; : > cb.clang; : > wb.gocc; : > wb.clang
for r in $(seq 1 "$runs"); do
  rm -rf "$GOCCCACHE"
  configure_and_build gocc cold.gocc cb.gocc
  configure_and_build clang cold.clang cb.clang
  configure_and_build gocc warm.gocc wb.gocc
  configure_and_build clang warm.clang wb.clang
done

row() {  # name, gocc file, clang file, target
  local g p
  g=$(median < "$2")
  p=$(median < "$3")
  printf '%-11s gocc c++ %8s ms   clang++-19 %8s ms   ratio %5s   (target %s)\n' "$1" "$g" "$p" \
    "$(awk -v a="$g" -v b="$p" 'BEGIN {printf "%.2f", a/b}')" "$4"
}
echo "median of $runs runs, wall time, 20-unit CMake project, ninja -j2"
row cold cold.gocc cold.clang "<= 1.2"
row warm warm.gocc warm.clang "< 1"
row cold-build cb.gocc cb.clang "-"
row warm-build wb.gocc wb.clang "< 1"
