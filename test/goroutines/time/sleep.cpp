// gocc::time::Sleep parks the goroutine, not its thread: with one P, 100 goroutines that each
// sleep 100 ms finish in about 100 ms, not 10 s. Sleepers wake in deadline order, whatever
// order they went to sleep in. On a thread the runtime did not start, Sleep sleeps the thread.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
#include <gocc/go.h>
#include <gocc/time.h>

#include <atomic>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;
namespace gt = gocc::time;

// Wait (sleeping) until n goroutines have counted themselves done.
void waitFor(std::atomic<int>& done, int n) {
  while (done.load() < n) gt::Sleep(1ms);
}

int main() {
  // Many sleepers at once: the elapsed time is the longest sleep's, not the sum's. The
  // bound is generous: the machine may be busy.
  constexpr int sleepers = 100;
  std::atomic<int> done{0};
  gt::Time start = gt::Now();
  for (int i = 0; i < sleepers; i++)
    gocc::go([&] {
      gt::Sleep(100ms);
      done++;
    });
  waitFor(done, sleepers);
  gt::Duration took = gt::Since(start);
  printf("%d sleepers of 100 ms: at least 100 ms %s, under 1 s %s\n", sleepers,
         took >= 100ms ? "yes" : "no", took < 1s ? "yes" : "no");
  // CHECK: 100 sleepers of 100 ms: at least 100 ms yes, under 1 s yes

  // Deadline order: goroutine i sleeps (n - i) * 30 ms and is started in order i = 0..n-1,
  // so they wake in the reverse order of their start. Each wakes no earlier than its
  // deadline, and none wakes before one with an earlier deadline. (Timers found due together
  // ready their goroutines together, and the scheduler may run those in another order, as
  // Go's does: a machine busy enough to delay a timer by a whole gap makes such a group. The
  // check allows that, and no more.)
  constexpr int n = 8;
  gt::Time woke[n];
  std::atomic<int> woken{0};
  start = gt::Now();
  for (int i = 0; i < n; i++)
    gocc::go([&, i] {
      gt::Sleep((n - i) * 30ms);
      woke[i] = gt::Now();
      woken++;
    });
  waitFor(woken, n);
  bool early = false, inverted = false;
  for (int i = 0; i < n; i++) {
    early |= woke[i].Sub(start) < (n - i) * 30ms;
    for (int j = 0; j < i; j++) inverted |= woke[j].Before(woke[i].Add(-10ms));
  }
  printf("woke early: %d, out of deadline order: %d\n", early, inverted);
  // CHECK-NEXT: woke early: 0, out of deadline order: 0

  // Any std::chrono duration, rounded up to a nanosecond; zero and negative return at once.
  start = gt::Now();
  gt::Sleep(std::chrono::duration<double, std::milli>(20.5));
  gt::Sleep(0s);
  gt::Sleep(-5s);
  took = gt::Since(start);
  printf("20.5 ms as a double: %s\n", took >= 20500us && took < 1s ? "ok" : "wrong");
  // CHECK-NEXT: 20.5 ms as a double: ok

  // On a std::thread, Sleep sleeps the thread.
  std::thread([] {
    gt::Time t0 = gt::Now();
    gt::Sleep(30ms);
    printf("std::thread slept at least 30 ms: %s\n", gt::Since(t0) >= 30ms ? "yes" : "no");
  }).join();
  // CHECK-NEXT: std::thread slept at least 30 ms: yes
}
