// GOMAXPROCS(n) while goroutines run and exchange work: a feeder and four workers pass
// 8000 values over channels while main, collecting the results, changes the number of Ps
// every 500 results (1, 3, 2, 4, ...). Every value arrives once; the setting holds.
// RUN: %gocc build -o %t -cxxflags=-I%src/runtime %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
// CHECK: results 8000, sum 63992000
// CHECK-NEXT: changes 16, GOMAXPROCS now 4
#include <gocc/go.h>
#include <gocc/runtime.h>

#include <cstdio>

#include "chan.h"

constexpr int total = 8000, workers = 4;
runtime::hchan* jobs = runtime::makechan(sizeof(int), 16);
runtime::hchan* results = runtime::makechan(sizeof(long), 0);

int main() {
  gocc::go([] {
    for (int i = 0; i < total; i++) runtime::chansend(jobs, &i, true);
  });
  for (int w = 0; w < workers; w++) {
    gocc::go([] {
      for (;;) {
        int v;
        runtime::chanrecv(jobs, &v, true, nullptr);
        long r = 2L * v;
        runtime::chansend(results, &r, true);
      }
    });
  }
  const int settings[] = {1, 3, 2, 4};
  long sum = 0;
  int changes = 0;
  for (int i = 0; i < total; i++) {
    long r;
    runtime::chanrecv(results, &r, true, nullptr);
    sum += r;
    if ((i + 1) % 500 == 0) gocc::runtime::GOMAXPROCS(settings[changes++ % 4]);
  }
  std::printf("results %d, sum %ld\n", total, sum);
  std::printf("changes %d, GOMAXPROCS now %d\n", changes, gocc::runtime::GOMAXPROCS(0));
}
