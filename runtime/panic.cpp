// panic.cpp — how a gocc program dies (Go: panic.go's throw, fatal, fatalpanic,
// startpanic_m, dopanic_m, crash).
//
// Three ways in, one way out:
//   throw(reason)    the runtime is broken:     "fatal error: reason", every goroutine,
//                                               runtime frames (Go's level 2), always
//   fatal(reason)    the program broke a rule:  "fatal error: reason", every goroutine,
//                                               at GOTRACEBACK's level (Go 1.19's fatal)
//   panic            an uncaught C++ exception (the std::terminate handler below) or a
//                    fault in user code (signal_unix.cpp): "panic: ...", the failing
//                    goroutine, as GOTRACEBACK says
// then dopanic prints the stacks and exits 2, or with GOTRACEBACK=crash dies of SIGABRT
// with its default action (a core dump if the system keeps them).
//
// Everything on the way out is async-signal-safe (a fault's handler runs it): write(2),
// no malloc, no stdio, no lock the interrupted code might hold. Only the uncaught-exception
// path, which is not in a signal handler, allocates (to demangle a type name).
//
// Invariant: one thread prints. The first to reach startpanic owns the output; a second
// thread that throws or faults meanwhile waits until the first one exits the process, so
// two tracebacks never interleave (Go: panicking, paniclk).
#include "panic.h"

#include <cxxabi.h>
#include <signal.h>
#include <unistd.h>
#include <unwind.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

#include "arch.h"
#include "os_linux.h"
#include "print.h"
#include "proc.h"
#include "runtime1.h"
#include "signal_unix.h"
#include "symtab.h"

