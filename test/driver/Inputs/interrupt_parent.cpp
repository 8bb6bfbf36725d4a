#include <unistd.h>
#include <csignal>
#include <cstdio>

// Sends SIGINT and SIGQUIT to its parent (gocc run), which must ignore them while the program runs,
// then exits with a status of its own.
int main() {
  kill(getppid(), SIGINT);
  kill(getppid(), SIGQUIT);
  usleep(100 * 1000);
  std::printf("still here\n");
  return 5;
}
