// Goexit ends the calling goroutine after unwinding it: the destructors of its frames run
// (innermost first, the goroutine's closure last), a catch (...) on the way runs but cannot
// stop it, nothing after the call runs, and the goroutine is gone (NumGoroutine). Called on
// the main goroutine, the other goroutines go on, and when none is left the program dies as
// Go's does: "no goroutines (main called runtime.Goexit) - deadlock!", status 2.
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t 2>&1; echo status=$?' | FileCheck %s
// RUN: bash -c '%t main 2>&1; echo status=$?' | FileCheck %s --check-prefix=MAIN
#include <gocc/go.h>
#include <gocc/runtime.h>
#include <sched.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

std::atomic<int> ended{0};

struct Noisy {
  std::string name;
  ~Noisy() {
    std::printf("~%s\n", name.c_str());
    if (name == "closure") ended++;
  }
};

__attribute__((noinline)) void inner() {
  Noisy n{"inner"};
  gocc::runtime::Goexit();
  std::printf("after Goexit: not reached\n");
}

__attribute__((noinline)) void middle() {
  Noisy n{"middle"};
  try {
    inner();
  } catch (...) {
    std::printf("catch (...) ran; swallowing\n");
  }
  std::printf("after catch: not reached\n");
}

__attribute__((noinline)) void outer() {
  Noisy n{"outer"};
  middle();
  std::printf("after middle: not reached\n");
}

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IONBF, 0);  // the fatal error exits without flushing stdio
  if (argc > 1 && strcmp(argv[1], "main") == 0) {
    gocc::go([] {
      for (int i = 0; i < 100; i++) sched_yield();
      std::printf("other goroutine still runs after main's Goexit\n");
    });
    Noisy n{"main's"};
    gocc::runtime::Goexit();
    // MAIN: ~main's
    // MAIN-NEXT: other goroutine still runs after main's Goexit
    // MAIN-NEXT: fatal error: no goroutines (main called runtime.Goexit) - deadlock!
    // MAIN-NEXT: status=2
  }
  auto closure = std::make_unique<Noisy>();
  closure->name = "closure";
  gocc::go([c = std::move(closure)] { outer(); });
  while (ended.load() == 0) sched_yield();
  for (int i = 0; i < 1000000 && gocc::runtime::NumGoroutine() > 1; i++) sched_yield();
  std::printf("goroutines %d\n", gocc::runtime::NumGoroutine());
  // CHECK: ~inner
  // CHECK-NEXT: catch (...) ran; swallowing
  // CHECK-NEXT: ~middle
  // CHECK-NEXT: ~outer
  // CHECK-NEXT: ~closure
  // CHECK-NEXT: goroutines 1
  // CHECK-NEXT: status=0
  // CHECK-NOT: not reached
}
