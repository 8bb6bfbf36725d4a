// pthread_exit in main is a forced unwind, which a catch (...) may see but must rethrow; one
// that swallows it gets glibc's verdict, as in a plain C++ program: "FATAL: exception not
// rethrown" and SIGABRT. (main used to go on past pthread_exit, returning from the handler.)
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t; echo rc=$?' 2>&1 | FileCheck %s
// CHECK: main calls pthread_exit
// CHECK-NEXT: FATAL: exception not rethrown
// CHECK: rc=134
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
