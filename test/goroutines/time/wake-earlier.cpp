// A timer that must fire before the time an idle M sleeps until wakes that M: with every
// goroutine asleep for 10 s, a 10 ms AfterFunc started by a goroutine, or by a std::thread,
// runs after about 10 ms, not 10 s.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
// RUN: env GOMAXPROCS=1 %t thread | FileCheck %s
// RUN: env GOMAXPROCS=2 %t thread | FileCheck %s
#include <gocc/go.h>
#include <gocc/time.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

using namespace std::chrono_literals;
namespace gt = gocc::time;

gt::Time start;

void startTimer() {
  start = gt::Now();
  gt::AfterFunc(10ms, [] {
    printf("fired after 10 ms: %d, well before 10 s: %d\n", gt::Since(start) >= 10ms,
           gt::Since(start) < 5s);
    fflush(stdout);
    _Exit(0);
  });
}
// CHECK: fired after 10 ms: 1, well before 10 s: 1

int main(int argc, char**) {
  gocc::go([] { gt::Sleep(10s); });
  if (argc > 1) {
    std::thread([] {
      gt::Sleep(30ms);  // the thread's own sleep: main is asleep by then
      startTimer();
    }).detach();
  } else {
    gocc::go([] {
      gt::Sleep(30ms);
      startTimer();
    });
  }
  gt::Sleep(10s);
  printf("main woke\n");
}
