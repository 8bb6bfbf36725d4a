// A C host that loads two gocc libraries (argv[1], argv[2]) with dlopen: each has a runtime of
// its own (scheduler, thread-local g, signal handlers), and calls into both work from the same
// threads. Then a fault in the first library, whose runtime installed its handlers before the
// second's: the second forwards it (not its code), and the first reports it.
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static long (*sum[2])(int);

static void* worker(void* arg) {
  long i = (long)arg;
  return (void*)(sum[0](100 + (int)i) + sum[1](200 + (int)i));
}

int main(int argc, char** argv) {
  void* libs[2];
  for (int i = 0; i < 2; i++) {
    libs[i] = dlopen(argv[1 + i], RTLD_NOW | RTLD_LOCAL);
    if (!libs[i]) {
      printf("dlopen: %s\n", dlerror());
      return 1;
    }
    sum[i] = (long (*)(int))dlsym(libs[i], "SumByGoroutines");
  }
  pthread_t threads[2];
  for (long i = 0; i < 2; i++) pthread_create(&threads[i], NULL, worker, (void*)i);
  for (int i = 0; i < 2; i++) {
    void* r;
    pthread_join(threads[i], &r);
    printf("thread %d: sum=%ld\n", i, (long)r);
  }
  fflush(stdout);
  void (*crash)(int*) = (void (*)(int*))dlsym(libs[0], "Crash");
  crash(NULL);
  return 0;
}
