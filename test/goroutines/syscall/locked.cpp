// A goroutine locked to its thread keeps it across a system call whose P was taken: static
// constructors run locked to the main thread; one that sleeps while a goroutine it started
// keeps the only P busy finds no P when it wakes, waits on its own M until the P is handed to
// it, and carries on on the main thread.
// RUN: %gocc build -o %t %s
// RUN: bash -c 'env GOMAXPROCS=1 %t; echo status=$?' | FileCheck %s
// CHECK: spinner ran while the constructor slept: yes
// CHECK-NEXT: constructor still on the main thread: yes
// CHECK-NEXT: main
// CHECK-NEXT: status=0
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>

#include "Inputs/busy.h"

std::atomic<bool> spinnerRan{false};

static long now() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

struct sleepsInInit {
  sleepsInInit() {
    alarm(20);
    gocc::go([] {  // runs once the constructor's sleep gives up the P; holds it 300 ms
      spinnerRan = true;
      for (long t0 = now(); now() - t0 < 300 * 1000 * 1000;) {
      }
    });
    usleep(50 * 1000);
    printf("spinner ran while the constructor slept: %s\n", spinnerRan ? "yes" : "no");
    printf("constructor still on the main thread: %s\n",
           syscall(SYS_gettid) == getpid() ? "yes" : "no");
  }
} init;

int main() { printf("main\n"); }
