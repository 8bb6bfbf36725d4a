// blocked_fiber.cpp: blocked.go's work done with Boost.Fiber: N fibers on the main thread,
// each with Boost's default stack (128 KiB, from malloc), block popping one shared
// unbuffered channel; once all have started, the growth of the process's resident and virtual
// size is divided by N. Then the channel is closed and every fiber ends.
//
//   blocked_fiber N
#include <boost/fiber/all.hpp>

#include "bench.h"

int main(int argc, char** argv) {
  long n = bench::argLong(argc, argv, 1, 100000);
  boost::fibers::unbuffered_channel<int> ch;
  long started = 0, ended = 0;
  long rss0 = bench::statusKB("VmRSS"), vsz0 = bench::statusKB("VmSize");
  for (long i = 0; i < n; i++)
    boost::fibers::fiber([&] {
      started++;
      int v;
      ch.pop(v);
      ended++;
    }).detach();
  while (started < n) boost::this_fiber::yield();
  long rss1 = bench::statusKB("VmRSS"), vsz1 = bench::statusKB("VmSize");
  std::printf(
      "RESULT bench=blocked impl=boost.fiber N=%ld procs=1 unit=fiber stack_bytes=%zu "
      "rss_bytes_per=%.0f vsz_bytes_per=%.0f rss_before_kb=%ld rss_after_kb=%ld\n",
      n, boost::context::stack_traits::default_size(), double(rss1 - rss0) * 1024 / double(n),
      double(vsz1 - vsz0) * 1024 / double(n), rss0, rss1);
  std::fflush(stdout);
  ch.close();
  while (ended < n) boost::this_fiber::yield();
}
