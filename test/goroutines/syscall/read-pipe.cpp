// With one P, a goroutine blocked in read() on an empty pipe does not stall the others:
// the read enters a system call, sysmon hands the P to another M, and two goroutines keep
// computing and exchanging values on channels until a writer finally unblocks the reader.
// RUN: %gocc build -o %t %s
// RUN: bash -c 'env GOMAXPROCS=1 %t; echo status=$?' | FileCheck %s
// CHECK: reader blocked
// CHECK-NEXT: exchanged 10000 values: ok
// CHECK-NEXT: reader still blocked: yes
// CHECK-NEXT: reader got: x
// CHECK-NEXT: status=0
//
// The scheduler trace shows the hand-off: the reader's M runs its goroutine with no P,
// while the P runs on another M.
// RUN: env GOMAXPROCS=1 GODEBUG=schedtrace=1,scheddetail=1 %t trace 2>&1 | FileCheck %s --check-prefix=TRACE
// TRACE: P0: status=1 {{.*}} m={{[0-9]+}}
// TRACE: M{{[0-9]+}}: p=-1 curg={{[0-9]+}} spinning=false
// TRACE: reader got: x
//
// The wrappers are in the dynamic symbol table, so that shared libraries' calls reach them.
// RUN: llvm-readelf --dyn-syms %t | FileCheck %s --check-prefix=DYNSYM
// DYNSYM-DAG: {{ }}read{{$}}
// DYNSYM-DAG: {{ }}write{{$}}
// DYNSYM-DAG: {{ }}poll{{$}}
// DYNSYM-DAG: {{ }}pthread_mutex_lock{{$}}
// DYNSYM-DAG: {{ }}pthread_cond_wait{{$}}
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "Inputs/busy.h"

int main(int argc, char** argv) {
  alarm(20);  // without the hand-off the program would hang: end it
  bool trace = argc > 1 && strcmp(argv[1], "trace") == 0;
  int fds[2];
  if (pipe(fds) != 0) return 1;
  std::atomic<bool> readerDone{false};
  gocc::chan<char> got(0);
  goAndWait([&] {
    char c = 0;
    if (read(fds[0], &c, 1) != 1) c = '?';
    readerDone = true;
    got.send(c);
  });  // the reader runs, readies main, and blocks in read()
  printf("reader blocked\n");
  printf("exchanged 10000 values: %s\n", pingPong(10000) ? "ok" : "WRONG");
  // A few trace lines while the reader is blocked and the P runs the others: they exchange
  // values for 30 ms (however fast the exchange, the trace sees the P running).
  if (trace) {
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(30);
    while (std::chrono::steady_clock::now() < end) pingPong(1000);
  }
  printf("reader still blocked: %s\n", readerDone ? "no" : "yes");
  if (write(fds[1], "x", 1) != 1) return 1;
  printf("reader got: %c\n", got.recv());
}
