// pthread_exit in main ends the main goroutine as it would end a C program's main thread:
// main's stack is unwound (its destructors run), the process goes on while another thread
// works, and when that one is done it exits with status 0, running atexit handlers.
// pthread_exit on any other thread is glibc's. (glibc's own crashes in main: it stops the
// unwinding at a jump buffer __libc_start_main sets up, and gocc's start-up does not run that.)
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t; echo status=$?' | FileCheck %s
// CHECK: other thread: exit value 7
// CHECK-NEXT: main calls pthread_exit
// CHECK-NEXT: main's Guard destroyed
// CHECK-NEXT: worker done
// CHECK-NEXT: atexit handler
// CHECK-NEXT: status=0
#include <pthread.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

struct Guard {
  ~Guard() {
    std::printf("main's Guard destroyed\n");
    std::fflush(stdout);
  }
};

void* exitsWithSeven(void*) { pthread_exit(reinterpret_cast<void*>(7)); }

void* worker(void*) {
  usleep(200 * 1000);
  std::printf("worker done\n");
  return nullptr;
}

int main() {
  std::atexit([] { std::printf("atexit handler\n"); });
  pthread_t t;
  void* value;
  pthread_create(&t, nullptr, exitsWithSeven, nullptr);
  pthread_join(t, &value);
  std::printf("other thread: exit value %ld\n", reinterpret_cast<long>(value));
  pthread_create(&t, nullptr, worker, nullptr);
  Guard guard;
  std::printf("main calls pthread_exit\n");
  std::fflush(stdout);
  pthread_exit(nullptr);
}
