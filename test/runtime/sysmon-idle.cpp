// sysmon sleeps while it has nothing to do: with no scheduler trace wanted and no pooled stack
// waiting for the scavenger, a program blocked in a system call costs no CPU. (sysmon used to
// poll every 10 ms for as long as main held its P: ~50 wake-ups in the half second below.)
// With GODEBUG=schedtrace it must keep waking, to print.
// RUN: %gocc build -o %t %s
// RUN: %t | FileCheck %s --check-prefix=QUIET
// QUIET: sysmon quiet
// RUN: env GODEBUG=schedtrace=50 %t | FileCheck %s --check-prefix=TRACE
// TRACE: sysmon busy
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <string>
#include <unistd.h>

// Voluntary context switches of the process's other thread (sysmon's), from /proc.
static long sysmonSwitches() {
  DIR* d = opendir("/proc/self/task");
  long n = -1;
  while (dirent* e = readdir(d)) {
    if (e->d_name[0] == '.' || atoi(e->d_name) == getpid()) continue;
    std::string path = std::string("/proc/self/task/") + e->d_name + "/status";
    FILE* f = fopen(path.c_str(), "r");
    char line[256];
    while (fgets(line, sizeof line, f))
      if (strncmp(line, "voluntary_ctxt_switches:", 24) == 0) n = atol(line + 24);
    fclose(f);
  }
  closedir(d);
  return n;
}

int main() {
  usleep(100 * 1000);  // let sysmon settle
  long before = sysmonSwitches();
  usleep(500 * 1000);  // blocked in a system call, holding the main goroutine's P
  long woke = sysmonSwitches() - before;
  std::printf("sysmon %s (%ld wake-ups)\n", woke < 5 ? "quiet" : "busy", woke);
}
