// A stack overflow in a goroutine started with gocc::go is always Go's fatal "stack overflow"
// (exit status 2), reported with the goroutine's size as the limit: unbounded recursion; a
// frame far larger than the guard page (stack-clash probes, on by default, touch every page
// of it on the way down); a goroutine that asked for 1 MiB (gocc::stack_size); one that asked
// for less than the minimum (8 KiB); and one started after debug::SetMaxStack(32 KiB). A
// goroutine with 1 MiB survives a 512 KB recursion that overflows a default one. Each case
// runs again with GODEBUG=stackmprotect=1, the guard pages older kernels get (mprotect).
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t recurse 2>&1; echo status=$?' | FileCheck %s --check-prefixes=RECURSE,GUARD
// RUN: bash -c 'env GODEBUG=stackmprotect=1 %t recurse 2>&1; echo status=$?' \
// RUN:   | FileCheck %s --check-prefixes=RECURSE,MPROTECT
// RUN: bash -c '%t bigframe 2>&1; echo status=$?' | FileCheck %s --check-prefix=BIGFRAME
// RUN: bash -c 'env GODEBUG=stackmprotect=1 %t bigframe 2>&1; echo status=$?' \
// RUN:   | FileCheck %s --check-prefix=BIGFRAME
// RUN: bash -c '%t big 2>&1; echo status=$?' | FileCheck %s --check-prefix=BIG
// RUN: bash -c 'env GODEBUG=stackmprotect=1 %t big 2>&1; echo status=$?' \
// RUN:   | FileCheck %s --check-prefix=BIG
// RUN: bash -c '%t tiny 2>&1; echo status=$?' | FileCheck %s --check-prefix=TINY
// RUN: bash -c '%t maxstack 2>&1; echo status=$?' | FileCheck %s --check-prefix=MAXSTACK
// RUN: bash -c 'env GODEBUG=stackmprotect=1 %t maxstack 2>&1; echo status=$?' \
// RUN:   | FileCheck %s --check-prefix=MAXSTACK
// RUN: bash -c '%t deep 2>&1; echo status=$?' | FileCheck %s --check-prefix=DEEP
#include <gocc/debug.h>
#include <gocc/go.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

__attribute__((noinline)) void touch(volatile char* p, int n) {
  p[0] = char(n);
  asm volatile("" ::: "memory");
}

// Recurse with frames of about 1 KiB until depth is reached (or forever).
__attribute__((noinline)) int recurse(long depth) {
  volatile char frame[1000];
  touch(frame, int(depth));
  if (depth == 0) return 0;
  return recurse(depth - 1) + frame[0];
}

// A 200 KB frame: far more than the guard page below a 64 KiB stack.
__attribute__((noinline)) int bigframe() {
  volatile char frame[200000];
  touch(frame, 1);
  return frame[0];
}

__attribute__((noinline)) void run(const char* mode) {
  if (strcmp(mode, "recurse") == 0) {
    gocc::go([] { std::printf("survived %d\n", recurse(-1)); });
    // RECURSE: runtime: goroutine stack exceeds 65536-byte limit
    // RECURSE-NEXT: runtime: sp=0x{{[0-9a-f]+}} stack=[0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}]
    // RECURSE-NEXT: fatal error: stack overflow
    // GUARD-NEXT: [signal SIGSEGV: segmentation violation code=0x1 addr=0x{{[0-9a-f]+}} pc=0x
    // MPROTECT-NEXT: [signal SIGSEGV: segmentation violation code=0x2 addr=0x{{[0-9a-f]+}} pc=0x
    // RECURSE-EMPTY:
    // RECURSE-NEXT: goroutine {{[0-9]+}} [running]:
    // RECURSE-NEXT: recurse(long)
    // RECURSE-NOT: survived
    // RECURSE: status=2
  } else if (strcmp(mode, "bigframe") == 0) {
    gocc::go([] { std::printf("survived %d\n", bigframe()); });
    // BIGFRAME: runtime: goroutine stack exceeds 65536-byte limit
    // BIGFRAME-NEXT: runtime: sp=
    // BIGFRAME-NEXT: fatal error: stack overflow
    // BIGFRAME: goroutine {{[0-9]+}} [running]:
    // BIGFRAME-NEXT: bigframe()
    // BIGFRAME-NOT: survived
    // BIGFRAME: status=2
  } else if (strcmp(mode, "big") == 0) {
    gocc::go(gocc::stack_size(1 << 20), [] { std::printf("survived %d\n", recurse(-1)); });
    // BIG: runtime: goroutine stack exceeds 1048576-byte limit
    // BIG: fatal error: stack overflow
    // BIG-NOT: survived
    // BIG: status=2
  } else if (strcmp(mode, "tiny") == 0) {
    gocc::go(gocc::stack_size(100), [] { std::printf("survived %d\n", recurse(-1)); });
    // TINY: runtime: goroutine stack exceeds 8192-byte limit
    // TINY: fatal error: stack overflow
    // TINY: status=2
  } else if (strcmp(mode, "maxstack") == 0) {
    std::printf("previous limit %lld\n", (long long)gocc::debug::SetMaxStack(32 << 10));
    std::printf("limit %lld\n", (long long)gocc::debug::SetMaxStack(32 << 10));
    // MAXSTACK: previous limit 1073741824
    // MAXSTACK-NEXT: limit 32768
    gocc::go(gocc::stack_size(1 << 20), [] { std::printf("survived %d\n", recurse(-1)); });
    // MAXSTACK: runtime: goroutine stack exceeds 32768-byte limit
    // MAXSTACK: fatal error: stack overflow
    // MAXSTACK: status=2
  } else if (strcmp(mode, "deep") == 0) {
    gocc::go(gocc::stack_size(1 << 20), [] {
      std::printf("1 MiB goroutine: %d\n", recurse(500));
      gocc::go([] { std::printf("survived %d\n", recurse(500)); });
    });
    // DEEP: 1 MiB goroutine: {{-?[0-9]+}}
    // DEEP-NEXT: runtime: goroutine stack exceeds 65536-byte limit
    // DEEP: status=2
  }
  sleep(10);  // the goroutine dies first
}

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IONBF, 0);  // each line out before a goroutine can die
  run(argc > 1 ? argv[1] : "");
  return 0;
}
