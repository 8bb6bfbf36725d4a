// spawn_fiber.cpp: spawn.go's work done with Boost.Fiber: N fibers on the main thread (the
// round_robin scheduler, each with Boost's default 128 KiB stack), each marking a wait group
// done, while the main fiber waits for the group. Boost.Fiber has no wait group: WaitGroup
// below is a count under a fiber mutex with a fiber condition variable. Fibers are launched
// with Boost's default policy (queued, not run at once), as `go` queues a goroutine.
//
//   spawn_fiber N [reps]
#include <boost/fiber/all.hpp>
#include <mutex>

#include "bench.h"

namespace {

class WaitGroup {
public:
  void add(long delta) {
    std::lock_guard<boost::fibers::mutex> hold(mu_);
    count_ += delta;
    if (count_ == 0) zero_.notify_all();
  }
  void done() { add(-1); }
  void wait() {
    std::unique_lock<boost::fibers::mutex> hold(mu_);
    zero_.wait(hold, [this] { return count_ == 0; });
  }

private:
  long count_ = 0;
  boost::fibers::mutex mu_;
  boost::fibers::condition_variable zero_;
};

}  // namespace

int main(int argc, char** argv) {
  long n = bench::argLong(argc, argv, 1, 100000), reps = bench::argLong(argc, argv, 2, 5);
  std::vector<double> perFiber;
  for (long r = 0; r < reps; r++) {
    WaitGroup wg;
    long long start = bench::nowNs();
    wg.add(n);
    for (long i = 0; i < n; i++) boost::fibers::fiber([&wg] { wg.done(); }).detach();
    wg.wait();
    perFiber.push_back(double(bench::nowNs() - start) / double(n));
  }
  bench::Summary s = bench::summarize(perFiber);
  std::printf(
      "RESULT bench=spawn impl=boost.fiber N=%ld procs=1 reps=%ld unit=fiber first_ns=%.1f "
      "best_ns=%.1f median_ns=%.1f\n",
      n, reps, s.first, s.best, s.median);
}
