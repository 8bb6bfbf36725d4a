// A goroutine blocked in a system call shows as "[syscall]" in a traceback of every
// goroutine, with its stack from the wrapped libc function down to the code that called it.
// RUN: %gocc build -o %t %s
// RUN: bash -c 'env GOMAXPROCS=1 GOTRACEBACK=all %t 2>&1; echo status=$?' | FileCheck %s
// CHECK: panic: main gives up
// CHECK: goroutine 1 [running]:
// CHECK: goroutine {{[0-9]+}} [syscall]:
// CHECK-NEXT: read
// CHECK-NEXT: syscall_linux.cpp:{{[0-9]+}} +0x
#include <unistd.h>

#include <stdexcept>

#include "Inputs/busy.h"

int fds[2];

__attribute__((noinline)) void readForever() {
  char c;
  (void)!read(fds[0], &c, 1);
  // CHECK-NEXT: readForever()
  // CHECK-NEXT: traceback.cpp:[[@LINE-2]] +0x
}

int main() {
  alarm(20);
  if (pipe(fds) != 0) return 1;
  gocc::chan<int> started(0);
  gocc::go([=] {
    started.send(1);
    readForever();
  });
  // CHECK: created by main in goroutine 1
  // CHECK-NEXT: traceback.cpp:[[@LINE-5]] +0x
  started.recv();
  usleep(10000);  // the reader is in read() by now
  throw std::runtime_error("main gives up");
}
// CHECK: status=2
