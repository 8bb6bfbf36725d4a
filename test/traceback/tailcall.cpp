// A call in tail position keeps its caller's frame, as every call does in Go: gocc compiles
// with -fno-optimize-sibling-calls, so forward() and main() stay in the traceback although
// their last act is a call. Built with sibling calls allowed, the same program loses them:
// that is what the default keeps.
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t 2>&1; echo status=$?' | FileCheck %s
// RUN: %gocc build -cxxflags=-foptimize-sibling-calls -o %t.sibling %s
// RUN: bash -c '%t.sibling 2>&1; echo status=$?' | FileCheck %s --check-prefix=SIBLING
// The jump is really there without the flag, and gone with it.
// RUN: llvm-objdump-19 -d --no-show-raw-insn %t.sibling | FileCheck %s --check-prefix=JUMP
// JUMP: <_Z7forwardi>:
// JUMP: jmp {{.*}} <_Z4faili>
// RUN: llvm-objdump-19 -d --no-show-raw-insn %t | FileCheck %s --check-prefix=CALL
// CALL: <_Z7forwardi>:
// CALL: {{call|callq}} {{.*}} <_Z4faili>
#include <stdexcept>

volatile int sink;

// CHECK: panic: tail call
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// SIBLING: goroutine 1 [running]:
__attribute__((noinline)) int fail(int v) {
  if (v > 0) throw std::runtime_error("tail call");
  return v;
}
// CHECK-NEXT: fail(int)
// CHECK-NEXT: tailcall.cpp:[[@LINE-4]] +0x
// SIBLING-NEXT: fail(int)
// SIBLING-NEXT: tailcall.cpp:[[@LINE-6]] +0x

__attribute__((noinline)) int forward(int v) {
  sink = v;
  return fail(v + 1);  // a call in tail position
}
// CHECK-NEXT: forward(int)
// CHECK-NEXT: tailcall.cpp:[[@LINE-3]] +0x
// SIBLING-NOT: forward

int main() { return forward(sink); }
// CHECK-NEXT: {{^}}main{{$}}
// CHECK-NEXT: tailcall.cpp:[[@LINE-2]] +0x
// CHECK-NEXT: status=2
// SIBLING: status=2