namespace runtime {

namespace {

std::atomic<int32> panicking{0};
__thread int32 dying __attribute__((tls_model("initial-exec")));  // this thread is printing a crash

// crash: die of SIGABRT with its default action, so that the system can dump core (Go:
// crash → dieFromSignal). The shell then reports status 134.
[[noreturn]] void crash() { dieFromSignal(SIGABRT); }

const char* signame(int sig) {
  switch (sig) {
    case SIGSEGV:
      return "SIGSEGV: segmentation violation";
    case SIGBUS:
      return "SIGBUS: bus error";
    case SIGFPE:
      return "SIGFPE: floating-point exception";
  }
  return nullptr;
}

// fatalthrow: the stacks for throw and fatal, from the caller of the function calling it
// (runtime.throw or runtime.fatal, which then show as the first frame, as in Go).
[[noreturn]] __attribute__((noinline)) void fatalthrow(throwType t) {
  frameStart start = GOCC_CALLER_FRAME();
  dopanic(getg(), start, nullptr, t);
}

// --- uncaught C++ exceptions ----------------------------------------------------------------

// Where the frame-pointer walk of an uncaught exception starts: the innermost frame of the
// program's own code. Between it and the terminate handler are libstdc++'s __cxa_throw and
// std::terminate, built without frame pointers (on amd64, __cxa_throw even keeps a pointer in rbp),
// so the frame-pointer chain is broken there; the CFI unwinder crosses them.
struct unwindStart {
  frameStart start;
  bool found = false;
};

_Unwind_Reason_Code findThrowingFrame(struct _Unwind_Context* ctx, void* arg) {
  auto* st = static_cast<unwindStart*>(arg);
  int beforeInsn = 0;
  uintptr pc = _Unwind_GetIPInfo(ctx, &beforeInsn);
  // A return address (beforeInsn 0) is looked up at pc-1, as traceback's frames are.
  uintptr lookup = beforeInsn ? pc : pc - 1;
  pclntab::Func fn = findfunc(lookup);
  const char* file;
  int32 line;
  // The first frame with a line that is not the runtime's (this handler): the code that
  // threw, or the noexcept function whose landing pad called std::terminate.
  if (fn.valid() && !isRuntimeName(funcname(fn)) && funcline(fn, lookup, &file, &line)) {
    st->start = frameStart{pc, uintptr(_Unwind_GetGR(ctx, dwarfFrameRegister)),
                           uintptr(_Unwind_GetCFA(ctx)), beforeInsn != 0};
    st->found = true;
    return _URC_END_OF_STACK;
  }
  return _URC_NO_REASON;
}

// What the exception says: what() for a std::exception (as Go prints an error's Error()),
// the text of a string, the value of an integer (as Go prints basic kinds), else the type
// in parentheses (Go: "(main.T) 0x..."; the address would say nothing here).
std::string describeException(const std::type_info* type) {
  try {
    throw;
  } catch (const std::exception& e) {
    return e.what();
  } catch (const char* s) {
    return s;
  } catch (const std::string& s) {
    return s;
  } catch (int v) {
    return std::to_string(v);
  } catch (long v) {
    return std::to_string(v);
  } catch (long long v) {
    return std::to_string(v);
  } catch (unsigned v) {
    return std::to_string(v);
  } catch (unsigned long v) {
    return std::to_string(v);
  } catch (...) {
    const char* mangled = type->name();
    if (*mangled == '*') mangled++;  // libstdc++ marks some local types so
    int status = -1;
    char* demangled = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
    std::string text = "(" + std::string(status == 0 && demangled ? demangled : mangled) + ")";
    ::free(demangled);
    return text;
  }
}

// The std::terminate handler (installed by initsig): an exception escaped a goroutine's
// first frame (runtime.goexit ends every unwind), a noexcept function, or a destructor
// during unwinding; or the program called std::terminate.
[[noreturn]] void terminateHandler() {
  // Everything that may allocate or take a lock — what() is user code, the demangler
  // mallocs, the unwinder takes the loader's lock — comes before the crash is claimed: a
  // thread that faulted holding one of those locks must not wait on the claim while we
  // wait on its lock.
  const std::type_info* type = abi::__cxa_current_exception_type();
  std::string text = type ? describeException(type) : std::string();
  unwindStart st;
  _Unwind_Backtrace(findThrowingFrame, &st);
  if (!st.found) st.start = GOCC_CALLER_FRAME();  // no table, or no frame of the program's
  startpanic();
  if (type) {
    print("panic: ", std::string_view(text), "\n");
    dopanic(getg(), st.start, nullptr, throwType::panic);
  }
  print("fatal error: std::terminate called without an active exception\n");
  dopanic(getg(), st.start, nullptr, throwType::user);
}

}  // namespace

void startpanic() {
  if (dying++ > 0) {
    // Faulted (or threw) while printing a crash: the stacks are beyond help.
    print("panic during panic\nstack trace unavailable\n");
    exit(2);
  }
  printToStderr();  // a crash inside Stack's walk is reported, not written into its buffer
  if (panicking.fetch_add(1) > 0) {
    // Another thread is printing its crash and will exit the process.
    for (;;) pause();
  }
}

bool panicStarted() { return panicking.load() > 0; }

void waitIfPanicking() {
  if (panicking.load() > 0)
    for (;;) pause();
}

void dopanic(g* gp, const frameStart& start, const sigDescr* sig, throwType t) {
  // GODEBUG=schedtrace or scheddetail: the scheduler's state first, every goroutine's
  // status among it (Go: startpanic_m). Without sched.lock, which this thread may hold.
  if (debug.schedtrace > 0 || debug.scheddetail > 0) schedtrace(true, false);
  if (sig) {
    const char* name = signame(sig->sig);
    if (name)
      print("[signal ", name, " code=", hex(uint64(uint32(sig->code))), " addr=", hex(sig->addr),
            " pc=", hex(sig->pc), "]\n");
    else
      print("[signal ", hex(uint64(sig->sig)), " code=", hex(uint64(uint32(sig->code))),
            " addr=", hex(sig->addr), " pc=", hex(sig->pc), "]\n");
  }
  tracebackSetting s = gotraceback(t);
  if (s.level > 0) {
    bool all = s.all;
    if (!gp) {
      // A thread the runtime did not start (std::thread): it runs no goroutine. A start
      // without a pc: nothing of the thread's own to show (fatalGoroutinesOnly).
      if (start.pc) {
        print("\nthread not started by the gocc runtime:\n");
        traceback(start, nullptr, s.level);
      }
    } else {
      if (gp != gp->m->curg) all = true;
      if (gp != gp->m->g0) {
        print("\n");
        goroutineheader(gp);
        traceback(start, gp, s.level);
      } else if (s.level >= 2 || t == throwType::runtime) {
        print("\nruntime stack:\n");
        traceback(start, gp, s.level);
      }
    }
    if (all) tracebackothers(gp, s.level);
  }
  if (s.crash) crash();
  exit(2);
}

void throw_(const char* reason) {
  startpanic();
  print("fatal error: ", reason, "\n");
  fatalthrow(throwType::runtime);
}

void fatal(const char* reason) {
  startpanic();
  print("fatal error: ", reason, "\n");
  fatalthrow(throwType::user);
}

void fatalGoroutinesOnly(const char* reason) {
  startpanic();
  print("fatal error: ", reason, "\n");
  dopanic(getg(), frameStart{}, nullptr, throwType::user);
}

void installTerminateHandler() { std::set_terminate(terminateHandler); }

}  // namespace runtime
