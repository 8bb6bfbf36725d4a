// Interruption: a build stopped by ^C (or SIGTERM, SIGHUP, SIGQUIT) still removes its work
// directory and temporary output, then ends by the same signal, as the go command does.
//
// The handler only records the signal. It is installed without SA_RESTART, so a build waiting for
// clang wakes up; the build then stops at its next step boundary and unwinds normally, and the
// usual destructors remove the work directory. Clang processes in the same process group get the
// terminal's signal themselves; a signal sent to gocc alone (kill, a supervisor) is passed on
// to them by the handler. The build waits for them before it returns.
#pragma once

#include <sys/types.h>

// Installs the handler for the signals gocc's caller has not ignored.
void catchInterrupts();

// The signal that interrupted gocc, or 0.
int interruptSignal();

// The children a signal sent to gocc alone (kill, a supervisor, a timeout) is passed on to, by
// the handler itself: the running compiles, the program gocc run runs. (A terminal's ^C reaches
// them anyway, with the whole process group.) Call unwatch before reaping the child.
void passInterruptsTo(pid_t child);
void stopPassingInterruptsTo(pid_t child);

// Ends gocc by signo, so that its caller sees the same termination as the signal would have
// caused. Core dumps are switched off first: a program run by gocc that died by SIGSEGV has already
// written its core, and gocc's would overwrite it.
[[noreturn]] void dieBySignal(int signo);
