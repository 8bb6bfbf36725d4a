// A program whose thread_local variables are larger than an M's g0 stack still starts: glibc
// carves each thread's static TLS out of the top of its stack, so the runtime sizes its Ms'
// stacks (sysmon's among them) to hold the program's TLS as well (os_linux.cpp: newosproc).
// Before, this program died at start-up with "fatal error: newosproc" (errno 22); so did one
// whose thread_local asks for a large alignment, which glibc also honours on every stack.
// RUN: %gocc build -o %t %s
// RUN: %t | FileCheck %s
// CHECK: main 1 2
// CHECK-NEXT: thread 3 4
// CHECK-NEXT: main again 1 2
#include <cstdio>
#include <thread>

thread_local char big[4 << 20];
thread_local int small = 1;
alignas(1 << 20) thread_local char aligned[16];

int main() {
  big[0] = 1;
  big[sizeof big - 1] = 2;
  aligned[0] = 1;
  std::printf("main %d %d\n", big[0], big[sizeof big - 1] + aligned[0] - 1);
  std::thread t([] {
    big[0] = 3;
    big[sizeof big - 1] = 4;
    std::printf("thread %d %d\n", big[0], big[sizeof big - 1]);
  });
  t.join();
  std::printf("main again %d %d\n", big[0], big[sizeof big - 1]);
  return small - 1;
}
