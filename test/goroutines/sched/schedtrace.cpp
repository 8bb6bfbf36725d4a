// GODEBUG=schedtrace=X,scheddetail=1 lists every goroutine, as Go's does, with Go's status
// numbers and wait reasons: "G1: status=4(chan receive) m=-1 lockedm=-1". Periodically from
// sysmon, and at the head of every fatal report (Go: startpanic), here a deadlock's.
// RUN: %gocc build -o %t %s
// RUN: env GODEBUG=schedtrace=10,scheddetail=1 %t 2>&1 | FileCheck %s --check-prefix=TRACE
// RUN: bash -c 'env GODEBUG=schedtrace=100000,scheddetail=1 %t deadlock 2>&1; echo status=$?' | FileCheck %s --check-prefix=DEAD
#include <gocc/chan.h>
#include <gocc/go.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

gocc::chan<int> c(0);

int main(int argc, char** argv) {
  gocc::go([] { c.recv(); });
  if (argc > 1 && strcmp(argv[1], "deadlock") == 0) {
    usleep(50 * 1000);  // sysmon's first trace, due at start, is out before the report
    c.recv();
  }
  // Several traces while the goroutine waits: main runs for 50 ms, then sleeps in a
  // system call for 50 ms.
  auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(50)) {
  }
  usleep(50 * 1000);
}
// TRACE: SCHED {{[0-9]+}}ms: gomaxprocs=
// TRACE: {{^}}  M1: p=-1 curg=-1
// (main runs, once the init tasks, which run locked to M0, are done: status 2; its wait
// reason is the last it had, as Go prints it)
// TRACE: {{^}}  M0: p=0 curg=1 spinning=false lockedg=-1
// TRACE-NEXT: {{^}}  G1: status=2({{.*}}) m=0 lockedm=-1
// TRACE-NEXT: {{^}}  G2: status=4(GC scavenge wait) m=-1 lockedm=-1
// (the first traces may come before main has started goroutine 3)
// TRACE: {{^}}  G3: status=4(chan receive) m=-1 lockedm=-1
// (main in usleep, a system call: status 3, and its M has left its P, as Go's entersyscall)
// TRACE: {{^}}  M0: p=-1 curg=1
// TRACE-NEXT: {{^}}  G1: status=3({{.*}}) m=0 lockedm=-1
// TRACE-NEXT: {{^}}  G2: status=4(GC scavenge wait) m=-1 lockedm=-1
// TRACE-NEXT: {{^}}  G3: status=4(chan receive) m=-1 lockedm=-1
// DEAD: fatal error: all goroutines are asleep - deadlock!
// DEAD-NEXT: SCHED {{[0-9]+}}ms: gomaxprocs=
// DEAD: {{^}}  G1: status=4(chan receive) m=-1 lockedm=-1
// DEAD-NEXT: {{^}}  G2: status=4(GC scavenge wait) m=-1 lockedm=-1
// DEAD-NEXT: {{^}}  G3: status=4(chan receive) m=-1 lockedm=-1
// DEAD-EMPTY:
// DEAD-NEXT: goroutine 1 [chan receive]:
// DEAD: goroutine 3 [chan receive]:
// DEAD: status=2
