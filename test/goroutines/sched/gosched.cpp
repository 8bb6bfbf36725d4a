// Gosched yields: the goroutine goes to the back of the global run queue and the others
// run. With one P, two goroutines that print and yield alternate strictly, and main, which
// yields until both are done, lets them run without ever blocking.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// CHECK: B0
// CHECK-NEXT: A0
// CHECK-NEXT: B1
// CHECK-NEXT: A1
// CHECK-NEXT: B2
// CHECK-NEXT: A2
// CHECK-NEXT: B3
// CHECK-NEXT: A3
// CHECK-NEXT: done
#include <gocc/go.h>
#include <gocc/runtime.h>

#include <atomic>
#include <cstdio>

std::atomic<int> finished{0};

void loop(char name) {
  for (int i = 0; i < 4; i++) {
    std::printf("%c%d\n", name, i);
    gocc::runtime::Gosched();
  }
  finished++;
}

int main() {
  gocc::go(loop, 'A');
  gocc::go(loop, 'B');  // runs first: the newest goroutine is its P's next
  while (finished.load() < 2) gocc::runtime::Gosched();
  std::printf("done\n");
}
