// proc-status.h — a field of /proc/self/status in kB (VmRSS, VmSize, VmPTE), for the stack
// tests that measure the memory goroutines cost.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <cstring>

inline long statusKB(const char* key) {
  FILE* f = std::fopen("/proc/self/status", "r");
  char line[256];
  long v = -1;
  size_t n = std::strlen(key);
  while (std::fgets(line, sizeof line, f))
    if (std::strncmp(line, key, n) == 0 && line[n] == ':') v = std::atol(line + n + 1);
  std::fclose(f);
  return v;
}
