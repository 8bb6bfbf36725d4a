// A frame larger than the guard page cannot jump over it: gocc compiles with
// -fstack-clash-protection, so a goroutine recursing with 7000-byte frames on its 64 KiB
// stack touches the guard page and gets Go's stack overflow, instead of silently writing
// into whatever is mapped below.
// RUN: %gocc build -o %t %s
// RUN: bash -c 'env GOTRACEBACK=single %t 2>&1; echo status=$?' | FileCheck %s
// CHECK: runtime: goroutine stack exceeds {{[0-9]+}}-byte limit
// CHECK: fatal error: stack overflow
// CHECK-NOT: {{^}}survived
// CHECK: status=2
#include <gocc/go.h>

#include <atomic>
#include <cstdio>

std::atomic<int> done{0};
__attribute__((noinline)) void touch(volatile char* p, int n) {
  p[0] = char(n);
  asm volatile("" ::: "memory");
}
__attribute__((noinline)) int big(int n) {
  volatile char buf[7000];
  touch(buf, n);
  if (n > 0) return big(n - 1) + buf[0];
  return buf[0];
}
__attribute__((noinline)) void deep(void*) {
  std::printf("survived: %d\n", big(12));  // 13 frames of 7000 bytes: 91 KB > 64 KiB
  done = 1;
}
int main() {
  gocc::go(deep, nullptr);
  while (!done) {
  }
}
