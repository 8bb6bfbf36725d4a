// Inlined calls in tracebacks, Caller and Callers: a call the compiler inlined has no frame
// of its own on the stack, but the table's inline tree (docs/pclntab.md) gives it one in the
// report, as Go's tracebacks do: the inlined function's name and its own line, innermost first,
// without a pc offset (or, at level 2, fp/sp/pc), then the function it was inlined into at the
// line of the outermost call. The frames at each pc are llvm-symbolizer --inlines' frames.
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t 2>&1; echo status=$?' | FileCheck %s
// RUN: bash -c 'env GOTRACEBACK=single %t 2>&1; echo status=$?' | FileCheck %s
// RUN: bash -c 'env GOTRACEBACK=system %t 2>&1; echo status=$?' | FileCheck %s --check-prefix=SYSTEM
// RUN: bash -c 'env GOTRACEBACK=none %t 2>&1; echo status=$?' | FileCheck %s --check-prefix=NONE
// RUN: bash -c 'env GOTRACEBACK=system %t 2>&1; echo status=$?' | python3 %S/Inputs/symbolizer-check.py %t | FileCheck %s --check-prefix=SYMBOLIZER
// RUN: bash -c 'env GOTRACEBACK=system %t fault 2>&1; echo status=$?' | python3 %S/Inputs/symbolizer-check.py %t | FileCheck %s --check-prefix=SYMBOLIZER-FAULT
// RUN: bash -c '%t fault 2>&1; echo status=$?' | FileCheck %s --check-prefix=FAULT
// RUN: %t caller | FileCheck %s --check-prefix=CALLER
#include <gocc/runtime.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>

volatile int sink;
int* volatile nowhere = nullptr;
const char* mode = "";

// CHECK: panic: three inlined calls deep
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running]:
// SYSTEM: goroutine 1 [running]:
// NONE: panic: three inlined calls deep
// NONE-NOT: goroutine
// NONE: status=2
__attribute__((noinline)) void fail(int v) {
  if (v > 2) throw std::runtime_error("three inlined calls deep");
  // CHECK-NEXT: {{^}}fail(int){{$}}
  // CHECK-NEXT: inline.cpp:[[@LINE-2]] +0x{{[0-9a-f]+$}}
  // SYSTEM-NEXT: {{^}}fail(int){{$}}
  // SYSTEM-NEXT: inline.cpp:[[@LINE-4]] +0x{{[0-9a-f]+}} fp=0x{{[0-9a-f]+}} sp=0x{{[0-9a-f]+}} pc=0x
  sink = v;
}

void report();

__attribute__((always_inline)) inline void innermost(int v) {
  sink = v + 1;
  if (strcmp(mode, "caller") == 0) report();
  if (strcmp(mode, "fault") == 0) *nowhere = v;
  // FAULT: panic: runtime error: invalid memory address or nil pointer dereference
  // FAULT-NEXT: [signal SIGSEGV
  // FAULT-EMPTY:
  // FAULT-NEXT: goroutine 1 [running]:
  // FAULT-NEXT: {{^}}innermost(int){{$}}
  // FAULT-NEXT: inline.cpp:[[@LINE-6]]{{$}}
  fail(v);
  // Each inlined call: its name, its line, nothing more.
  // CHECK-NEXT: {{^}}innermost(int){{$}}
  // CHECK-NEXT: inline.cpp:[[@LINE-3]]{{$}}
  // SYSTEM-NEXT: {{^}}innermost(int){{$}}
  // SYSTEM-NEXT: inline.cpp:[[@LINE-5]]{{$}}
}

__attribute__((always_inline)) inline void middle(int v) {
  sink = v + 2;
  innermost(v);
  // CHECK-NEXT: {{^}}middle(int){{$}}
  // CHECK-NEXT: inline.cpp:[[@LINE-2]]{{$}}
  // SYSTEM-NEXT: {{^}}middle(int){{$}}
  // SYSTEM-NEXT: inline.cpp:[[@LINE-4]]{{$}}
  // FAULT-NEXT: {{^}}middle(int){{$}}
  // FAULT-NEXT: inline.cpp:[[@LINE-6]]{{$}}
}

