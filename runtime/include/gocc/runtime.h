// gocc/runtime.h — the public interface to gocc's runtime, for programs built with gocc
// (the counterpart of Go's package runtime).
#pragma once
#include <cstddef>
#include <cstdint>

// gocc's runtime is built with hidden visibility; what this header declares is its interface.
#pragma GCC visibility push(default)

namespace gocc::runtime {

// GOMAXPROCS sets the maximum number of threads that can run goroutines at once (the
// number of Ps) and returns the previous setting. n < 1 leaves it unchanged. The initial
// value is the GOMAXPROCS environment variable if it is a positive integer, else NumCPU().
// Changing it stops the world: it waits for running goroutines to block or finish.
int GOMAXPROCS(int n);

// NumCPU returns the number of logical CPUs the process may use (its affinity mask at
// start-up).
int NumCPU();

// NumGoroutine returns the number of goroutines that currently exist, the main one
// included and the runtime's own excluded.
int NumGoroutine();

// --- the calling goroutine (Go: Gosched, Goexit, LockOSThread, UnlockOSThread, Stack) -----

// Gosched yields the processor: the calling goroutine goes to the back of the global run
// queue and other goroutines run; it resumes later, maybe on another thread. The scheduler
// never preempts, so a goroutine that computes for long without blocking lets others run
// on its P only by calling Gosched. On a thread the runtime did not start (std::thread) it
// is sched_yield().
void Gosched();

// Goexit ends the calling goroutine. Its stack is unwound first, as for an exception that
// nothing catches: the destructors of every frame's objects run (Go runs the deferred calls).
// A catch (...) on the way runs too but cannot stop it: when the handler ends without
// rethrowing, the unwinding goes on from there. Other goroutines are not affected. Called
// on the main goroutine, main ends without returning and the program goes on with its other
// goroutines, dying with "fatal error: no goroutines (main called runtime.Goexit) -
// deadlock!" when none is left, as in Go. The unwinding must not cross a noexcept function
// (that is std::terminate, a panic). On a thread the runtime did not start it is
// pthread_exit(nullptr).
[[noreturn]] void Goexit();

// LockOSThread wires the calling goroutine to the thread it runs on: until it has called
// UnlockOSThread as many times as LockOSThread, it always runs on that thread and no other
// goroutine does. For thread state that a goroutine must keep: thread_local variables, a
// thread's signal mask or scheduling priority, per-thread kernel state. A goroutine that ends
// locked leaves the thread to run other goroutines (Go ends the thread: docs/goroutines.md).
// On a thread the runtime did not start, both do nothing: that thread is its own.
void LockOSThread();
// UnlockOSThread undoes one LockOSThread; with none left to undo it does nothing.
void UnlockOSThread();

// Stack formats the calling goroutine's stack trace into buf, as a crash report prints it
// ("goroutine N [running]:", then function and file:line per frame, "created by"), and,
// if all, then every other goroutine's (each after an empty line, with its state: "goroutine
// N [chan receive]:"). It writes at most size bytes, cutting the text short if it does not
// fit, writes no terminating NUL, and returns the number of bytes written. With all, it
// first stops every other goroutine where it waits, as GOMAXPROCS(n) does: it waits for
// running goroutines to block. On a thread the runtime did not start it writes nothing.
size_t Stack(char* buf, size_t size, bool all);

// Version returns the gocc toolchain version the program was built with, e.g. "gocc0.1.0".
const char* Version();

// --- the program's own symbol table (Go: runtime.Caller, Callers, FuncForPC) -------------
// Answered from the pc→function/file/line table every gocc program carries (.gopclntab).
// Names are demangled C++ ("ns::Type::method(int)"; "main" for main); files are the paths
// the compiler recorded (relative ones with -trimpath). None of these allocates or takes a
// lock, so they may be called anywhere, signal handlers included. Strings point into the
// table: they live as long as the program. Caller and Callers walk the calling goroutine's
// stack, or on a thread the runtime did not start (std::thread), that thread's own frames.

// The result of Caller.
struct CallerInfo {
  uintptr_t pc;      // the pc of the call instruction's last byte (return address - 1)
  const char* file;  // "" if !ok
  int line;          // 0 if !ok
  bool ok;           // false if there is no such frame or the table does not describe it
};

// Caller reports the call skip frames up the calling goroutine's stack: skip 0 is the
// call of Caller itself (the line where Caller is called), 1 the call of the function
// that called Caller, and so on. As in Go, a call the compiler inlined counts as a frame:
// if f calls an inlined g that calls Caller, skip 0 is g's line and skip 1 the line in f
// where f calls g. pc is then an instruction of f (see Callers).
CallerInfo Caller(int skip);

// Callers fills pcs with up to n pcs of the calling goroutine's stack and returns how many it
// wrote. skip 0 is Callers' own frame, 1 the caller of Callers. Each is a return address, or,
// for the caller of an inlined call (which counts as a frame, as in Go), the address after
// an instruction at the call site; pass pc-1 to FuncForPC / FileLine to get the call's own
// line. Where the compiler left no instruction at an inlined call's site, FileLine gives the
// line of another instruction of the calling function; Caller and tracebacks give the exact
// line in every case. FuncForPC names the function the code was compiled into, not the
// inlined one.
int Callers(int skip, uintptr_t* pcs, int n);

// A function of the program, as the table describes it. Obtained only from FuncForPC:
// the pointer points into the table itself.
class Func {
public:
  struct FileLineResult {
    const char* file;  // "?" if unknown
    int line;          // 0 if unknown
  };
  // The function's name.
  const char* Name() const;
  // The address of its first instruction.
  uintptr_t Entry() const;
  // The source file and line of pc, which should be inside this function.
  FileLineResult FileLine(uintptr_t pc) const;

  Func() = delete;
  Func(const Func&) = delete;
  Func& operator=(const Func&) = delete;
};

// FuncForPC returns the function containing pc, or nullptr if the table has none there.
Func* FuncForPC(uintptr_t pc);

}  // namespace gocc::runtime

#pragma GCC visibility pop
