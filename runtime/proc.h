// proc.h — the scheduler's interface to the rest of the runtime (Go: proc.go).
#pragma once
#include <pthread.h>

#include "runtime2.h"

namespace runtime {

// newproc: start a goroutine running fn(arg), what Go's `go fn(arg)` compiles to. Puts it on
// the current P's run queue, to run next, and gets an idle P running if there is one (once
// runtime.main has begun). The caller's return address is kept for "created by" in
// tracebacks. The runtime's own goroutines are system goroutines (not counted by
// NumGoroutine): newproc1 tells them by their function.
extern "C" void newproc(void (*fn)(void*), void* arg) GO_NAME(newproc);

// newproc in steps, for gocc::go, also from a thread the runtime did not start: newproc1
// makes the goroutine, created at callerpc (gocc::go's caller), with stackSize bytes of stack
// (0 for the default) of which the top reserve bytes are the caller's (the goroutine's first
// frame goes below them); newprocQueue makes it runnable, or newprocCancel discards it.
extern "C" g* newproc1(void (*fn)(void*), void* arg, uintptr callerpc, uintptr stackSize,
                       uintptr reserve) GO_NAME(newproc1);
void newprocQueue(g* newg);
void newprocCancel(g* newg);

// Park the current goroutine: on g0, unlockf(gp, lock) runs after gp is marked waiting;
// if it returns false gp resumes at once. Someone else must later call goready(gp).
void gopark(bool (*unlockf)(g*, void*), void* lock, waitReason reason) GO_NAME(gopark);
// gopark that releases the runtime mutex l once the goroutine is parked.
void goparkunlock(mutex* l, waitReason reason) GO_NAME(goparkunlock);
// Make a parked goroutine runnable (on the current P, to run next).
void goready(g* gp);
// From a thread without a P (sysmon): make gp runnable via the global queue.
void injectglist(g* gp);
// Make a parked gp runnable from wherever the caller runs: goready on an M with a P, else
// (a thread the runtime did not start, sysmon) through the global queue.
void goreadyAnywhere(g* gp);
// Whether the caller is a user goroutine: not g0, and not a thread the runtime did not start.
bool onUserGoroutine();

// entersyscall / exitsyscall: around a libc call that may block in the kernel, on a user
// goroutine that holds a P (syscall_linux.cpp decides). entersyscall leaves the P in
// Psyscall for sysmon to hand off if the call lasts; exitsyscall takes a P back (the same
// one if it can), or parks the goroutine on the global run queue until one is free. errno
// is the caller's to keep: exitsyscall may switch threads.
extern "C" void entersyscall() GO_NAME(entersyscall);
extern "C" void exitsyscall() GO_NAME(exitsyscall);

// wakep: a goroutine became runnable (or a timer was added): get an idle P running if no M
// is already looking for work.
void wakep();

// The runtime's own LockOSThread, nested separately from the program's (Go: lockOSThread).
void lockOSThread();
void unlockOSThread();

// What gocc/runtime.h offers the program (Go's exported functions of package runtime); on a
// thread the runtime did not start, each does what fits a thread (gocc/runtime.h).
void Gosched();
[[noreturn]] void Goexit();
void LockOSThread();
void UnlockOSThread();

// Gives a thread the runtime did not start, and that did not come through the interposed
// pthread_create (a library's host's thread, calling an export: library.cpp), what such a thread
// gets as it starts: its stack's bounds and a signal stack (foreignThreadInit), counted in
// sched.nforeign until it ends. Once per thread; later calls return at once.
void adoptForeignThread();

// libc's pthread_create, which the runtime's own threads are made with: the program's calls
// go through the runtime's pthread_create, which counts them for checkdead (proc.cpp).
int libcPthreadCreate(pthread_t* thread, const pthread_attr_t* attr, void* (*fn)(void*), void* arg);

// The scheduler's state in GODEBUG=schedtrace's format, detailed (every P, M and G) or not.
// locked: take sched.lock; a crash report reads without it, as the crashing thread may hold it.
void schedtrace(bool detailed, bool locked);

int32 gcount();  // user goroutines
void stopTheWorld();
void startTheWorld(int32 newprocs);  // newprocs > 0: resize to that many Ps
// If sysmon sleeps for want of work: there is some now (a pooled stack, a system call).
void wakeSysmon();

}  // namespace runtime
