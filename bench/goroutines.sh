#!/usr/bin/env bash
# bench/goroutines.sh: goroutines in gocc against Go 1.19 (and Boost.Fiber where it does the
# same work), in one run on this machine. Each benchmark is one program per implementation in
# bench/goroutines/, all doing the same work, all taking `N [reps]` (GOMAXPROCS from the
# environment) and printing one `RESULT k=v ...` line:
#   spawn     N goroutines that each call wg.Done(), main waits: ns per goroutine
#   pingpong  two goroutines bounce a value over unbuffered channels: ns per one-way hand-off
#   blocked   N goroutines blocked receiving on one channel: resident bytes per goroutine
#   skynet    a tree of 1M goroutines summing leaf numbers up through channels: ms per tree
#   sieve     Go's concurrent prime sieve (a chain of filter goroutines), N=2000: ms per run
# gocc's programs are X.cpp (gocc build), Go's X.go (go build), Boost.Fiber's X_fiber.cpp
# (clang++-19 -O2, fibers on one thread, so only beside the one-thread or memory rows; skynet
# and the sieve have no Boost.Fiber version: the sieve needs select, which Boost.Fiber lacks).
#
# The machine is small and shared, so only ratios from one run mean anything: every row runs
# once per pass, its implementations one after another (their order rotating pass by pass),
# and the passes repeat. A figure is the median over passes of the process's own best
# repetition; gocc/Go is the median over passes of that pass's ratio. Each row has a target,
# checked at the end (a ratio to Go measured here, or an absolute bound); a program with no
# goroutines of its own is measured by bench/startup.sh.
#   bench/goroutines.sh [PASSES]     (default 5; needs a built gocc: ./make.bash)
# Env: ONLY="spawn pingpong" runs those benchmarks only.
source "$(dirname "$0")/common.sh"
passes=${1:-5}
src=$here/goroutines
only=${ONLY:-spawn pingpong blocked skynet sieve}

