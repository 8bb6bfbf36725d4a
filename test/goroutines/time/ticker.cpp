// A Ticker sends the time on C every period, on multiples of the period from its start; a
// slow receiver misses ticks (C holds one, and a tick finding it full is dropped, as Go's
// sendTime); Stop ends the ticks; Reset changes the period. NewTicker and Reset refuse a
// non-positive period as Go panics.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/time.h>

#include <cstdio>
#include <stdexcept>

using namespace std::chrono_literals;
namespace gt = gocc::time;

int main() {
  gt::Time start = gt::Now();
  gt::Ticker tk = gt::NewTicker(10ms);
  bool onTime = true;
  for (int i = 1; i <= 5; i++) onTime &= tk.C.recv().Sub(start) >= i * 10ms;
  printf("5 ticks, each not before its multiple of 10 ms: %d\n", onTime);
  // CHECK: 5 ticks, each not before its multiple of 10 ms: 1

  // A slow receiver: 100 ms without receiving is 10 ticks, of which C kept one.
  gt::Sleep(100ms);
  printf("ticks waiting after 100 ms: %zu\n", tk.C.len());
  // CHECK-NEXT: ticks waiting after 100 ms: 1
  tk.C.recv();
  gt::Time t0 = gt::Now();
  tk.C.recv();
  // (The bound is generous: a loaded machine may leave the process unscheduled for a while.)
  printf("the next tick comes, with no backlog: %d\n", gt::Since(t0) < 500ms);
  // CHECK-NEXT: the next tick comes, with no backlog: 1

  // Reset: the next tick is a new period from now. (A tick sent before Reset may wait in C.)
  t0 = gt::Now();
  tk.Reset(40ms);
  if (tk.C.len()) tk.C.recv();
  gt::Time first = tk.C.recv();
  gt::Time second = tk.C.recv();
  // Neither tick comes early (lateness, which load causes, is not checked).
  printf("after Reset(40 ms): %d %d\n", first.Sub(t0) >= 40ms, second.Sub(t0) >= 80ms);
  // CHECK-NEXT: after Reset(40 ms): 1 1

  // Stop: no tick after (one sent just before may be waiting: drain it).
  tk.Stop();
  if (tk.C.len()) tk.C.recv();
  gt::Sleep(50ms);
  printf("ticks after Stop: %zu\n", tk.C.len());
  // CHECK-NEXT: ticks after Stop: 0

  // Tick: a ticker's channel.
  gocc::chan<gt::Time> c = gt::Tick(5ms);
  for (int i = 0; i < 3; i++) c.recv();
  printf("Tick ticked; Tick(0) is nil: %d\n", gt::Tick(0s) == nullptr);
  // CHECK-NEXT: Tick ticked; Tick(0) is nil: 1

  try {
    gt::NewTicker(0s);
  } catch (const std::invalid_argument& e) {
    printf("%s\n", e.what());
  }
  try {
    tk.Reset(-1ms);
  } catch (const std::invalid_argument& e) {
    printf("%s\n", e.what());
  }
  // CHECK-NEXT: non-positive interval for NewTicker
  // CHECK-NEXT: non-positive interval for Ticker.Reset
}
