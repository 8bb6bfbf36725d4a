// spawntime: start a program many times and report the median and spread of its wall
// time from spawn to exit, in microseconds. stdout goes to /dev/null.
//   spawntime RUNS PROGRAM [ARGS...]
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
    fprintf(stderr, "usage: spawntime RUNS PROGRAM [ARGS...]\n");
    return 2;
  }
  int runs = atoi(argv[1]);
  if (runs <= 0) return 2;
  double* us = malloc(sizeof(double) * runs);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  for (int i = 0; i < runs; i++) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid;
    if (posix_spawn(&pid, argv[2], &fa, NULL, argv + 2, environ) != 0) {
      perror("posix_spawn");
      return 1;
    }
    int st;
    waitpid(pid, &st, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
      fprintf(stderr, "spawntime: %s failed\n", argv[2]);
      return 1;
    }
    us[i] = (t1.tv_sec - t0.tv_sec) * 1e6 + (t1.tv_nsec - t0.tv_nsec) / 1e3;
  }
  qsort(us, runs, sizeof(double), cmp);
  printf("%.1f %.1f %.1f\n", us[runs / 2], us[runs / 10], us[runs * 9 / 10]);
  return 0;
}
