// skynet.cpp: skynet.go's work in gocc: the root goroutine starts 10 children, each of which
// starts 10 more, down to N leaves; a leaf sends its own number up its parent's channel, and
// every inner goroutine sends up the sum of what its children sent. Each repetition builds and
// sums one whole tree (N leaves, N/9 more inner goroutines); the figure is its wall time.
//
//   skynet N [reps]     N a power of 10; GOMAXPROCS comes from the environment
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/runtime.h>

#include "bench.h"

constexpr long fanout = 10;

// Send on up the sum of the leaf numbers first .. first+size-1.
void skynet(gocc::chan<long> up, long first, long size) {
  if (size == 1) {
    up.send(first);
    return;
  }
  gocc::chan<long> children(fanout);
  long step = size / fanout;
  for (long i = 0; i < fanout; i++) gocc::go(skynet, children, first + i * step, step);
  long sum = 0;
  for (long i = 0; i < fanout; i++) sum += children.recv();
  up.send(sum);
}

int main(int argc, char** argv) {
  long n = bench::argLong(argc, argv, 1, 1000000), reps = bench::argLong(argc, argv, 2, 3);
  long want = n * (n - 1) / 2;
  std::vector<double> perTree;
  for (long r = 0; r < reps; r++) {
    gocc::chan<long> root(0);
    long long start = bench::nowNs();
    gocc::go(skynet, root, 0L, n);
    long sum = root.recv();
    perTree.push_back(double(bench::nowNs() - start) / 1e6);
    if (sum != want) {
      std::fprintf(stderr, "skynet: the tree summed to %ld, not %ld\n", sum, want);
      return 1;
    }
  }
  bench::Summary s = bench::summarize(perTree);
  std::printf(
      "RESULT bench=skynet impl=gocc N=%ld procs=%d reps=%ld unit=tree first_ms=%.2f "
      "best_ms=%.2f median_ms=%.2f\n",
      n, gocc::runtime::GOMAXPROCS(0), reps, s.first, s.best, s.median);
}
