// pingpong.cpp: pingpong.go's work in gocc: the main goroutine sends i on ping and waits for
// it back on pong; an echo goroutine does the reverse. Each repetition makes N round trips
// over two unbuffered gocc::chan<int>; the figure is the time per one-way hand-off (the
// repetition's time / 2N), each of which blocks one side and wakes the other.
//
//   pingpong N [reps]   GOMAXPROCS comes from the environment
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/runtime.h>

#include "bench.h"

int main(int argc, char** argv) {
  long n = bench::argLong(argc, argv, 1, 1000000), reps = bench::argLong(argc, argv, 2, 5);
  std::vector<double> perHandoff;
  for (long r = 0; r < reps; r++) {
    gocc::chan<int> ping(0), pong(0);
    gocc::go([ping, pong] {
      for (int v : ping) pong.send(v);
    });
    long long start = bench::nowNs();
    for (long i = 0; i < n; i++) {
      ping.send(int(i));
      pong.recv();
    }
    perHandoff.push_back(double(bench::nowNs() - start) / double(2 * n));
    ping.close();
  }
  bench::Summary s = bench::summarize(perHandoff);
  std::printf(
      "RESULT bench=pingpong impl=gocc-chan N=%ld procs=%d reps=%ld unit=handoff first_ns=%.1f "
      "best_ns=%.1f median_ns=%.1f best_rt_per_s=%.0f\n",
      n, gocc::runtime::GOMAXPROCS(0), reps, s.first, s.best, s.median, 1e9 / (2 * s.best));
}
