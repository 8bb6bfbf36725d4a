// proc.h — the scheduler's interface to the rest of the runtime (Go: proc.go).
#pragma once
#include "runtime2.h"

namespace runtime {

// newproc: start a goroutine running fn(arg), what Go's `go fn(arg)` compiles to. Puts it on
// the current P's run queue, to run next, and gets an idle P running if there is one (once
// runtime.main has begun). The caller's return address is kept for "created by" in
// tracebacks. The runtime's own goroutines are system goroutines (not counted by
// NumGoroutine): newproc1 tells them by their function.
extern "C" GOCC_TESTING void newproc(void (*fn)(void*), void* arg) GO_NAME(newproc);

// newprocAt: newproc for a goroutine created at callerpc (gocc::go's caller), also from a
// thread the runtime did not start.
void newprocAt(void (*fn)(void*), void* arg, uintptr callerpc);
// newprocAt in steps, for gocc::go: newproc1 makes the goroutine (stackSize bytes of stack,
// 0 for the default, of which the top reserve bytes are the caller's: the goroutine's first
// frame goes below them); newprocQueue makes it runnable, or newprocCancel discards it.
extern "C" g* newproc1(void (*fn)(void*), void* arg, uintptr callerpc, uintptr stackSize,
                       uintptr reserve) GO_NAME(newproc1);
void newprocQueue(g* newg);
void newprocCancel(g* newg);

// Park the current goroutine: on g0, unlockf(gp, lock) runs after gp is marked waiting;
// if it returns false gp resumes at once. Someone else must later call goready(gp).
void gopark(bool (*unlockf)(g*, void*), void* lock, waitReason reason);
// gopark that releases the runtime mutex l once the goroutine is parked.
void goparkunlock(mutex* l, waitReason reason);
// Make a parked goroutine runnable (on the current P, to run next).
void goready(g* gp);
// From a thread without a P (sysmon): make gp runnable via the global queue.
void injectglist(g* gp);

void lockOSThread();
void unlockOSThread();

int32 gcount();  // user goroutines
void stopTheWorld();
void startTheWorld(int32 newprocs);  // newprocs > 0: resize to that many Ps
void wakeSysmon();  // if sysmon sleeps for want of work: there is some now (a pooled stack)

}  // namespace runtime
