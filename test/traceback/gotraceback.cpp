// GOTRACEBACK, with Go's meanings (runtime/extern.go): none|0 no stacks; single (default)
// the failing goroutine, user frames; all|1 every user goroutine; system|2 every goroutine
// with runtime frames and fp/sp/pc; crash like system, then SIGABRT (status 134); another
// number N: all at level N; garbage: all at level 0, i.e. no stacks (Go's atoi fails).
// The program has a goroutine parked on a channel, one running on another thread, one never
// run, then panics on the main goroutine.
// RUN: %gocc build -o %t %s
// RUN: bash -c 'env GOMAXPROCS=2 %t 2>&1; echo status=$?' | FileCheck %s --check-prefixes=CHECK,SINGLE
// RUN: bash -c 'env GOMAXPROCS=2 GOTRACEBACK= %t 2>&1; echo status=$?' | FileCheck %s --check-prefixes=CHECK,SINGLE
// RUN: bash -c 'env GOMAXPROCS=2 GOTRACEBACK=single %t 2>&1; echo status=$?' | FileCheck %s --check-prefixes=CHECK,SINGLE
// RUN: bash -c 'env GOMAXPROCS=2 GOTRACEBACK=none %t 2>&1; echo status=$?' | FileCheck %s --check-prefix=NONE
// RUN: bash -c 'env GOMAXPROCS=2 GOTRACEBACK=0 %t 2>&1; echo status=$?' | FileCheck %s --check-prefix=NONE
// RUN: bash -c 'env GOMAXPROCS=2 GOTRACEBACK=bogus %t 2>&1; echo status=$?' | FileCheck %s --check-prefix=NONE
// RUN: bash -c 'env GOMAXPROCS=2 GOTRACEBACK=-1 %t 2>&1; echo status=$?' | FileCheck %s --check-prefix=NONE
// RUN: bash -c 'env GOMAXPROCS=2 GOTRACEBACK=99999999999 %t 2>&1; echo status=$?' | FileCheck %s --check-prefix=NONE
// RUN: bash -c 'env GOMAXPROCS=2 GOTRACEBACK=all %t 2>&1; echo status=$?' | FileCheck %s --check-prefixes=CHECK,ALL
// RUN: bash -c 'env GOMAXPROCS=2 GOTRACEBACK=1 %t 2>&1; echo status=$?' | FileCheck %s --check-prefixes=CHECK,ALL
// RUN: bash -c 'env GOMAXPROCS=2 GOTRACEBACK=system %t 2>&1; echo status=$?' | FileCheck %s --check-prefixes=CHECK,SYSTEM
// RUN: bash -c 'env GOMAXPROCS=2 GOTRACEBACK=2 %t 2>&1; echo status=$?' | FileCheck %s --check-prefixes=CHECK,SYSTEM
// RUN: bash -c 'env GOMAXPROCS=2 GOTRACEBACK=5 %t 2>&1; echo status=$?' | FileCheck %s --check-prefixes=CHECK,SYSTEM
// RUN: bash -c 'ulimit -c 0; env GOMAXPROCS=2 GOTRACEBACK=crash %t 2>&1; echo status=$?' | FileCheck %s --check-prefixes=CHECK,CRASH
#include <sched.h>

#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/runtime.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string_view>

// The checks follow the code: the output's order is the order of these definitions.
void startParker();
void startSpinner();
void startNeverRuns();

// CHECK: panic: boom
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
__attribute__((noinline)) void fail() { throw std::runtime_error("boom"); }
// CHECK-NEXT: fail()
// CHECK-NEXT: gotraceback.cpp:[[@LINE-2]] +0x
// SYSTEM-SAME: fp=0x{{[0-9a-f]+}} sp=0x{{[0-9a-f]+}} pc=0x{{[0-9a-f]+}}
// CRASH-SAME: fp=0x{{[0-9a-f]+}} sp=0x{{[0-9a-f]+}} pc=0x{{[0-9a-f]+}}

