// Says it is ready (by creating the file named by its argument), then waits for SIGTERM and
// exits 7 when it comes.
#include <unistd.h>
#include <csignal>
#include <cstdio>

int main(int argc, char** argv) {
  std::signal(SIGTERM, [](int) {
    write(1, "got SIGTERM\n", 12);
    _exit(7);
  });
  if (FILE* f = std::fopen(argv[1], "w")) std::fclose(f);
  for (;;) pause();
}
