// A C host that loads the library (test/buildmode/Inputs/lib.cpp) with dlopen, calls in from
// main and from four threads, closes it and calls again: a gocc library is never unloaded
// (its runtime's threads run its code), as Go's c-shared libraries are not.
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static long (*sumByGoroutines)(int);

static void* worker(void* arg) { return (void*)sumByGoroutines(100 + (int)(long)arg); }

int main(int argc, char** argv) {
  void* lib = dlopen(argv[1], RTLD_NOW);
  if (!lib) {
    printf("dlopen: %s\n", dlerror());
    return 1;
  }
  int (*initialized)(void) = (int (*)(void))dlsym(lib, "Initialized");
  sumByGoroutines = (long (*)(int))dlsym(lib, "SumByGoroutines");
  printf("main: Initialized()=%d\n", initialized());
  pthread_t threads[4];
  for (long i = 0; i < 4; i++) pthread_create(&threads[i], NULL, worker, (void*)i);
  for (int i = 0; i < 4; i++) {
    void* r;
    pthread_join(threads[i], &r);
    printf("thread %d: sum=%ld\n", i, (long)r);
  }
  dlclose(lib);
  printf("after dlclose: sum=%ld\n", sumByGoroutines(10));
  return 0;
}
