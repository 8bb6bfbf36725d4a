// syscall: what the runtime's system-call wrappers cost (docs/goroutines.md, "Blocking
// system calls"), on one P:
//  - a write() of one byte to /dev/null, in ns: from a goroutine (entersyscall/exitsyscall
//    around libc's write), from a std::thread (the wrapper calls libc's straight away), and
//    the bare system call (syscall(SYS_write)), with no wrapper and no libc;
//  - hand-off latency: from a goroutine's read() blocking on an empty pipe to the goroutine
//    it readied just before running on another M, after a quiet time and amid a stream of
//    short write()s (median and 90th percentile of 100);
//  - sysmon's CPU time while a goroutine makes short write()s for a second.
//   bench/syscall.sh      (needs a built gocc: ./make.bash)
#include <dirent.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <gocc/chan.h>
#include <gocc/go.h>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

static long now() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

static int devnull = open("/dev/null", O_WRONLY);

static void writeLoop(long ns) {
  char b = 0;
  for (long t0 = now(); now() - t0 < ns;) (void)!write(devnull, &b, 1);
}

template <typename F>
static void nsPerOp(const char* what, F f) {
  const int n = 2000000;
  long t0 = now();
  for (int i = 0; i < n; i++) f();
  printf("write /dev/null, %-28s %6.1f ns\n", what, double(now() - t0) / n);
}

// One hand-off: the reader readies main, optionally writes for busyNs, then blocks in read().
static long handoff(long busyNs) {
  static long blockedAt;
  int fds[2];
  if (pipe(fds) != 0) exit(1);
  gocc::chan<int> started(0), done(0);
  gocc::go([=] {
    started.send(1);
    writeLoop(busyNs);
    char c;
    blockedAt = now();
    (void)!read(fds[0], &c, 1);
    done.send(1);
  });
  started.recv();
  long latency = now() - blockedAt;
  (void)!write(fds[1], "x", 1);
  done.recv();
  close(fds[0]);
  close(fds[1]);
  return latency;
}

static void latencies(const char* what, long busyNs) {
  std::vector<long> l;
  for (int i = 0; i < 100; i++) {
    usleep(2000);  // quiet: sysmon goes back to sleep
    l.push_back(handoff(busyNs));
  }
  std::sort(l.begin(), l.end());
  printf("hand-off, %-38s median %6.1f us, p90 %6.1f us\n", what, l[50] / 1e3, l[90] / 1e3);
}

// CPU time (user + system) of sysmon's thread, in clock ticks: the first thread started
// after the main thread (runtime.main starts it before any other M).
static long sysmonCPU() {
  long sysmon = 0;
  DIR* d = opendir("/proc/self/task");
  while (dirent* e = readdir(d)) {
    long tid = atol(e->d_name);
    if (tid > getpid() && (sysmon == 0 || tid < sysmon)) sysmon = tid;
  }
  closedir(d);
  char path[64], line[1024];
  snprintf(path, sizeof path, "/proc/self/task/%ld/stat", sysmon);
  FILE* f = fopen(path, "r");
  long utime = 0, stime = 0;
  if (f && fgets(line, sizeof line, f)) {
    char* p = strrchr(line, ')') + 2;  // the 3rd field; utime and stime are the 14th and 15th
    for (int field = 3; field < 14; field++) p = strchr(p, ' ') + 1;
    sscanf(p, "%ld %ld", &utime, &stime);
  }
  if (f) fclose(f);
  return utime + stime;
}

int main() {
  char b = 0;
  nsPerOp("from a goroutine:", [&] { (void)!write(devnull, &b, 1); });
  std::thread([&] {
    nsPerOp("from a std::thread:", [&] { (void)!write(devnull, &b, 1); });
  }).join();
  nsPerOp("syscall(SYS_write):", [&] { (void)!syscall(SYS_write, devnull, &b, 1); });
  latencies("after a quiet time:", 0);
  latencies("after 2 ms of short write()s:", 2000000);
  long ticks = sysmonCPU();
  writeLoop(1000000000);
  printf("sysmon's CPU during 1 s of short write()s: %ld ms\n",
         (sysmonCPU() - ticks) * 1000 / sysconf(_SC_CLK_TCK));
}
