// errno set by a wrapped call survives exitsyscall, also when the goroutine comes back on
// another thread: sem_timedwait times out (ETIMEDOUT) while main keeps the only P busy, so
// the waiter's M finds no P, the waiter goes on the global run queue, and it resumes on
// main's thread once main blocks.
// RUN: %gocc build -o %t %s
// RUN: bash -c 'env GOMAXPROCS=1 %t; echo status=$?' | FileCheck %s
// CHECK: sem_timedwait: -1 ETIMEDOUT, on another thread: yes
// CHECK-NEXT: status=0
#include <semaphore.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "Inputs/busy.h"

struct outcome {
  int ret, err;
  bool movedThread;
};

int main() {
  alarm(20);
  static sem_t sem;
  sem_init(&sem, 0, 0);
  gocc::chan<outcome> result(0);
  goAndWait([=] {
    timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 50 * 1000 * 1000;
    if (deadline.tv_nsec >= 1000000000) {
      deadline.tv_sec++;
      deadline.tv_nsec -= 1000000000;
    }
    long tid = syscall(SYS_gettid);
    int ret = sem_timedwait(&sem, &deadline);
    int err = errno;
    result.send(outcome{ret, err, syscall(SYS_gettid) != tid});
  });  // the waiter blocks; sysmon hands the P to main
  timespec t0, t;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  do clock_gettime(CLOCK_MONOTONIC, &t);  // hold the P past the waiter's timeout
  while ((t.tv_sec - t0.tv_sec) * 1000000000 + (t.tv_nsec - t0.tv_nsec) < 500 * 1000 * 1000);
  errno = 0;
  outcome o = result.recv();
  printf("sem_timedwait: %d %s, on another thread: %s\n", o.ret,
         o.err == ETIMEDOUT ? "ETIMEDOUT" : "WRONG ERRNO", o.movedThread ? "yes" : "no");
}
