#!/usr/bin/env bash
# bench/buildcache.sh: how fast gocc builds when little or nothing changed, beside go build and
# clang++ measured in the same run on this machine (only the ratios mean anything on a shared
# machine). Each figure is the median wall time of RUNS runs (default 15), the peers interleaved
# run by run:
#   noop        gocc build of an unchanged hello.cpp      vs  go build of an unchanged hello.go
#   run         gocc run hello.cpp, warm                  vs  go run hello.go, warm
#   touch1of20  gocc build of a 20-file program after one file's edit
#               vs  clang++-19 -O2 -g -c of that file plus one lld link of the 20 objects
#   cold        gocc build of hello.cpp with an empty cache  vs  clang++-19 -O2 -g compile+link
# clang++ compiles with -std=c++20, as gocc does: its default, gnu++17, parses the C++17
# library headers, ~1.5x faster than C++20's (a <map>/<string> unit: 0.28 s vs 0.42 s here).
# Targets (issue 12): noop <= 0.5, run <= 0.4, touch1of20 <= 1.3, cold <= 1.10.
#   bench/buildcache.sh [RUNS]      (needs a built gocc: ./make.bash; go for the Go rows)
source "$(dirname "$0")/common.sh"
runs=${1:-15}
export GOCCCACHE="$work/gocccache" GOCACHE="$work/gocache" GO111MODULE=off

cat > "$work/hello.cpp" <<'CPP'
#include <iostream>
int main() { std::cout << "hello, world\n"; }
CPP
cat > "$work/hello.go" <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello, world") }
GO
write_twenty_units "$work/twenty"

cd "$work"
"$gocc" build hello.cpp && go build hello.go 2>/dev/null || true
(cd twenty && "$gocc" build -o ../twenty.exe . && for f in *.cpp; do clang++-19 -std=c++20 -O2 -g -c "$f" -o "${f%.cpp}.o"; done)
: > noop.gocc; : > noop.go; : > run.gocc; : > run.go; : > t.gocc; : > t.clang; : > c.gocc; : > c.clang
have_go=$(command -v go >/dev/null && echo 1 || echo 0)
for r in $(seq 1 "$runs"); do
  ms "$gocc" build hello.cpp >> noop.gocc
  [ "$have_go" = 1 ] && ms go build hello.go >> noop.go
  ms "$gocc" run hello.cpp >> run.gocc
  [ "$have_go" = 1 ] && ms go run hello.go >> run.go
  sed -i "s/^int edit7 = [0-9]*;/int edit7 = $r;/" twenty/unit7.cpp
  ms "$gocc" build -o twenty.exe twenty >> t.gocc
  ms bash -c 'cd twenty && clang++-19 -std=c++20 -O2 -g -c unit7.cpp -o unit7.o && clang++-19 -fuse-ld=lld -o ../twenty.clang *.o' >> t.clang
  ms env GOCCCACHE="$work/cold$r" "$gocc" build -o cold hello.cpp >> c.gocc
  ms clang++-19 -std=c++20 -O2 -g -fuse-ld=lld -o cold.clang hello.cpp >> c.clang
  rm -rf "$work/cold$r"
done

row() {  # name, gocc file, peer file, peer name, target
  local g p
  g=$(median < "$2")
  if [ -s "$3" ]; then
    p=$(median < "$3")
    printf '%-11s gocc %8s ms   %-14s %8s ms   ratio %5s   (target <= %s)\n' "$1" "$g" "$4" "$p" \
      "$(awk -v a="$g" -v b="$p" 'BEGIN {printf "%.2f", a/b}')" "$5"
  else
    printf '%-11s gocc %8s ms   (%s not installed)\n' "$1" "$g" "$4"
  fi
}
echo "median of $runs runs, wall time"
row noop noop.gocc noop.go "go build" 0.5
row run run.gocc run.go "go run" 0.4
row touch1of20 t.gocc t.clang "clang++ c+link" 1.3
row cold c.gocc c.clang "clang++ -O2 -g" 1.10
