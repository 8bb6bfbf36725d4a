// spawntime: start programs many times and report, for each, the median and spread of its
// wall time from spawn to exit, in microseconds. With several programs, the starts are
// interleaved one by one, so that a slow minute of a noisy machine hits them all alike, and
// the order rotates (a b c, b c a, c a b, ...), so that each follows each of the others
// equally often: a program started right after Go's hello world was measured ~5% slower
// than in other places. stdout goes to /dev/null.
//   spawntime RUNS PROGRAM [PROGRAM...]
// Output: one line per program, "PROGRAM MEDIAN P10 P90".
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char** environ;

static int cmp(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: spawntime RUNS PROGRAM [PROGRAM...]\n");
    return 2;
  }
  int runs = atoi(argv[1]);
  if (runs <= 0) return 2;
  int nprog = argc - 2;
  char** progs = argv + 2;
  double* us = malloc(sizeof(double) * runs * nprog);  // us[p * runs + i]
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  for (int i = 0; i < runs; i++) {
    for (int k = 0; k < nprog; k++) {
      int p = (i + k) % nprog;
      char* args[] = {progs[p], NULL};
      struct timespec t0, t1;
      clock_gettime(CLOCK_MONOTONIC, &t0);
      pid_t pid;
      if (posix_spawn(&pid, progs[p], &fa, NULL, args, environ) != 0) {
        perror("posix_spawn");
        return 1;
      }
      int st;
      waitpid(pid, &st, 0);
      clock_gettime(CLOCK_MONOTONIC, &t1);
      if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "spawntime: %s failed\n", progs[p]);
        return 1;
      }
      us[p * runs + i] = (t1.tv_sec - t0.tv_sec) * 1e6 + (t1.tv_nsec - t0.tv_nsec) / 1e3;
    }
  }
  for (int p = 0; p < nprog; p++) {
    double* u = us + p * runs;
    qsort(u, runs, sizeof(double), cmp);
    printf("%s %.1f %.1f %.1f\n", progs[p], u[runs / 2], u[runs / 10], u[runs * 9 / 10]);
  }
  return 0;
}
