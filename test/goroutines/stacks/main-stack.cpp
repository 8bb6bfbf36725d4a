// The main goroutine's stack is the one a C++ main thread would get: RLIMIT_STACK bytes, and
// under `ulimit -s unlimited` Go's 1 GB cap, reserved lazily (a 64 MiB recursion survives, as
// in a plain clang++ build). Below it lies a 1 MiB guard (256 guard pages, as the kernel's gap
// below a main thread's stack), read here from /proc/self/pagemap's guard-region bit (58).
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
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

bool isGuard(int fd, uintptr_t addr) {
  uint64_t entry = 0;
  if (pread(fd, &entry, sizeof entry, (addr / 4096) * sizeof entry) != sizeof entry) return false;
  return (entry >> 58) & 1;
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
  // main's frame is in the top page of its stack: the stack ends at the next page boundary
  // and begins above the highest guard page below it.
  int fd = open("/proc/self/pagemap", O_RDONLY);
  uintptr_t hi = (reinterpret_cast<uintptr_t>(&local) + 4095) & ~uintptr_t(4095);
  uintptr_t a = hi - 4096;
  while (!isGuard(fd, a) && hi - a < (uintptr_t(2) << 30)) a -= 4096;
  uintptr_t lo = a + 4096;
  long guard = 0;
  while (isGuard(fd, a)) a -= 4096, guard++;
  printf("stack: %lu bytes, guard: %ld pages\n", static_cast<unsigned long>(hi - lo), guard);
}
