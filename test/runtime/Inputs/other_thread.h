// A field of /proc/self/task/<tid>/status for the process's other thread (in these tests:
// sysmon's, the only thread besides main), e.g. "SigBlk:" or "voluntary_ctxt_switches:".
// Empty if there is no other thread.
#pragma once
#include <dirent.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

inline std::string otherThreadStatus(const char* key) {
  std::string value;
  DIR* d = opendir("/proc/self/task");
  while (dirent* e = readdir(d)) {
    if (e->d_name[0] == '.' || atoi(e->d_name) == getpid()) continue;
    std::string path = std::string("/proc/self/task/") + e->d_name + "/status";
    FILE* f = fopen(path.c_str(), "r");
    char line[256];
    while (fgets(line, sizeof line, f))
      if (strncmp(line, key, strlen(key)) == 0) value = line + strlen(key);
    fclose(f);
  }
  closedir(d);
  return value;
}
