// bench.h: what the C++ goroutine benchmarks share, so that they read their arguments and
// report their figures as the Go programs beside them do.
//
// Every program takes `N [reps]` (the size of the work, and how many times to repeat it in
// one process) and prints exactly one line on stdout: "RESULT " and then key=value pairs.
// Times are per unit of work (the unit key names it): first_* is the first repetition (cold
// caches, fresh stacks), best_* the fastest, median_* the middle one.
#pragma once
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

namespace bench {

// Nanoseconds on the monotonic clock.
inline long long nowNs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

// argv[i] as a number, or def when it is absent or empty.
inline long argLong(int argc, char** argv, int i, long def) {
  return argc > i && argv[i][0] != '\0' ? std::strtol(argv[i], nullptr, 10) : def;
}

// The first, best (smallest) and median of one figure per repetition.
struct Summary {
  double first = 0, best = 0, median = 0;
};

inline Summary summarize(std::vector<double> perRep) {
  Summary s;
  if (perRep.empty()) return s;
  s.first = perRep.front();
  std::sort(perRep.begin(), perRep.end());
  s.best = perRep.front();
  s.median = perRep[perRep.size() / 2];
  return s;
}

// The number of kB on the "key:" line of /proc/self/status (VmRSS, VmSize), or -1.
inline long statusKB(const char* key) {
  FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long kb = -1;
  size_t len = std::strlen(key);
  while (std::fgets(line, sizeof line, f))
    if (std::strncmp(line, key, len) == 0 && line[len] == ':') {
      kb = std::strtol(line + len + 1, nullptr, 10);
      break;
    }
  std::fclose(f);
  return kb;
}

}  // namespace bench
