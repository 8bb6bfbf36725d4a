// A pending timer is a way out of "every goroutine is blocked": while main sleeps and every
// other goroutine is blocked for good, the program is not deadlocked, and it ends normally.
// Once no timer is left, the same program is (Go's fatal error, exit status 2).
// RUN: %gocc build -o %t %s
// RUN: bash -c 'env GOMAXPROCS=1 %t 2>&1; echo status=$?' | FileCheck %s --check-prefix=SLEEP
// RUN: bash -c '%t 2>&1; echo status=$?' | FileCheck %s --check-prefix=SLEEP
// RUN: bash -c '%t then-block 2>&1; echo status=$?' | FileCheck %s --check-prefix=DEAD
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/time.h>

#include <cstdio>
#include <cstring>

using namespace std::chrono_literals;

int main(int argc, char** argv) {
  gocc::chan<int> never(0);
  gocc::go([never] { never.recv(); });
  gocc::time::Sleep(200ms);
  printf("main slept 200 ms\n");
  fflush(stdout);
  // SLEEP: main slept 200 ms
  // SLEEP-NOT: deadlock
  // SLEEP: status=0
  if (argc > 1 && strcmp(argv[1], "then-block") == 0) {
    never.recv();
  }
  // DEAD: main slept 200 ms
  // DEAD-NEXT: fatal error: all goroutines are asleep - deadlock!
  // DEAD: status=2
}
