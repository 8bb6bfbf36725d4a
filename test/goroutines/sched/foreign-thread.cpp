// A thread the runtime did not start (std::thread) may still wake a goroutine, so while one
// lives the program is not deadlocked: main waits on a channel while a std::thread sleeps
// 200 ms and then starts the goroutine that sends (no report, the program completes). When
// the thread ends without doing so, nothing can wake main: the deadlock is reported as the
// thread ends.
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t wakes 2>&1; echo status=$?' | FileCheck %s --check-prefix=WAKES
// RUN: bash -c '%t quits 2>&1; echo status=$?' | FileCheck %s --check-prefix=QUITS
#include <gocc/chan.h>
#include <gocc/go.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <thread>

gocc::chan<int> c(0);

int main(int argc, char** argv) {
  bool wakes = strcmp(argv[1], "wakes") == 0;
  std::thread t([wakes] {
    usleep(200 * 1000);
    if (wakes) {
      gocc::go([] { c.send(42); });
    }
  });
  t.detach();
  int v = c.recv();
  // QUITS: fatal error: all goroutines are asleep - deadlock!
  // QUITS-EMPTY:
  // QUITS-NEXT: goroutine 1 [chan receive]:
  // QUITS: {{^}}main{{$}}
  // QUITS-NEXT: foreign-thread.cpp:[[@LINE-5]] +0x
  // QUITS-NEXT: status=2
  std::printf("received %d\n", v);
  // WAKES: received 42
  // WAKES-NEXT: status=0
}