__attribute__((always_inline)) inline void outermost(int v) {
  sink = v + 3;
  middle(v);
  // CHECK-NEXT: {{^}}outermost(int){{$}}
  // CHECK-NEXT: inline.cpp:[[@LINE-2]]{{$}}
  // SYSTEM-NEXT: {{^}}outermost(int){{$}}
  // SYSTEM-NEXT: inline.cpp:[[@LINE-4]]{{$}}
  // FAULT-NEXT: {{^}}outermost(int){{$}}
  // FAULT-NEXT: inline.cpp:[[@LINE-6]]{{$}}
}

// The function they are all inlined into: its own frame, at the line of the outermost call,
// with its pc offset.
__attribute__((noinline)) void caller(int v) {
  outermost(v);
  // CHECK-NEXT: {{^}}caller(int){{$}}
  // CHECK-NEXT: inline.cpp:[[@LINE-2]] +0x{{[0-9a-f]+$}}
  // SYSTEM-NEXT: {{^}}caller(int){{$}}
  // SYSTEM-NEXT: inline.cpp:[[@LINE-4]] +0x{{[0-9a-f]+}} fp=0x{{[0-9a-f]+}} sp=0x{{[0-9a-f]+}} pc=0x
  // FAULT-NEXT: {{^}}caller(int){{$}}
  // FAULT-NEXT: inline.cpp:[[@LINE-6]] +0x{{[0-9a-f]+$}}
  sink = 0;
}

// Caller and Callers count the inlined calls as frames, as Go's do. Caller gives each call's
// exact line; Callers' pcs stand for the calls' sites (FuncForPC names the function the code
// was compiled into).
__attribute__((noinline)) void report() {
  for (int skip = 0; skip <= 5; skip++) {
    gocc::runtime::CallerInfo c = gocc::runtime::Caller(skip);
    const char* file = strrchr(c.file, '/');
    printf("Caller(%d): %s:%d ok=%d\n", skip, file ? file + 1 : c.file, c.line, c.ok);
  }
  uintptr_t pcs[6];
  int n = gocc::runtime::Callers(1, pcs, 6);
  printf("Callers: %d\n", n);
  for (int i = 0; i < n; i++) {
    gocc::runtime::Func* f = gocc::runtime::FuncForPC(pcs[i] - 1);
    printf("Callers[%d]: %s\n", i, f ? f->Name() : "?");
  }
}
// CALLER: Caller(0): inline.cpp:[[@LINE-12]] ok=1
// CALLER-NEXT: Caller(1): inline.cpp:[[@LINE-69]] ok=1
// CALLER-NEXT: Caller(2): inline.cpp:[[@LINE-52]] ok=1
// CALLER-NEXT: Caller(3): inline.cpp:[[@LINE-42]] ok=1
// CALLER-NEXT: Caller(4): inline.cpp:[[@LINE-31]] ok=1
// CALLER-NEXT: Caller(5): inline.cpp:[[@LINE+17]] ok=1
// CALLER-NEXT: Callers: 6
// CALLER-NEXT: Callers[0]: report()
// CALLER-NEXT: Callers[1]: caller(int)
// CALLER-NEXT: Callers[2]: caller(int)
// CALLER-NEXT: Callers[3]: caller(int)
// CALLER-NEXT: Callers[4]: caller(int)
// CALLER-NEXT: Callers[5]: main

// SYMBOLIZER: fail(int): agree: 1 frames
// SYMBOLIZER-NEXT: caller(int): agree: 4 frames
// SYMBOLIZER-NEXT: main: agree: 1 frames
// SYMBOLIZER-FAULT: caller(int): agree: 4 frames
// SYMBOLIZER-FAULT-NEXT: main: agree: 1 frames

int main(int argc, char** argv) {
  if (argc > 1) mode = argv[1];
  caller(strcmp(mode, "caller") == 0 ? 1 : 3);
  // CHECK-NEXT: {{^}}main{{$}}
  // CHECK-NEXT: inline.cpp:[[@LINE-2]] +0x
  // CHECK-NEXT: status=2
  // SYSTEM-NEXT: {{^}}main{{$}}
  // SYSTEM: status=2
  // FAULT-NEXT: {{^}}main{{$}}
  // FAULT-NEXT: inline.cpp:[[@LINE-7]] +0x
  // FAULT-NEXT: status=2
}
