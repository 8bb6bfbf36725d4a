// Interruption: a build stopped by ^C (or SIGTERM, SIGHUP, SIGQUIT) still removes its work
// directory and temporary output, then ends by the same signal, as the go command does.
//
// The handler only records the signal. It is installed without SA_RESTART, so a build waiting for
// clang wakes up; the build then stops at its next step boundary and unwinds normally, and the
// usual destructors remove the work directory. Clang processes in the same process group get the
// terminal's signal themselves; the build waits for them before it returns.
#pragma once

// Installs the handler for the signals gocc's caller has not ignored.
void catchInterrupts();

// The signal that interrupted gocc, or 0.
int interruptSignal();

// Ends gocc by signo, so that its caller sees the same termination as the signal would have
// caused. Core dumps are switched off first: a program run by gocc that died by SIGSEGV has already
// written its core, and gocc's would overwrite it.
[[noreturn]] void dieBySignal(int signo);
