// gocc::runtime::Stack formats stacks into a buffer as a crash report prints them (Go's
// runtime.Stack): the caller's goroutine, from the caller's frame, and with all every other
// goroutine too, each with its state. It writes at most the buffer's size and returns the
// bytes written.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/runtime.h>

#include <cstdio>
#include <cstring>

gocc::chan<int> never(0), started(0);

__attribute__((noinline)) void waiter(int id) {
  started.send(id);
  never.recv();
}

__attribute__((noinline)) void startWaiters() {
  for (int i = 0; i < 2; i++) {
    gocc::go(waiter, i);
    started.recv();
  }
}

char buf[16384];

// A waiter that has sent on started may not have reached never.recv yet (with two Ps it runs
// beside main): wait until both are parked.
void waitUntilParked() {
  for (;;) {
    size_t n = gocc::runtime::Stack(buf, sizeof buf, true);
    int parked = 0;
    for (const char* p = buf;
         (p = static_cast<const char*>(memmem(p, buf + n - p, "[chan receive]", 14))); p++)
      parked++;
    if (parked == 2) return;
    gocc::runtime::Gosched();
  }
}

int main() {
  startWaiters();
  waitUntilParked();
  size_t n = gocc::runtime::Stack(buf, sizeof buf, false);
  std::printf("%.*s---\n", int(n), buf);
  // CHECK: goroutine 1 [running]:
  // CHECK-NEXT: {{^}}main{{$}}
  // CHECK-NEXT: stack.cpp:[[@LINE-4]] +0x
  // CHECK-NEXT: ---
  n = gocc::runtime::Stack(buf, sizeof buf, true);
  std::printf("%.*s---\n", int(n), buf);
  // CHECK-NEXT: goroutine 1 [running]:
  // CHECK-NEXT: {{^}}main{{$}}
  // CHECK-NEXT: stack.cpp:[[@LINE-4]] +0x
  // CHECK-EMPTY:
  // CHECK-NEXT: goroutine {{[0-9]+}} [chan receive]:
  // CHECK-NEXT: waiter(int)
  // CHECK-NEXT: stack.cpp:18 +0x
  // CHECK-NEXT: created by startWaiters() in goroutine 1
  // CHECK-NEXT: stack.cpp:23 +0x
  // CHECK-EMPTY:
  // CHECK-NEXT: goroutine {{[0-9]+}} [chan receive]:
  // CHECK-NEXT: waiter(int)
  // CHECK-NEXT: stack.cpp:18 +0x
  // CHECK-NEXT: created by startWaiters() in goroutine 1
  // CHECK-NEXT: stack.cpp:23 +0x
  // CHECK-NEXT: ---
  size_t whole = n;
  n = gocc::runtime::Stack(buf, 20, true);
  std::printf("cut to %zu of %zu: %.*s\n", n, whole, int(n), buf);
  // CHECK-NEXT: cut to 20 of {{[0-9]+}}: goroutine 1 [running{{$}}
}
