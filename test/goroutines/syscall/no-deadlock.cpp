// An M blocked in a system call is not idle: while a goroutine waits in read() and every
// other goroutine waits for it, the deadlock check keeps quiet, since the call can return
// (here a std::thread writes to the pipe 100 ms later).
// RUN: %gocc build -o %t %s
// RUN: bash -c 'env GOMAXPROCS=1 %t 2>&1; echo status=$?' | FileCheck %s
// CHECK: main got: x
// CHECK-NEXT: status=0
#include <unistd.h>

#include <cstdio>
#include <thread>

#include "Inputs/busy.h"

int main() {
  alarm(20);
  int fds[2];
  if (pipe(fds) != 0) return 1;
  gocc::chan<char> got(0);
  gocc::go([=] {
    char c = '?';
    (void)!read(fds[0], &c, 1);
    got.send(c);
  });
  std::thread writer([=] {
    usleep(100 * 1000);
    (void)!write(fds[1], "x", 1);
  });
  printf("main got: %c\n", got.recv());
  writer.join();
}
