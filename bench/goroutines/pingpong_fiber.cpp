// pingpong_fiber.cpp: pingpong.go's work done with Boost.Fiber: two fibers on the main thread
// bounce a number over two boost::fibers::unbuffered_channel<int>, N round trips per
// repetition. The figure is the time per one-way hand-off (the repetition's time / 2N).
//
//   pingpong_fiber N [reps]
#include <boost/fiber/all.hpp>

#include "bench.h"

using Channel = boost::fibers::unbuffered_channel<int>;

// The time per one-way hand-off of n round trips.
static double roundTrips(long n) {
  Channel ping, pong;
  boost::fibers::fiber echo([&] {
    int v;
    while (ping.pop(v) == boost::fibers::channel_op_status::success) pong.push(v);
  });
  long long start = bench::nowNs();
  for (long i = 0; i < n; i++) {
    ping.push(int(i));
    int v;
    pong.pop(v);
  }
  double perHandoff = double(bench::nowNs() - start) / double(2 * n);
  ping.close();
  echo.join();
  return perHandoff;
}

int main(int argc, char** argv) {
  long n = bench::argLong(argc, argv, 1, 1000000), reps = bench::argLong(argc, argv, 2, 5);
  std::vector<double> perHandoff;
  for (long r = 0; r < reps; r++) perHandoff.push_back(roundTrips(n));
  bench::Summary s = bench::summarize(perHandoff);
  std::printf(
      "RESULT bench=pingpong impl=boost.fiber N=%ld procs=1 reps=%ld unit=handoff first_ns=%.1f "
      "best_ns=%.1f median_ns=%.1f best_rt_per_s=%.0f\n",
      n, reps, s.first, s.best, s.median, 1e9 / (2 * s.best));
}
