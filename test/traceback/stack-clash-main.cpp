// Below the main goroutine's stack lies a 1 MiB guard, as the kernel keeps a 1 MiB gap below
// a main thread's stack: code built without stack-clash probes (here -fno-stack-clash-protection;
// in practice, libraries built elsewhere) can skip far more than a page in one frame. Near
// the bottom of main's stack, a 200 KB frame writes its lowest byte 140 KB below the stack:
// that must be Go's stack overflow, not a silent write into the stacks mapped below (with a
// one-page guard it landed in sysmon's).
// RUN: %gocc build -o %t -cxxflags=-fno-stack-clash-protection %s
// RUN: bash -c 'ulimit -s 8192; env GOTRACEBACK=single %t 2>&1; echo status=$?' | FileCheck %s
// CHECK: runtime: goroutine stack exceeds 8388608-byte limit
// CHECK: fatal error: stack overflow
// CHECK-NOT: {{^}}survived
// CHECK: status=2
#include <cstdint>
#include <cstdio>

char* mainFrame;

__attribute__((noinline)) void bigFrame() {
  char buf[200000];
  asm volatile("" ::"r"(buf) : "memory");  // buf is really allocated: 200 KB below sp
  buf[0] = 1;
  asm volatile("" ::"r"(buf) : "memory");
}

__attribute__((noinline)) int descend() {
  char pad[1024];
  asm volatile("" ::"r"(pad) : "memory");
  // Stop 60 KB above the bottom of the 8 MiB stack, then take the big frame.
  if (mainFrame - pad > (8 << 20) - (60 << 10)) {
    bigFrame();
    return 0;
  }
  return descend() + pad[0];
}

int main() {
  char here;
  mainFrame = &here;
  std::printf("survived %d\n", descend());
}
