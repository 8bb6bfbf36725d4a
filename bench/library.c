// bench/library.c: what a C host pays for a gocc library (bench/library.sh). Loads the shared
// library argv[1] with dlopen, calls its export argv[2] (int (int, int)) once, then N times
// (argv[3]), and prints, tab-separated: the dlopen time and the first call's (µs: the first
// waits for the library's runtime to start and its constructors to run), and the time per call
// after (ns).
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double nowNs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char** argv) {
  long n = atol(argv[3]);
  double t0 = nowNs();
  void* lib = dlopen(argv[1], RTLD_NOW);
  double t1 = nowNs();
  if (!lib) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  int (*fn)(int, int) = (int (*)(int, int))dlsym(lib, argv[2]);
  volatile int sink = fn(1, 2);
  double t2 = nowNs();
  for (long i = 0; i < n; i++) sink = fn((int)i, 1);
  double t3 = nowNs();
  printf("%.1f\t%.1f\t%.3f\n", (t1 - t0) / 1e3, (t2 - t1) / 1e3, (t3 - t2) / n);
  return sink == 0 ? 0 : 0;
}
