// NumGoroutine counts the goroutines that exist, main included and the runtime's own (the
// scavenger) excluded: 1, then 11 while ten goroutines wait on a channel, then 1 again
// once they have received and ended.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
// CHECK: at start: 1
// CHECK-NEXT: with ten waiting: 11
// CHECK-NEXT: after they end: 1
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/runtime.h>
#include <sched.h>

#include <cstdio>

gocc::chan<int> c(0);

int main() {
  std::printf("at start: %d\n", gocc::runtime::NumGoroutine());
  for (int i = 0; i < 10; i++) gocc::go([] { c.recv(); });
  std::printf("with ten waiting: %d\n", gocc::runtime::NumGoroutine());
  for (int i = 0; i < 10; i++) c.send(i);
  for (int i = 0; i < 10000000 && gocc::runtime::NumGoroutine() > 1; i++) sched_yield();
  std::printf("after they end: %d\n", gocc::runtime::NumGoroutine());
}
