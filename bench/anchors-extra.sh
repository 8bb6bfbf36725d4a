# bench/anchors-extra.sh: gocc's goroutine programs (bench/goroutines/*.cpp) as extra rows of
# a side-by-side benchmark runner that sources an "extra" bash file after building its own
# programs. Such a runner provides $bin (a directory for binaries) and
# `add_inproc SECTION LABEL COMMAND` (a row: COMMAND prints one RESULT line); the programs here
# take the same `N [reps]` and print the same RESULT keys as the Go programs they sit beside.
#   EXTRA=/path/to/gocc/bench/anchors-extra.sh [GOCC=/path/to/gocc] RUNNER
# GOCC defaults to the driver built in this source tree.
anchors_extra_src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/goroutines
GOCC=${GOCC:-$(dirname "$anchors_extra_src")/../build/bin/gocc}
for b in spawn pingpong blocked skynet sieve; do
  "$GOCC" build -o "$bin/${b}_gocc" "$anchors_extra_src/$b.cpp"
done
for p in 1 2; do
  add_inproc spawn "gocc goroutines, GOMAXPROCS=$p, N=100k" "env GOMAXPROCS=$p $bin/spawn_gocc 100000 5"
  add_inproc pingpong "gocc unbuffered chan, GOMAXPROCS=$p" "env GOMAXPROCS=$p $bin/pingpong_gocc 1000000 5"
  add_inproc blocked "gocc, blocked in receive, GOMAXPROCS=$p, N=100k" "env GOMAXPROCS=$p $bin/blocked_gocc 100000"
  add_inproc skynet "gocc skynet, GOMAXPROCS=$p, N=1M" "env GOMAXPROCS=$p $bin/skynet_gocc 1000000 3"
  add_inproc sieve "gocc prime sieve, GOMAXPROCS=$p, N=2000" "env GOMAXPROCS=$p $bin/sieve_gocc 2000 3"
done
