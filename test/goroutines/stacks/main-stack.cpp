// The main goroutine's stack is the one a C++ main thread would get: RLIMIT_STACK bytes, and
// under `ulimit -s unlimited` Go's 1 GB cap, reserved lazily (a 64 MiB recursion survives, as
// in a plain clang++ build). Below it lies a 1 MiB guard (256 pages, as the kernel's gap below
// a main thread's stack), a PROT_NONE area, read here from /proc/self/maps.
// Recursing past the limit is Go's "stack overflow", naming it.
// RUN: %gocc build -o %t %s
// RUN: bash -c 'ulimit -s 8192 && %t layout' | FileCheck %s --check-prefix=L8
// L8: stack: 8388608 bytes, guard: 256 pages
// RUN: bash -c 'ulimit -s 16384 && %t layout' | FileCheck %s --check-prefix=L16
// L16: stack: 16777216 bytes, guard: 256 pages
// RUN: bash -c 'ulimit -s unlimited && %t layout' | FileCheck %s --check-prefix=UNLIMITED
// UNLIMITED: stack: 1073741824 bytes, guard: 256 pages
// RUN: bash -c 'ulimit -s unlimited && %t deep 64' | FileCheck %s --check-prefix=DEEP
// DEEP: survived 64 MiB
// RUN: bash -c 'ulimit -s 16384 && %t deep 32 2>&1; echo status=$?' \
// RUN:   | FileCheck %s --check-prefix=OVERFLOW
// OVERFLOW: runtime: goroutine stack exceeds 16777216-byte limit
// OVERFLOW-NEXT: runtime: sp=
// OVERFLOW-NEXT: fatal error: stack overflow
// OVERFLOW-NOT: survived
// OVERFLOW: status=2

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

// The memory area of /proc/self/maps that ends at end (its start, and whether it is
// PROT_NONE), or that contains addr when end is 0.
struct area {
  uintptr_t start = 0, end = 0;
  bool none = false;
};
area findArea(uintptr_t addr, uintptr_t end) {
  FILE* maps = fopen("/proc/self/maps", "r");
  char line[512];
  area found;
  while (maps && fgets(line, sizeof line, maps)) {
    unsigned long lo, hi;
    char perms[8];
    if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3) continue;
    if (end ? hi == end : lo <= addr && addr < hi) {
      found = {lo, hi, strcmp(perms, "---p") == 0};
      break;
    }
  }
  if (maps) fclose(maps);
  return found;
}

// 1 KiB per frame, down to depth frames.
__attribute__((noinline)) long descend(long depth) {
  volatile char frame[1024];
  frame[0] = char(depth);
  asm volatile("" ::"r"(frame) : "memory");
  if (depth == 0) return 0;
  return descend(depth - 1) + frame[0];
}

int main(int argc, char** argv) {
  int local = 0;
  if (argc > 2 && strcmp(argv[1], "deep") == 0) {
    long mib = atol(argv[2]);
    descend(mib * 1024);
    printf("survived %ld MiB\n", mib);
    return 0;
  }
  // main's frame is in the top page of its stack: the stack ends at the next page boundary;
  // it begins where its memory area does, and the guard is the area below.
  uintptr_t hi = (reinterpret_cast<uintptr_t>(&local) + 4095) & ~uintptr_t(4095);
  area stack = findArea(hi - 1, 0);
  area guard = findArea(0, stack.start);
  printf("stack: %lu bytes, guard: %ld pages\n", static_cast<unsigned long>(hi - stack.start),
         guard.none ? long((guard.end - guard.start) / 4096) : 0L);
}
