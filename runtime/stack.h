// stack.h — goroutine stacks (Go: stack.go). The concepts are in stack.cpp's head comment.
#pragma once
#include <atomic>

#include "runtime2.h"

namespace runtime {

// stackinit: set up the stack pool, from schedinit (Go: stackinit).
extern "C" void stackinit() GO_NAME(stackinit);

// The stack size of a goroutine that asks for none. Go starts goroutines at 8 KiB and grows
// them by copying; C++ frames cannot move, and one printf, throw or iostream call needs
// 2–4 KiB, so a gocc goroutine gets a fixed 64 KiB from the start (of which it touches, and
// so costs, only what it uses).
constexpr uintptr defaultStackSize = 64 << 10;
// The smallest stack a goroutine may ask for: its G, its closure and the runtime's frames
// under it take about 1 KiB.
constexpr uintptr minStackSize = 8 << 10;
// The largest stack any goroutine may have unless debug.SetMaxStack says otherwise, and the
// main goroutine's under an unlimited RLIMIT_STACK: Go's maxstacksize, 1 GB on 64-bit
// systems and 250 MB on 32-bit ones (a 1 GB reservation would take a quarter of a 386
// process's address space, where shared libraries and thread stacks must fit too).
constexpr uintptr defaultMaxStack = sizeof(void*) == 8 ? 1 << 30 : 256 << 20;

// The PROT_NONE region below the main goroutine's stack: the kernel's stack_guard_gap below a
// main thread's stack (256 pages). Other stacks have one guard page.
constexpr uintptr mainStackGuard = 1 << 20;

// debug.SetMaxStack: the size no goroutine started from now on may exceed.
extern std::atomic<uintptr> maxstacksize;

// The stack a goroutine asking for n bytes gets (0: the default): n rounded up to whole
// pages, at least minStackSize and at most maxstacksize.
uintptr stackSizeFor(uintptr n);

// Goroutines of defaultStackSize live at the top of their own stack mapping: the G is the
// stack's top bytes (stk.hi == the G's address), so that the G, the goroutine's closure and
// its first frames share one page. Such a G never leaves its stack: a dead one is pooled
// with it. stackgget returns one, dead (Gdead), from pp's cache (pp may be null: a thread
// without a P), the pool or a new mapping; a new G is already on allgs.
g* stackgget(p* pp);
void stackgput(p* pp, g* gp);  // gp is dead
inline bool stackHoldsG(const g* gp) { return uintptr(gp) == gp->stk.hi; }

// Stacks of other sizes: their own mapping each, unmapped when the goroutine ends.
stack stackalloc(uintptr n);
void stackfree(stack stk);
// The main goroutine's stack: as large as the OS main thread's (RLIMIT_STACK; unlimited gets
// defaultMaxStack, reserved lazily).
stack mainstackalloc();
// The size a goroutine's stack was made with (what "stack exceeds N-byte limit" reports).
uintptr stackLimit(const g* gp);

// Give the memory of stacks idle in the pool back to the OS, all but the top page of each
// (it holds the dead G); returns the bytes released. From the scavenger goroutine.
uintptr stackscavenge();
// The stack bytes pooled and not yet released, at most (sysmon: is the scavenger needed?).
uintptr stackpoolIdleBytes();

}  // namespace runtime
