// Inlined functions have no frame of their own: the frame is the function they were
// inlined into, with its name, and the line is the inlined code's own line (from the line
// table), so the file:line shown may lie in the inlined function's body or header.
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t 2>&1; echo status=$?' | FileCheck %s
#include <stdexcept>

volatile int sink;

// CHECK: panic: inlined check failed
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
__attribute__((noinline)) void fail() { throw std::runtime_error("inlined check failed"); }
// CHECK-NEXT: fail()
// CHECK-NEXT: inline.cpp:[[@LINE-2]] +0x

__attribute__((always_inline)) inline void check(int v) {
  if (v > 2) fail();
  // The frame of the caller, named after it, at the inlined function's line.
  // CHECK-NEXT: outer(int)
  // CHECK-NEXT: inline.cpp:[[@LINE-3]] +0x
}

__attribute__((noinline)) void outer(int v) {
  check(v);
  sink = v;
}

int main() {
  outer(3);
  // CHECK-NEXT: {{^}}main{{$}}
  // CHECK-NEXT: inline.cpp:[[@LINE-2]] +0x
  // CHECK-NEXT: status=2
}
