// A signal handler that calls write() while the goroutine it interrupted is blocked in a
// system call calls libc straight away: the goroutine is in a system call already. Main
// blocks in read() on m0; once sysmon has handed its P to another M, a goroutine signals
// m0, and the handler writes. With or without the alternate signal stack (SA_ONSTACK).
// RUN: %gocc build -o %t %s
// RUN: bash -c 'env GOMAXPROCS=1 %t; echo status=$?' | FileCheck %s
// RUN: bash -c 'env GOMAXPROCS=1 %t onstack; echo status=$?' | FileCheck %s
// A handler on the alternate signal stack that interrupts a goroutine running user code.
// RUN: bash -c 'env GOMAXPROCS=1 %t onstack raise; echo status=$?' | FileCheck %s --check-prefix=RAISE
// CHECK: handler wrote
// CHECK-NEXT: main read: x
// CHECK-NEXT: status=0
// RAISE: handler wrote
// RAISE-NEXT: raised
// RAISE-NEXT: status=0
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>

#include "Inputs/busy.h"

std::atomic<bool> handled{false};

void handler(int) {
  static const char msg[] = "handler wrote\n";
  (void)!write(1, msg, sizeof msg - 1);
  handled = true;
}

int main(int argc, char** argv) {
  alarm(20);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sa.sa_flags = SA_RESTART;
  if (argc > 1 && strcmp(argv[1], "onstack") == 0) sa.sa_flags |= SA_ONSTACK;
  sigaction(SIGUSR1, &sa, nullptr);
  if (argc > 2 && strcmp(argv[2], "raise") == 0) {
    raise(SIGUSR1);
    printf("raised\n");
    return 0;
  }
  int fds[2];
  if (pipe(fds) != 0) return 1;
  long mainThread = syscall(SYS_gettid);  // m0: the only M that takes the program's signals
  gocc::go([=] {
    syscall(SYS_tgkill, getpid(), mainThread, SIGUSR1);
    while (!handled) usleep(1000);
    (void)!write(fds[1], "x", 1);
  });
  fflush(stdout);
  char c = '?';
  (void)!read(fds[0], &c, 1);
  printf("main read: %c\n", c);
}
