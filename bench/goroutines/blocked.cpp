// blocked.cpp: blocked.go's work in gocc: N goroutines each block receiving from one shared
// unbuffered channel; once every one has started (and a short pause lets the last ones reach
// the receive), the growth of the process's resident and virtual size (/proc/self/status) is
// divided by N. Then the channel is closed and all of them end. (gocc has no counterpart of
// Go's MemStats.StackInuse, so that key is absent.) Before the first reading, one goroutine
// goes through the same steps (start, block, wake, end), as in blocked.go, so that what any
// first goroutine costs once (the code of those paths paged in, the threads started) is not
// counted against every one of the N.
//
//   blocked N           GOMAXPROCS comes from the environment
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/runtime.h>
#include <gocc/sync.h>
#include <time.h>

#include "bench.h"

int main(int argc, char** argv) {
  long n = bench::argLong(argc, argv, 1, 100000);
  gocc::chan<int> ch(0);
  gocc::sync::WaitGroup started, ended;
  {
    gocc::sync::WaitGroup warm;
    warm.Add(1);
    gocc::go([&] {
      ch.recv();
      warm.Done();
    });
    ch.send(0);
    warm.Wait();
  }
  long rss0 = bench::statusKB("VmRSS"), vsz0 = bench::statusKB("VmSize");

  started.Add(int(n));
  ended.Add(int(n));
  for (long i = 0; i < n; i++)
    gocc::go([&] {
      started.Done();
      ch.recv();
      ended.Done();
    });
  started.Wait();
  timespec pause = {0, 50 * 1000 * 1000};
  nanosleep(&pause, nullptr);

  long rss1 = bench::statusKB("VmRSS"), vsz1 = bench::statusKB("VmSize");
  std::printf(
      "RESULT bench=blocked impl=gocc N=%ld procs=%d unit=goroutine rss_bytes_per=%.0f "
      "vsz_bytes_per=%.0f rss_before_kb=%ld rss_after_kb=%ld\n",
      n, gocc::runtime::GOMAXPROCS(0), double(rss1 - rss0) * 1024 / double(n),
      double(vsz1 - vsz0) * 1024 / double(n), rss0, rss1);
  std::fflush(stdout);

  ch.close();
  ended.Wait();
}