# What the peers need, from Debian's archive, installed as make.bash installs its packages.
missing=()
command -v go >/dev/null || missing+=(golang-go)
dpkg-query -W -f='${Status}' libboost-fiber-dev 2>/dev/null | grep -q "install ok installed" ||
  missing+=(libboost-fiber-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "goroutines.sh: installing ${missing[*]}" >&2
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2 || echo "goroutines.sh: could not install ${missing[*]}" >&2
fi

# Build every program that can be built; a missing one leaves its column empty.
mkdir -p "$work/bin" "$work/log"
built() { [ -x "$work/bin/$1" ]; }
build() {  # name, then the command that writes $work/bin/name
  local name=$1
  shift
  "$@" >"$work/log/build-$name" 2>&1 ||
    { echo "goroutines.sh: building $name failed:" >&2; tail -5 "$work/log/build-$name" >&2; }
}
for b in spawn pingpong blocked skynet sieve; do
  [[ " $only " == *" $b "* ]] || continue
  build "gocc-$b" "$gocc" build -o "$work/bin/gocc-$b" "$src/$b.cpp"
  command -v go >/dev/null &&
    build "go-$b" env GOCACHE="$work/gocache" GO111MODULE=off GOFLAGS= \
      go build -o "$work/bin/go-$b" "$src/$b.go"
  [ -f "$src/${b}_fiber.cpp" ] &&
    build "fiber-$b" clang++-19 -O2 -std=c++20 -o "$work/bin/fiber-$b" "$src/${b}_fiber.cpp" \
      -lboost_fiber -lboost_context
done

# The rows: benchmark | GOMAXPROCS ("" = the runtime's default, NumCPU) | arguments |
# the RESULT key compared | run Boost.Fiber too (1/0) | target: "ratio X" (gocc/Go <= X) or
# "max X" (gocc's figure <= X) | what the row measures.
rows=(
  "spawn|1|100000 5|best_ns|1|ratio 1.0|spawn+exit, ns/goroutine, GOMAXPROCS=1, N=100k"
  "spawn|2|100000 5|best_ns|0|ratio 1.0|spawn+exit, ns/goroutine, GOMAXPROCS=2, N=100k"
  "pingpong|1|1000000 5|best_ns|1|ratio 0.6|chan hand-off, ns, GOMAXPROCS=1"
  "pingpong|2|1000000 5|best_ns|0|ratio 0.6|chan hand-off, ns, GOMAXPROCS=2"
  "blocked||100000|rss_bytes_per|1|max 4096|RSS bytes/blocked goroutine, N=100k"
  "blocked||1000000|rss_bytes_per|0|max 4096|RSS bytes/blocked goroutine, N=1M"
  "skynet|1|1000000 3|best_ms|0|ratio 1.0|skynet 1M, ms/tree, GOMAXPROCS=1"
  "skynet|2|1000000 3|best_ms|0|ratio 1.0|skynet 1M, ms/tree, GOMAXPROCS=2"
  "sieve|1|2000 3|best_ms|0|ratio 1.0|prime sieve N=2000, ms/run, GOMAXPROCS=1"
  "sieve|2|2000 3|best_ms|0|ratio 1.0|prime sieve N=2000, ms/run, GOMAXPROCS=2"
)

# One process: row index, implementation → its figure appended to $work/figures/ROW.IMPL
# ("failed" if it crashed, timed out or printed no RESULT line).
mkdir -p "$work/figures"
run() {
  local row=$1 impl=$2 bench procs args key fiber target label line value
  IFS='|' read -r bench procs args key fiber target label <<<"${rows[$row]}"
  local env=(env -u GOMAXPROCS)
  [ -n "$procs" ] && env=(env GOMAXPROCS="$procs")
  # shellcheck disable=SC2086  # args is a list of words
  line=$(timeout 300 "${env[@]}" "$work/bin/$impl-$bench" $args 2>"$work/log/run-$row-$impl" |
    grep '^RESULT ' || true)
  value=$(tr ' ' '\n' <<<"$line" | awk -F= -v k="$key" '$1 == k { print $2 }')
  if [ -z "$value" ]; then
    value=failed
    echo "goroutines.sh: $impl-$bench $args (GOMAXPROCS=${procs:-default}) failed:" >&2
    head -3 "$work/log/run-$row-$impl" >&2  # the cause; a traceback of every goroutine follows
  fi
  rm -f "$work/log/run-$row-$impl"
  echo "$value" >>"$work/figures/$row.$impl"
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
for ((pass = 0; pass < passes; pass++)); do
  echo "goroutines.sh: pass $((pass + 1))/$passes" >&2
  for row in "${!rows[@]}"; do
    IFS='|' read -r bench procs args key fiber target label <<<"${rows[$row]}"
    [[ " $only " == *" $bench "* ]] || continue
    impls=()
    for impl in gocc go fiber; do
      [ "$impl" = fiber ] && [ "$fiber" = 0 ] && continue
      built "$impl-$bench" && impls+=("$impl")
    done
    for ((k = 0; k < ${#impls[@]}; k++)); do
      run "$row" "${impls[$(((k + pass) % ${#impls[@]}))]}"
    done
  done
done

# The table.
median() { { grep -v failed || true; } | sort -g | awk '{ v[NR] = $1 } END {
  if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
figure() {  # "-": not run; "failed": every run failed
  if [ ! -f "$work/figures/$1.$2" ]; then
    echo -
  elif grep -qv failed "$work/figures/$1.$2"; then
    median <"$work/figures/$1.$2"
  else
    echo failed
  fi
}
ratios() {  # per-pass gocc/Go ratios of a row, one a line (a pass where either failed: none)
  [ -f "$work/figures/$1.gocc" ] && [ -f "$work/figures/$1.go" ] || return 0
  paste -d' ' "$work/figures/$1.gocc" "$work/figures/$1.go" |
    awk '$1 != "failed" && $2 != "failed" && $2 > 0 { print $1 / $2 }'
}
printf '\n%-48s %9s %9s %11s %7s %11s  %-16s %s\n' benchmark Go gocc Boost.Fiber gocc/Go \
  "(range)" target met
met=0 missed=0
for row in "${!rows[@]}"; do
  IFS='|' read -r bench procs args key fiber target label <<<"${rows[$row]}"
  [[ " $only " == *" $bench "* ]] || continue
  go=$(figure "$row" go) gocc=$(figure "$row" gocc) fib=-
  [ "$fiber" = 1 ] && fib=$(figure "$row" fiber)
  ratio=$(ratios "$row" | median)
  range=$(ratios "$row" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 }
    END { if (NR) printf "%.2f..%.2f", lo, hi; else print "-" }')
  [ "$ratio" = - ] || ratio=$(awk -v r="$ratio" 'BEGIN { printf "%.2f", r }')
  read -r kind bound <<<"$target"
  if [ "$kind" = ratio ]; then
    want="gocc/Go <= $bound" have=$ratio
  else
    want="gocc <= $bound" have=$gocc
  fi
  if [ "$gocc" = failed ]; then
    verdict="NO (gocc failed)" missed=$((missed + 1))
  elif [ "$have" = - ]; then
    verdict="not measured"
  elif awk -v h="$have" -v b="$bound" 'BEGIN { exit !(h <= b) }'; then
    verdict=yes met=$((met + 1))
  else
    verdict=NO missed=$((missed + 1))
  fi
  printf '%-48s %9s %9s %11s %7s %11s  %-16s %s\n' "$label" "$go" "$gocc" "$fib" "$ratio" \
    "$range" "$want" "$verdict"
done
echo
echo "targets met: $met, missed: $missed. Figures: median over $passes passes of each process's" \
  "best repetition (RSS: of its one measurement)."
echo "machine: $(nproc) CPUs, $(uname -r); load average $load0 at the start," \
  "$(cut -d' ' -f1-3 /proc/loadavg) at the end; $(go version 2>/dev/null | cut -d' ' -f3)."
echo "Start-up of a program without goroutines of its own: bench/startup.sh."
