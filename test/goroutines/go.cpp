// gocc::go starts a goroutine running f(args...), with the arguments decay-copied or moved
// as std::thread takes them: a function with arguments, a move-only lambda, a member function
// through a pointer, and a goroutine started from a std::thread. An exception escaping a
// goroutine is a panic: Go's report for that goroutine, "created by" naming the function and
// line that started it and the goroutine it ran on, then exit status 2.
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t; echo status=$?' | FileCheck %s
// RUN: bash -c '%t panic 2>&1; echo status=$?' | FileCheck %s --check-prefix=PANIC
#include <gocc/go.h>
#include <gocc/runtime.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

std::atomic<int> finished{0};

void greet(int n, std::string who) {
  printf("greet %d %s\n", n, who.c_str());
  finished++;
}

struct Counter {
  int base = 40;
  void add(int k) {
    printf("member %d\n", base + k);
    finished++;
  }
};

void waitFor(int n) {
  while (finished.load() < n) sched_yield();
}

__attribute__((noinline)) void startPanicking() {  // its own frame (no inline tree yet)
  gocc::go([] { throw std::runtime_error("boom in a goroutine"); });
  // PANIC: panic: boom in a goroutine
  // PANIC-EMPTY:
  // PANIC-NEXT: goroutine {{[0-9]+}} [running]:
  // PANIC-NEXT: startPanicking()::$_0::operator()() const
  // PANIC-NEXT: go.cpp:[[@LINE-5]] +0x
  // PANIC-NEXT: created by startPanicking() in goroutine 1
  // PANIC-NEXT: go.cpp:[[@LINE-7]] +0x
  // PANIC-NEXT: status=2
}

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "panic") == 0) {
    startPanicking();
    for (;;) sched_yield();
  }
  std::string who = "copied";
  gocc::go(greet, 1, who);
  waitFor(1);
  // CHECK: greet 1 copied
  auto owned = std::make_unique<int>(7);
  gocc::go([p = std::move(owned)] {
    printf("move-only %d\n", *p);
    finished++;
  });
  waitFor(2);
  // CHECK-NEXT: move-only 7
  Counter c;
  gocc::go(&Counter::add, &c, 2);
  waitFor(3);
  // CHECK-NEXT: member 42
  std::thread t([] {
    gocc::go([] {
      printf("from a std::thread\n");
      finished++;
    });
  });
  t.join();
  waitFor(4);
  // CHECK-NEXT: from a std::thread
  // The goroutines end soon after their last statement: wait (a bounded time) for them.
  for (int i = 0; i < 10000000 && gocc::runtime::NumGoroutine() > 1; i++) sched_yield();
  printf("goroutines %d\n", gocc::runtime::NumGoroutine());
  // CHECK-NEXT: goroutines 1
  // CHECK-NEXT: status=0
}
