// An exception thrown 300 calls deep: Go's limit of 100 frames, then
// "...additional frames elided...".
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t 2>&1; echo status=$?' | FileCheck %s
#include <stdexcept>

volatile int sink;

// CHECK: panic: bottom reached
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
__attribute__((noinline)) int descend(int depth) {
  if (depth == 0) throw std::runtime_error("bottom reached");
  // CHECK-NEXT: descend(int)
  // CHECK-NEXT: recursion.cpp:[[@LINE-2]] +0x
  int r = descend(depth - 1);
  // CHECK-COUNT-99: recursion.cpp:[[@LINE-1]] +0x
  // CHECK-NEXT: ...additional frames elided...
  // CHECK-NOT: {{^}}main{{$}}
  // CHECK: status=2
  return r + sink;
}

int main() { return descend(300); }
