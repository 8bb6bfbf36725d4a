// The user's main runs on the main goroutine's stack — an mmap'd region as large as
// RLIMIT_STACK with a guard page below it — not on the process's [stack]; and by then
// sysmon runs on a thread of its own. The guard is a mapping of its own (---p) with
// GODEBUG=stackmprotect=1, as on kernels without MADV_GUARD_INSTALL; the default guard pages
// are part of the stack's mapping (test/goroutines/stacks/main-stack.cpp finds them).
// RUN: %gocc build -o %t %s
// RUN: env GODEBUG=stackmprotect=1 %t | FileCheck %s
// RUN: bash -c 'ulimit -s 16384 && env GODEBUG=stackmprotect=1 %t' | FileCheck %s
// RUN: %t | FileCheck %s --check-prefix=GUARD
// GUARD: main on the OS stack: no
// GUARD: at least two threads: yes
#include <dirent.h>
#include <sys/resource.h>

#include <cstdint>
#include <cstdio>
#include <cstring>

struct Mapping {
  uintptr_t lo = 0, hi = 0;
  char perms[5] = "";
  char name[256] = "";
};

static bool findMapping(uintptr_t addr, Mapping* found, Mapping* below) {
  FILE* f = fopen("/proc/self/maps", "r");
  char line[512];
  Mapping prev;
  while (fgets(line, sizeof line, f)) {
    Mapping m;
    unsigned long lo, hi;
    char name[256] = "";
    if (sscanf(line, "%lx-%lx %4s %*s %*s %*s %255s", &lo, &hi, m.perms, name) < 3) continue;
    m.lo = lo;
    m.hi = hi;
    strcpy(m.name, name);
    if (addr >= m.lo && addr < m.hi) {
      *found = m;
      *below = prev;
      fclose(f);
      return true;
    }
    prev = m;
  }
  fclose(f);
  return false;
}

int main() {
  int local = 0;
  Mapping m, below;
  if (!findMapping(reinterpret_cast<uintptr_t>(&local), &m, &below)) return 1;
  printf("main on the OS stack: %s\n", strcmp(m.name, "[stack]") == 0 ? "yes" : "no");
  struct rlimit rl;
  getrlimit(RLIMIT_STACK, &rl);
  printf("stack size == RLIMIT_STACK: %s\n", m.hi - m.lo == rl.rlim_cur ? "yes" : "no");
  printf("guard page below: %s\n",
         below.hi == m.lo && strcmp(below.perms, "---p") == 0 ? "yes" : "no");
  int threads = 0;
  DIR* d = opendir("/proc/self/task");
  while (dirent* e = readdir(d))
    if (e->d_name[0] != '.') threads++;
  closedir(d);
  printf("at least two threads: %s\n", threads >= 2 ? "yes" : "no");
}
// CHECK: main on the OS stack: no
// CHECK-NEXT: stack size == RLIMIT_STACK: yes
// CHECK-NEXT: guard page below: yes
// CHECK-NEXT: at least two threads: yes
