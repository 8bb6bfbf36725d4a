// A C host of the library (test/buildmode/Inputs/lib.cpp), linked with its .so or .a and
// compiled with its generated header: calls in from main and from four threads of its own.
// With an argument it then makes the library crash ("crash") or throw ("throw") from main, or
// overflow the stack of a thread of the host's ("overflow").
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "lib.h"

struct result {
  long sum;
  size_t caught;
  double scaled;
};

static void* overflow(void* arg) { return (void*)(long)Overflow(0); }

static void* worker(void* arg) {
  long i = (long)arg;
  static struct result results[4];
  // The thread's first call goes through its stub's slow path (runtime.exportEnter), which
  // must keep the floating-point argument as well as the integer one.
  results[i].scaled = Scale(1.5, i);
  results[i].sum = SumByGoroutines(100 + (int)i);
  results[i].caught = CaughtLength("four");
  return &results[i];
}

int main(int argc, char** argv) {
  printf("main: Initialized()=%d Add(2,3)=%d\n", Initialized(), Add(2, 3));
  pthread_t threads[4];
  for (long i = 0; i < 4; i++) pthread_create(&threads[i], NULL, worker, (void*)i);
  for (int i = 0; i < 4; i++) {
    void* r;
    pthread_join(threads[i], &r);
    struct result* res = r;
    printf("thread %d: sum=%ld caught=%zu scaled=%.1f\n", i, res->sum, res->caught, res->scaled);
  }
  fflush(stdout);
  if (argc > 1 && strcmp(argv[1], "crash") == 0) Crash(NULL);
  if (argc > 1 && strcmp(argv[1], "throw") == 0) Throw("thrown in the library");
  if (argc > 1 && strcmp(argv[1], "overflow") == 0) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 << 10);
    pthread_t thread;
    pthread_create(&thread, &attr, overflow, NULL);
    pthread_join(thread, NULL);
  }
  return 0;
}
