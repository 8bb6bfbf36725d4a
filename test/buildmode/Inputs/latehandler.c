// A host linked with a gocc .so that installs its own SIGSEGV handler first thing in main,
// after the library's initializer ran, then calls in: the handler in force must be the
// host's (the runtime installed its own in the initializer, not later on its thread, where it
// would race with this). Prints 1 for the host's handler.
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "lib.h"

static void onSegv(int sig) { (void)sig; }

int main(void) {
  signal(SIGSEGV, onSegv);
  int sum = Add(2, 3);  // waits for the library's init tasks: its runtime is up by now
  struct sigaction now;
  memset(&now, 0, sizeof now);
  sigaction(SIGSEGV, NULL, &now);
  printf("Add(2,3)=%d handler is host's: %d\n", sum, now.sa_handler == onSegv);
  return 0;
}
