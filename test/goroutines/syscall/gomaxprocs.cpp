// GOMAXPROCS(n) stops the world while another goroutine runs nothing but system calls: with
// no preemption that goroutine never reaches the scheduler, so its P stops at a system call,
// found in one by stopTheWorld or on its next entersyscall. (Left to sysmon, a change waits
// until one of those short calls happens to last two of sysmon's looks: 0.2-4 ms each here,
// against 3-25 µs.)
// RUN: %gocc build -o %t %s
// RUN: bash -c 'env GOMAXPROCS=2 %t; echo status=$?' | FileCheck %s
// CHECK: 1000 changes of GOMAXPROCS, the median under 100 us: yes
// CHECK-NEXT: writer stopped
// CHECK-NEXT: status=0
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <gocc/runtime.h>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <vector>

#include "Inputs/busy.h"

static long now() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

int main() {
  alarm(20);
  int devnull = open("/dev/null", O_WRONLY);
  std::atomic<bool> stop{false};
  gocc::chan<int> stopped(0);
  goAndWait([&] {
    char b = 0;
    while (!stop) (void)!write(devnull, &b, 1);
    stopped.send(1);
  });
  // The median change, so that the moments a loaded machine leaves the process unscheduled
  // do not count; without the stop at a system call most changes take milliseconds.
  std::vector<long> took;
  for (int i = 0; i < 1000; i++) {
    long t0 = now();
    gocc::runtime::GOMAXPROCS(i % 2 ? 2 : 1);
    took.push_back(now() - t0);
  }
  std::nth_element(took.begin(), took.begin() + 500, took.end());
  long median = took[500];
  printf("1000 changes of GOMAXPROCS, the median under 100 us: %s\n",
         median < 100000 ? "yes" : "no");
  if (median >= 100000) printf("median %ld us\n", median / 1000);
  stop = true;
  stopped.recv();
  printf("writer stopped\n");
}
