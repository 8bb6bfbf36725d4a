// signal_unix.h — the runtime's signal handling (Go: signal_unix.go, os_linux.go's
// mpreinit/minit): faults become panics, each M has its own signal stack. See signal_unix.cpp.
#pragma once
#include <signal.h>

#include "runtime2.h"

namespace runtime {

// The steps of the bootstrap and of every new M, in the order they run:
// mpreinit: give mp its signal goroutine and alternate signal stack, from mcommoninit
// (Go: mpreinit).
void mpreinit(m* mp) GO_NAME(mpreinit);
// minit: make the current M's signal stack this thread's, from mstart1 on the M's own thread
// (Go: minit).
void minit() GO_NAME(minit);
// initsig: install the runtime's handlers for SIGSEGV, SIGBUS and SIGFPE (on the alternate
// signal stack) and its std::terminate handler. Once, on m0, in mstart1 (Go: mstartm0).
void initsig() GO_NAME(initsig);

// newMSigmask: the signal mask a new M's thread starts with (Go: minitSignalMask). An M that
// runs goroutines gets the program's: the mask the process started with, as main saw it
// (saved by mpreinit for m0), so that user code sees on every M the signals main would.
// An M that never runs one (sysmon: m.blocksSignals) blocks every asynchronous signal, so
// that a signal sent to the process goes to a thread of the program's, as without the
// runtime: a program that blocks SIGTERM in main to sigwait for it is not killed by it
// (test/runtime/signal-mask.cpp). Signals an instruction raises stay open on every M, since
// blocking them would not stop them but only make the kernel kill the process without the
// runtime's report; glibc keeps its own two (SIGCANCEL, SIGSETXID) open too.
void newMSigmask(m* mp, sigset_t* mask);

// The mask of a thread that takes no signal sent to the process, only those its own
// instructions raise: what sysmon's M starts with, and a library's m0 (library.cpp).
void faultsOnlySigmask(sigset_t* mask);

// A thread the runtime did not start (std::thread, pthread_create: proc.cpp's interposed
// pthread_create) gets, on its own thread as it starts, an alternate signal stack of its own,
// so that a stack overflow on it is reported like any other fault rather than killing the
// process silently, and its stack's bounds are noted, so that its traceback can walk every
// frame. foreignThreadExit gives the signal stack back as the thread ends.
void foreignThreadInit();
void foreignThreadExit();
// The stack bounds of the current thread, if the runtime did not start it and noted them.
bool foreignThreadStack(uintptr* lo, uintptr* hi);

// dieFromSignal: let sig act as if the runtime had no handler for it: restore its default
// action, unblock it and raise it (Go: dieFromSignal). Async-signal-safe.
[[noreturn]] void dieFromSignal(int sig);

}  // namespace runtime
