// Deadlock detection: when every goroutine waits on a runtime object and nothing else could
// wake one, the program dies as Go's does: "fatal error: all goroutines are asleep -
// deadlock!", every goroutine's stack with its wait reason (user frames only, at the default
// GOTRACEBACK), exit status 2.
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t recv 2>&1; echo status=$?' | FileCheck %s --check-prefix=RECV
// RUN: bash -c '%t send 2>&1; echo status=$?' | FileCheck %s --check-prefix=SEND
// RUN: bash -c '%t chain 2>&1; echo status=$?' | FileCheck %s --check-prefix=CHAIN
// A goroutine asleep in a system call (here nanosleep) is not deadlocked: it wakes and sends.
// RUN: bash -c '%t syscall 2>&1; echo status=$?' | FileCheck %s --check-prefix=SYSCALL
// GOTRACEBACK=none: the fatal error line only.
// RUN: bash -c 'env GOTRACEBACK=none %t recv 2>&1; echo status=$?' | FileCheck %s --check-prefix=NONE
#include <gocc/chan.h>
#include <gocc/go.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

gocc::chan<int> c(0);
gocc::chan<int> inner(0);

__attribute__((noinline)) void receive(gocc::chan<int> ch) {
  int v = ch.recv();
  std::printf("received %d\n", v);
}

__attribute__((noinline)) void send(gocc::chan<int> ch, int v) { ch.send(v); }

// Blocked on a channel no one will send on, after main is blocked on c.
__attribute__((noinline)) void blockedWorker() {
  receive(inner);
  send(c, 1);
}

__attribute__((noinline)) void sleepyWorker() {
  usleep(200 * 1000);
  send(c, 42);
}

int main(int argc, char** argv) {
  const char* mode = argv[1];
  if (strcmp(mode, "recv") == 0) receive(c);
  // RECV: fatal error: all goroutines are asleep - deadlock!
  // RECV-EMPTY:
  // RECV-NEXT: goroutine 1 [chan receive]:
  // RECV-NEXT: receive(gocc::chan<...>)
  // RECV-NEXT: deadlock.cpp:[[@LINE-24]] +0x
  // RECV-NEXT: {{^}}main{{$}}
  // RECV-NEXT: deadlock.cpp:[[@LINE-7]] +0x
  // RECV-NEXT: status=2
  // NONE: fatal error: all goroutines are asleep - deadlock!
  // NONE-NEXT: status=2
  if (strcmp(mode, "send") == 0) send(c, 7);
  // SEND: fatal error: all goroutines are asleep - deadlock!
  // SEND-EMPTY:
  // SEND-NEXT: goroutine 1 [chan send]:
  // SEND-NEXT: send(gocc::chan<...>, int)
  // SEND-NEXT: deadlock.cpp:[[@LINE-31]] +0x
  // SEND-NEXT: {{^}}main{{$}}
  // SEND-NEXT: deadlock.cpp:[[@LINE-7]] +0x
  // SEND-NEXT: status=2
  if (strcmp(mode, "chain") == 0) {
    gocc::go(blockedWorker);
    receive(c);
  }
  // CHAIN: fatal error: all goroutines are asleep - deadlock!
  // CHAIN-EMPTY:
  // CHAIN-NEXT: goroutine 1 [chan receive]:
  // CHAIN-NEXT: receive(gocc::chan<...>)
  // CHAIN: {{^}}main{{$}}
  // CHAIN-NEXT: deadlock.cpp:[[@LINE-7]] +0x
  // CHAIN-EMPTY:
  // CHAIN-NEXT: goroutine {{[0-9]+}} [chan receive]:
  // CHAIN-NEXT: receive(gocc::chan<...>)
  // CHAIN: blockedWorker()
  // CHAIN-NEXT: deadlock.cpp:[[@LINE-45]] +0x
  // CHAIN-NEXT: created by main in goroutine 1
  // CHAIN-NEXT: deadlock.cpp:[[@LINE-15]] +0x
  // CHAIN-NEXT: status=2
  if (strcmp(mode, "syscall") == 0) {
    gocc::go(sleepyWorker);
    receive(c);
    // SYSCALL: received 42
    // SYSCALL-NEXT: status=0
  }
  return 0;
}
