// A C host with a SIGSEGV handler of its own, installed before it loads the library (dlopen,
// argv[1]): a fault in the host's code still reaches the host's handler ("host"); a fault in
// the library's code is the library's, reported as Go reports it ("lib").
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void onSegv(int sig) {
  static const char msg[] = "host: SIGSEGV handler\n";
  write(1, msg, sizeof msg - 1);
  _exit(7);
}

int main(int argc, char** argv) {
  signal(SIGSEGV, onSegv);
  void* lib = dlopen(argv[1], RTLD_NOW);
  if (!lib) {
    printf("dlopen: %s\n", dlerror());
    return 1;
  }
  int (*add)(int, int) = (int (*)(int, int))dlsym(lib, "Add");
  void (*crash)(int*) = (void (*)(int*))dlsym(lib, "Crash");
  printf("main: Add(2,3)=%d\n", add(2, 3));  // waits for the runtime, its signal handlers included
  fflush(stdout);
  if (strcmp(argv[2], "lib") == 0) crash(NULL);
  *(volatile int*)0 = 1;
  return 0;
}
