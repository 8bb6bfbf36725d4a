// spawn.cpp: spawn.go's work in gocc: each repetition starts N goroutines whose whole body is
// wg.Done(), and the main goroutine waits for the WaitGroup; the figure is the time of one
// repetition divided by N (start + run + exit, per goroutine).
//
//   spawn N [reps]      GOMAXPROCS comes from the environment
#include <gocc/go.h>
#include <gocc/runtime.h>
#include <gocc/sync.h>

#include "bench.h"

int main(int argc, char** argv) {
  long n = bench::argLong(argc, argv, 1, 100000), reps = bench::argLong(argc, argv, 2, 5);
  std::vector<double> perGoroutine;
  for (long r = 0; r < reps; r++) {
    gocc::sync::WaitGroup wg;
    long long start = bench::nowNs();
    wg.Add(int(n));
    for (long i = 0; i < n; i++) gocc::go([&wg] { wg.Done(); });
    wg.Wait();
    perGoroutine.push_back(double(bench::nowNs() - start) / double(n));
  }
  bench::Summary s = bench::summarize(perGoroutine);
  std::printf(
      "RESULT bench=spawn impl=gocc N=%ld procs=%d reps=%ld unit=goroutine first_ns=%.1f "
      "best_ns=%.1f median_ns=%.1f\n",
      n, gocc::runtime::GOMAXPROCS(0), reps, s.first, s.best, s.median);
}
