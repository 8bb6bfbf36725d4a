// gocc::time::AfterFunc runs its function in a goroutine of its own once the time has come;
// the Timer it returns stops it (true: stopped in time, and the function never runs) or
// resets it (true while pending; after firing, false, and the function runs again). Stop and
// Reset on a default-constructed Timer throw, as Go's panic on an uninitialized Timer.
// A timer started from a std::thread fires too.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
#include <gocc/go.h>
#include <gocc/time.h>

#include <atomic>
#include <cstdio>
#include <stdexcept>
#include <thread>

using namespace std::chrono_literals;
namespace gt = gocc::time;

std::atomic<int> fired{0};

// Wait until fired reaches n, or limit passes; whether it did.
bool waitFor(int n, gt::Duration limit) {
  gt::Time start = gt::Now();
  while (fired.load() < n) {
    if (gt::Since(start) > limit) return false;
    gt::Sleep(1ms);
  }
  return true;
}

int main() {
  // It runs, in a goroutine that is not main's.
  std::atomic<bool> onMain{true};
  gt::Time start = gt::Now();
  gt::Timer t = gt::AfterFunc(20ms, [&] {
    onMain = false;
    fired++;
  });
  printf("ran: %d\n", waitFor(1, 5s));
  // CHECK: ran: 1
  printf("not before 20 ms: %d, in a goroutine of its own: %d\n", gt::Since(start) >= 20ms,
         !onMain.load());
  // CHECK-NEXT: not before 20 ms: 1, in a goroutine of its own: 1
  printf("Stop after firing: %d\n", t.Stop());
  // CHECK-NEXT: Stop after firing: 0

  // Stopped before it fires: Stop says so, and the function never runs.
  fired = 0;
  gt::Timer never = gt::AfterFunc(30ms, [] { fired += 100; });
  printf("Stop before firing: %d\n", never.Stop());
  printf("Stop again: %d\n", never.Stop());
  gt::Sleep(60ms);
  printf("stopped timer's function ran: %d\n", fired.load() != 0);
  // CHECK-NEXT: Stop before firing: 1
  // CHECK-NEXT: Stop again: 0
  // CHECK-NEXT: stopped timer's function ran: 0

  // Reset while pending moves it (true); it fires once, at the new time.
  fired = 0;
  start = gt::Now();
  gt::Timer moved = gt::AfterFunc(10ms, [] { fired++; });
  printf("Reset while pending: %d\n", moved.Reset(50ms));
  gt::Sleep(25ms);
  printf("fired at the old time: %d\n", fired.load());
  waitFor(1, 5s);
  printf("fired at the new time: %d (after 50 ms: %d)\n", fired.load(), gt::Since(start) >= 50ms);
  // CHECK-NEXT: Reset while pending: 1
  // CHECK-NEXT: fired at the old time: 0
  // CHECK-NEXT: fired at the new time: 1 (after 50 ms: 1)
  // Reset after it fired: false, and it runs again. Reset after Stop: false, runs again.
  printf("Reset after firing: %d\n", moved.Reset(5ms));
  waitFor(2, 5s);
  printf("fired: %d\n", fired.load());
  // CHECK-NEXT: Reset after firing: 0
  // CHECK-NEXT: fired: 2
  bool pending = never.Reset(5ms);
  printf("Reset after Stop: %d %d\n", pending, waitFor(102, 5s));
  // CHECK-NEXT: Reset after Stop: 0 1
  // Moved earlier: from an hour to 5 ms.
  fired = 0;
  gt::Timer early = gt::AfterFunc(1h, [] { fired++; });
  pending = early.Reset(5ms);
  printf("Reset earlier: %d %d\n", pending, waitFor(1, 5s));
  // CHECK-NEXT: Reset earlier: 1 1

  // Many timers, stopped and not, dropped without a handle: each that Stop did not stop in
  // time runs once (a timer of 0 ms may fire on another P before Stop).
  fired = 0;
  int stopped = 0;
  for (int i = 0; i < 1000; i++) {
    gt::Timer x = gt::AfterFunc(i % 7 * 1ms, [] { fired++; });
    if (i % 2) stopped += x.Stop();
  }
  waitFor(1000 - stopped, 5s);
  gt::Sleep(20ms);
  printf("stopped most: %d, the others ran once each: %d\n", stopped > 400,
         fired.load() == 1000 - stopped);
  // CHECK-NEXT: stopped most: 1, the others ran once each: 1

  // From a std::thread: the timer fires, its function on a goroutine.
  fired = 0;
  std::thread([] { gt::AfterFunc(5ms, [] { fired++; }); }).join();
  printf("from a std::thread: %d\n", waitFor(1, 5s));
  // CHECK-NEXT: from a std::thread: 1

  // A Timer that was never started.
  gt::Timer none;
  try {
    none.Stop();
  } catch (const std::logic_error& e) {
    printf("%s\n", e.what());
  }
  try {
    none.Reset(1s);
  } catch (const std::logic_error& e) {
    printf("%s\n", e.what());
  }
  // CHECK-NEXT: time: Stop called on uninitialized Timer
  // CHECK-NEXT: time: Reset called on uninitialized Timer
}
