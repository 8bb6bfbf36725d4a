// pthread_exit in main is a forced unwind, which a catch (...) may see but must rethrow; one
// that swallows it gets glibc's verdict, as in a plain C++ program: "FATAL: exception not
// rethrown" and SIGABRT, and main does not go on past pthread_exit from the handler.
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t 2>&1; echo status=$?' | FileCheck %s
// CHECK: main calls pthread_exit
// CHECK-NEXT: FATAL: exception not rethrown
// CHECK: status=134
#include <pthread.h>

#include <cstdio>

int main() try {
  std::printf("main calls pthread_exit\n");
  std::fflush(stdout);
  pthread_exit(nullptr);
} catch (...) {
  std::printf("caught in main, returning 1\n");
  return 1;
}
