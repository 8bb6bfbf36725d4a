// C11's thrd_exit in main ends the main goroutine like pthread_exit (test/runtime/
// pthread-exit-main.cpp): the process lives on until its other thread is done, then exits 0.
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t; echo status=$?' | FileCheck %s
// CHECK: main calls thrd_exit
// CHECK-NEXT: worker done
// CHECK-NEXT: status=0
#include <stdio.h>
#include <threads.h>

static int worker(void* arg) {
  (void)arg;
  thrd_sleep(&(struct timespec){.tv_nsec = 100 * 1000 * 1000}, NULL);
  printf("worker done\n");
  return 0;
}

int main(void) {
  thrd_t t;
  thrd_create(&t, worker, NULL);
  printf("main calls thrd_exit\n");
  fflush(stdout);
  thrd_exit(0);
}
