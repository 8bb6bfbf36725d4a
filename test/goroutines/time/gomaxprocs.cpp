// Timers survive a change of GOMAXPROCS: the timers of the Ps that
// gocc::runtime::GOMAXPROCS(n) removes move to a P that stays, so that goroutines that
// sleep, and AfterFunc timers (pending, stopped and reset) started on any P, all fire.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=4 %t | FileCheck %s
#include <gocc/go.h>
#include <gocc/runtime.h>
#include <gocc/time.h>

#include <atomic>
#include <cstdio>
#include <vector>

using namespace std::chrono_literals;
namespace gt = gocc::time;

std::atomic<int> woken{0};
std::atomic<int> fired{0};
std::atomic<int> started{0};

// Busy for a moment, so that idle Ps' Ms steal the goroutines that main starts.
void busy() {
  gt::Time start = gt::Now();
  while (gt::Since(start) < 2ms) {
  }
}

bool waitFor(std::atomic<int>& n, int want, gt::Duration limit) {
  gt::Time start = gt::Now();
  while (n.load() < want) {
    if (gt::Since(start) > limit) return false;
    gt::Sleep(1ms);
  }
  return true;
}

int main() {
  constexpr int n = 64;
  std::vector<gt::Timer> stopLater(n);
  for (int i = 0; i < n; i++)
    gocc::go([i, &stopLater] {
      busy();
      gt::AfterFunc(100ms + i * 1ms, [] { fired++; });
      stopLater[i] = gt::AfterFunc(1h, [] { fired += 1000; });
      gt::AfterFunc(1h, [] { fired += 1000000; }).Stop();
      started++;
      gt::Sleep(100ms + i * 1ms);
      woken++;
    });
  waitFor(started, n, 10s);
  int old = gocc::runtime::GOMAXPROCS(1);
  printf("GOMAXPROCS %d -> %d\n", old, gocc::runtime::GOMAXPROCS(0));
  // CHECK: GOMAXPROCS 4 -> 1
  int stoppedInTime = 0;
  for (auto& t : stopLater) stoppedInTime += t.Stop();
  printf("stopped after the move: %d\n", stoppedInTime);
  // CHECK-NEXT: stopped after the move: 64
  printf("sleepers woke: %d\n", waitFor(woken, n, 10s) ? woken.load() : -1);
  printf("timers fired: %d\n", waitFor(fired, n, 10s) ? fired.load() : -1);
  // CHECK-NEXT: sleepers woke: 64
  // CHECK-NEXT: timers fired: 64

  // And back up: sleeping and timers work on the new Ps.
  gocc::runtime::GOMAXPROCS(3);
  woken = 0;
  for (int i = 0; i < n; i++)
    gocc::go([] {
      busy();
      gt::Sleep(20ms);
      woken++;
    });
  printf("after growing, sleepers woke: %d\n", waitFor(woken, n, 10s) ? woken.load() : -1);
  // CHECK-NEXT: after growing, sleepers woke: 64
}
