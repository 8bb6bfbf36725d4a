// Stacks of finished goroutines are reused: a second round of 500 goroutines runs on the
// stacks of the first (each goroutine's frame is at an address one of the first round had;
// with one P, since each P caches up to 32 dead goroutines' stacks for itself). Their touched
// pages go back to the OS once idle: the scavenger (woken by sysmon at most once a second
// while the pool holds memory) releases a stack that has sat in the pool since its previous
// run, so the 500 × 56 KiB the goroutines touched leave RSS within a few seconds; only each
// stack's top page, which holds its dead G, stays. (Two Ps: main sleeps holding one.)
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t reuse | FileCheck %s --check-prefix=REUSE
// REUSE: round 1: 500 goroutines done
// REUSE-NEXT: round 2: 500 goroutines done
// REUSE-NEXT: stacks reused: yes
// RUN: env GOMAXPROCS=2 %t release | FileCheck %s --check-prefix=RELEASE
// RELEASE: round 1: 500 goroutines done
// RELEASE-NEXT: round 2: 500 goroutines done
// RELEASE-NEXT: touched pages held by idle stacks: yes
// RELEASE-NEXT: touched pages released: yes
#include <gocc/chan.h>
#include <gocc/go.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "Inputs/proc-status.h"

constexpr long n = 500;
constexpr long touched = 56 << 10;
std::atomic<long> started{0}, finished{0};
uintptr_t frames[2][n];

__attribute__((noinline)) void useStack() {
  volatile char buf[touched];
  for (long i = 0; i < touched; i += 1024) buf[i] = 1;
  asm volatile("" ::"r"(buf) : "memory");
}

// n goroutines that each touch 56 KiB of their stack and block until all have started (so
// that each has a stack of its own), then end.
void round(int which) {
  gocc::chan<int> block(0);
  gocc::chan<int> ready(1);
  started = finished = 0;
  for (long i = 0; i < n; i++) {
    gocc::go([=] {
      useStack();
      frames[which - 1][i] = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
      int v = 1;
      if (started.fetch_add(1) + 1 == n) ready.send(v);
      v = block.recv();
      if (finished.fetch_add(1) + 1 == n) ready.send(v);
    });
  }
  int v = 0;
  v = ready.recv();
  for (long i = 0; i < n; i++) block.send(v);
  v = ready.recv();
  std::printf("round %d: %ld goroutines done\n", which, finished.load());
}

int main(int argc, char** argv) {
  bool reuse = argc > 1 && std::strcmp(argv[1], "reuse") == 0;
  long rss0 = statusKB("VmRSS");
  round(1);
  round(2);
  long rss2 = statusKB("VmRSS");
  std::sort(frames[0], frames[0] + n);
  long reused = 0;
  for (uintptr_t f : frames[1]) reused += std::binary_search(frames[0], frames[0] + n, f);
  if (reuse) {
    std::printf("stacks reused: %s\n", reused == n ? "yes" : "no");
    return 0;
  }
  long heldKB = n * touched / 1024;
  std::printf("touched pages held by idle stacks: %s\n",
              rss2 - rss0 >= heldKB * 9 / 10 ? "yes" : "no");
  long rss = rss2;
  for (int i = 0; i < 100 && rss - rss0 > heldKB / 10; i++) {
    usleep(100000);
    rss = statusKB("VmRSS");
  }
  std::printf("touched pages released: %s\n", rss - rss0 <= heldKB / 10 ? "yes" : "no");
  std::fprintf(stderr, "rss: before %ld KB, after the rounds %ld KB, idle %ld KB\n", rss0, rss2,
               rss);
}
