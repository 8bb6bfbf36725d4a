// panic.h — the runtime's fatal paths (Go: panic.go, signal_unix.go): throw, fatal, an
// uncaught C++ exception, a fault in user code. Each prints what happened, then stacks as
// GOTRACEBACK says, and exits 2 (or dies of SIGABRT with GOTRACEBACK=crash).
#pragma once
#include "runtime2.h"
#include "traceback.h"

namespace runtime {

// The signal that made the program panic, for Go's "[signal SIGSEGV: ... code= addr= pc=]".
struct sigDescr {
  int sig;
  int code;
  uintptr addr;
  uintptr pc;
};

// startpanic: the calling thread becomes the one that prints and exits; any other thread
// that also starts panicking waits forever (the process exits under it). A thread that
// faults again while printing gives up at once. Async-signal-safe.
void startpanic();

// Print sig (if any) and the stacks (gp's from start, then the others if wanted), then exit
// 2 or crash. Call after startpanic and after printing the panic or fatal error line.
// Async-signal-safe.
[[noreturn]] void dopanic(g* gp, const frameStart& start, const sigDescr* sig, throwType t);

// Whether some thread has begun to report a crash (startpanic).
bool panicStarted();

// fatal's report for a thread that runs no goroutine and whose own stack says nothing (a
// thread the runtime did not start that finds the program deadlocked as it ends):
// "fatal error: reason", then every goroutine, and exit 2.
[[noreturn]] void fatalGoroutinesOnly(const char* reason);

// waitIfPanicking: if a thread is printing a crash, wait for it to exit the process, instead
// of ending it first with another status (Go: runtime.main parks when panicking != 0).
void waitIfPanicking();
// The std::terminate handler: an uncaught exception is a panic (panic.cpp; from initsig).
void installTerminateHandler();

}  // namespace runtime