int main() {
  startParker();
  startSpinner();
  startNeverRuns();
  fail();
  // CHECK-NEXT: {{^}}main{{$}}
  // CHECK-NEXT: gotraceback.cpp:[[@LINE-2]] +0x
  // SINGLE-NEXT: status=2
  // ALL-NOT: {{^}}runtime
  // SYSTEM-NEXT: runtime.main
  // CRASH-NEXT: runtime.main
  // SYSTEM: runtime.goexit
  // CRASH: runtime.goexit
  // The runtime's scavenger is a system goroutine: shown only from level 2.
  // ALL-NOT: goroutine 2 [
  // SYSTEM: goroutine 2 [GC scavenge wait]:
  // SYSTEM-NEXT: runtime.gopark
  // SYSTEM-NEXT: proc.cpp:
  // SYSTEM-NEXT: runtime.goparkunlock
  // SYSTEM-NEXT: proc.cpp:
  // SYSTEM-NEXT: runtime.bgscavenge
  // CRASH: goroutine 2 [GC scavenge wait]:
  return 0;
}

std::atomic<bool> spinning;
gocc::chan<int> hello(0), never(0);

// Parks for good on a channel nobody sends to, after saying hello.
__attribute__((noinline)) void parker(void*) {
  hello.send(1);
  // ALL-EMPTY:
  // ALL-NEXT: goroutine 3 [chan receive]:
  // SYSTEM: goroutine 3 [chan receive]:
  // SYSTEM: runtime::chanrecv
  // CRASH: goroutine 3 [chan receive]:
  never.recv();
  // ALL-NEXT: parker(void*)
  // ALL-NEXT: gotraceback.cpp:[[@LINE-2]] +0x
  // SYSTEM: parker(void*)
}

// Whether a goroutine other than the caller is parked on a channel receive, as the stacks of
// all goroutines say.
bool someoneReceiving() {
  static char buf[4096];
  size_t n = gocc::runtime::Stack(buf, sizeof buf, true);
  return std::string_view(buf, n).find(" [chan receive]:") != std::string_view::npos;
}

__attribute__((noinline)) void startParker() {
  gocc::go(parker, nullptr);
  // ALL-NEXT: created by startParker()
  // ALL-NEXT: gotraceback.cpp:[[@LINE-2]] +0x
  hello.recv();  // lets parker run and park on never (given 10 s; then the checks fail)
  auto start = std::chrono::steady_clock::now();
  while (!someoneReceiving() && std::chrono::steady_clock::now() - start < std::chrono::seconds(10))
    sched_yield();
}

// Runs forever on whichever thread took it.
__attribute__((noinline)) void spinner(void*) {
  spinning = true;
  for (;;) sched_yield();
}

__attribute__((noinline)) void startSpinner() {
  gocc::go(spinner, nullptr);
  // ALL-EMPTY:
  // ALL-NEXT: goroutine 4 [running]:
  // ALL-NEXT: {{^	}}goroutine running on other thread; stack unavailable
  // ALL-NEXT: created by startSpinner()
  // ALL-NEXT: gotraceback.cpp:[[@LINE-5]] +0x
  // SYSTEM: goroutine 4 [running]:
  // SYSTEM-NEXT: goroutine running on other thread; stack unavailable
  while (!spinning) sched_yield();  // another M stole it and runs it
}

// A goroutine that never ran shows the function it will start with, at its first line.
__attribute__((noinline)) void neverRuns(void*) {}
// ALL-EMPTY:
// ALL-NEXT: goroutine 5 [runnable]:
// ALL-NEXT: neverRuns(void*)
// ALL-NEXT: gotraceback.cpp:[[@LINE-4]]{{$}}

__attribute__((noinline)) void startNeverRuns() {
  gocc::go(neverRuns, nullptr);  // no P is free to run it
  // ALL-NEXT: created by startNeverRuns()
  // ALL-NEXT: gotraceback.cpp:[[@LINE-2]] +0x
  // ALL-NEXT: status=2
  // SYSTEM: goroutine 5 [runnable]:
  // SYSTEM: status=2
  // CRASH: goroutine 5 [runnable]:
  // CRASH: status=134
  spinning.load();  // not a tail call: this frame stays the creator
}

// NONE: panic: boom
// NONE-NEXT: status=2
// SINGLE-NOT: {{^}}goroutine
