// NewTimer sends the time on its channel C once, after its duration; Stop before then returns
// true and nothing is ever sent; Reset re-arms it. After(d) is a timer's channel, for a
// timeout in a select. A receive from C blocks the goroutine (or a std::thread) until then.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/select.h>
#include <gocc/time.h>

#include <cstdio>
#include <thread>

using namespace std::chrono_literals;
namespace gt = gocc::time;

int main() {
  gt::Time start = gt::Now();
  gt::Timer t = gt::NewTimer(20ms);
  printf("C: cap %zu, empty %d\n", t.C.cap(), t.C.len() == 0);
  // CHECK: C: cap 1, empty 1
  gt::Time sent = t.C.recv();
  gt::Time got = gt::Now();
  printf("received after 20 ms: %d, sent after 20 ms: %d, sent before received: %d\n",
         got.Sub(start) >= 20ms, sent.Sub(start) >= 20ms, !sent.After(got));
  // CHECK-NEXT: received after 20 ms: 1, sent after 20 ms: 1, sent before received: 1
  printf("Stop after firing: %d\n", t.Stop());
  // CHECK-NEXT: Stop after firing: 0

  // Stopped in time: nothing is ever sent.
  gt::Timer stopped = gt::NewTimer(20ms);
  printf("Stop before firing: %d\n", stopped.Stop());
  gt::Sleep(50ms);
  printf("sent after Stop: %zu\n", stopped.C.len());
  // CHECK-NEXT: Stop before firing: 1
  // CHECK-NEXT: sent after Stop: 0

  // Reset after Stop: fires at the new time.
  start = gt::Now();
  printf("Reset after Stop: %d\n", stopped.Reset(30ms));
  stopped.C.recv();
  printf("after 30 ms: %d\n", gt::Since(start) >= 30ms);
  // CHECK-NEXT: Reset after Stop: 0
  // CHECK-NEXT: after 30 ms: 1

  // Reset while pending: true, and it sends once, at the new time.
  gt::Timer moved = gt::NewTimer(1h);
  start = gt::Now();
  printf("Reset while pending: %d\n", moved.Reset(10ms));
  moved.C.recv();
  gt::Sleep(30ms);
  printf("after 10 ms: %d, sent once: %d\n", gt::Since(start) >= 10ms, moved.C.len() == 0);
  // CHECK-NEXT: Reset while pending: 1
  // CHECK-NEXT: after 10 ms: 1, sent once: 1

  // A timeout: a select on a channel nobody sends to and on After.
  gocc::chan<int> never(0);
  start = gt::Now();
  int chosen = gocc::select(gocc::recv(never), gocc::recv(gt::After(25ms)));
  printf("select chose the timeout: %d, after 25 ms: %d\n", chosen == 1, gt::Since(start) >= 25ms);
  // CHECK-NEXT: select chose the timeout: 1, after 25 ms: 1

  // Many goroutines each waiting on their own timer's channel, and a std::thread on one.
  gocc::chan<int> done(0);
  for (int i = 0; i < 100; i++)
    gocc::go([done, i] {
      gt::After(i % 10 * 1ms + 10ms).recv();
      done.send(1);
    });
  std::thread th([] { gt::After(10ms).recv(); });
  int n = 0;
  for (int i = 0; i < 100; i++) n += done.recv();
  th.join();
  printf("goroutines woken by their timers: %d\n", n);
  // CHECK-NEXT: goroutines woken by their timers: 100
}
