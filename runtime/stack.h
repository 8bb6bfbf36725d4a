// stack.h — goroutine stacks (Go: stack.go).
#pragma once
#include "runtime2.h"

namespace runtime {

// stackinit: set up the stack pool, from schedinit (Go: stackinit).
extern "C" void stackinit() GO_NAME(stackinit);

// The stack size of goroutines other than main. Go starts goroutines at 8 KiB and grows
// them by copying; C++ frames cannot move, and one printf, throw or iostream call needs
// 2–4 KiB, so a gocc goroutine gets a fixed 64 KiB from the start.
constexpr uintptr fixedStack = 64 << 10;

// The PROT_NONE region below the main goroutine's stack: the kernel's stack_guard_gap below a
// main thread's stack (256 pages). Other stacks have one guard page.
constexpr uintptr mainStackGuard = 1 << 20;

stack stackalloc(uintptr n);  // n == fixedStack: from the pool
void stackfree(stack stk);
// The main goroutine's stack: as large as the OS main thread's (RLIMIT_STACK).
stack mainstackalloc();
// Give the memory of stacks idle in the pool back to the OS; returns bytes released.
uintptr stackscavenge();
uintptr stackpoolIdleBytes();  // pooled bytes not yet released

}  // namespace runtime
