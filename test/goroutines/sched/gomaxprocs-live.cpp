// GOMAXPROCS(n) while goroutines run and exchange work: a feeder and four workers pass
// 8000 values over channels while main, collecting the results, changes the number of Ps
// every 500 results (1, 3, 2, 4, ...). Every value arrives once; the setting holds.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
// CHECK: results 8000, sum 63992000
// CHECK-NEXT: changes 16, GOMAXPROCS now 4
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/runtime.h>

#include <cstdio>

constexpr int total = 8000, workers = 4;
gocc::chan<int> jobs(16);
gocc::chan<long> results(0);

int main() {
  gocc::go([] {
    for (int i = 0; i < total; i++) jobs.send(i);
  });
  for (int w = 0; w < workers; w++) {
    gocc::go([] {
      for (;;) results.send(2L * jobs.recv());
    });
  }
  const int settings[] = {1, 3, 2, 4};
  long sum = 0;
  int changes = 0;
  for (int i = 0; i < total; i++) {
    sum += results.recv();
    if ((i + 1) % 500 == 0) gocc::runtime::GOMAXPROCS(settings[changes++ % 4]);
  }
  std::printf("results %d, sum %ld\n", total, sum);
  std::printf("changes %d, GOMAXPROCS now %d\n", changes, gocc::runtime::GOMAXPROCS(0));
}
