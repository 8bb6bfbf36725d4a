// A pending timer is a way out of "every goroutine is blocked": while main sleeps and every
// other goroutine is blocked for good, the program is not deadlocked, and it ends normally.
// Once no timer is left, the same program is (Go's fatal error, exit status 2).
// The blocked goroutine waits on one of the runtime's own channels (runtime/chan.h).
// RUN: %gocc build -o %t -cxxflags=-I%src/runtime %s
// RUN: bash -c 'env GOMAXPROCS=1 %t 2>&1; echo status=$?' | FileCheck %s --check-prefix=SLEEP
// RUN: bash -c '%t 2>&1; echo status=$?' | FileCheck %s --check-prefix=SLEEP
// RUN: bash -c '%t then-block 2>&1; echo status=$?' | FileCheck %s --check-prefix=DEAD
#include <gocc/go.h>
#include <gocc/time.h>

#include <cstdio>
#include <cstring>

#include "chan.h"

using namespace std::chrono_literals;

int main(int argc, char** argv) {
  runtime::hchan* never = runtime::makechan(sizeof(int), 0);
  gocc::go([never] {
    int v;
    runtime::chanrecv(never, &v, true, nullptr);
  });
  gocc::time::Sleep(200ms);
  printf("main slept 200 ms\n");
  fflush(stdout);
  // SLEEP: main slept 200 ms
  // SLEEP-NOT: deadlock
  // SLEEP: status=0
  if (argc > 1 && strcmp(argv[1], "then-block") == 0) {
    int v;
    runtime::chanrecv(never, &v, true, nullptr);
  }
  // DEAD: main slept 200 ms
  // DEAD-NEXT: fatal error: all goroutines are asleep - deadlock!
  // DEAD: status=2
}
