// signal_unix.cpp — faults in the program become Go-style panics (Go: signal_unix.go,
// signal_<arch>.go (arch.h), os_linux.go's mpreinit/minit).
//
// SIGSEGV, SIGBUS and SIGFPE raised by an instruction (si_code > 0) are synchronous: they
// belong to the goroutine running on the faulting thread, and the handler prints, as Go's
// sigpanic would, "panic: runtime error: ..." with "[signal ...]" and that goroutine's stack
// from the faulting pc and frame pointer the kernel saved in the ucontext. A fault in the runtime's
// own code (or on g0) is "fatal error: unexpected signal during runtime execution"; a fault in a
// goroutine's guard page is "fatal error: stack overflow". Go recovers a panic with
// recover(); C++ cannot catch a signal, so every such panic ends the program (exit 2).
//
// The handler runs on the M's alternate signal stack (Go's gsignal), because the faulting
// stack may be exhausted: a stack overflow is a write to the guard page below it. Each M
// gets its signal stack in mpreinit (m0's is static, so start-up maps nothing for it) and
// installs it on its own thread in minit. Threads the runtime did not start (std::thread)
// get theirs as they start (foreignThreadInit, from proc.cpp's pthread_create), mapped and
// given back with the thread, with their stack's bounds: a fault there prints the thread's
// stack from the faulting frame, and running off its bottom is a stack overflow, as on a
// goroutine. (Threads made below pthread_create, glibc's own helpers, have neither; their
// faults are handled on their own stack and show the faulting frame alone.)
//
// A signal sent with kill(2) or raise(3) (si_code <= 0) is not a fault: the handler
// restores the default action and re-raises it, so it kills the process as it would have
// without the runtime.
//
// In a library (gocc build -buildmode=c-shared|c-archive) the process is the host's, which may
// have handlers of its own, installed before the library's runtime started or after. As Go's
// c-shared runtime does (sigfwdgo), a fault is the library's when it happens on one of the
// runtime's threads or in the library's code (its module's text: the .so's, or for an archive
// the host executable's, which holds it); any other fault goes to the handler that was
// installed before initsig, or, if that was the default action, kills the process as it would
// have without the library. A handler the host installs later replaces the runtime's.
//
// Handlers are async-signal-safe: they read the ucontext, the stack and the pclntab, print
// with write(2) and leave with _exit or SIGABRT; no malloc, no stdio, no lock.
#include "signal_unix.h"

#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/ucontext.h>
#include <unistd.h>

#include <cstring>

#include "arch.h"
#include "library.h"
#include "malloc.h"
#include "os_linux.h"
#include "panic.h"
#include "print.h"
#include "stack.h"
#include "symtab.h"

namespace runtime {

namespace {

// Go's signal stack size (os_linux.go: malg(32 * 1024)). The handler needs a few KiB: the
// traceback's print buffers and its table lookups.
constexpr uintptr signalStackSize = 32 << 10;

// m0's signal stack, in .bss: pages are only backed when a signal arrives.
alignas(16) char m0SignalStack[signalStackSize];
g m0gsignal;

const int handledSignals[] = {SIGSEGV, SIGBUS, SIGFPE};

// The thread's own stack and signal stack, when the runtime did not start it: initial-exec
// TLS, which the signal handler may read.
struct foreignThread {
  uintptr lo, hi;     // the thread's stack, as pthread_getattr_np reports it
  void* signalStack;  // mapped in foreignThreadInit
};
__attribute__((tls_model("initial-exec"))) thread_local foreignThread thisForeignThread;

// The signal mask of the main thread when the process started (Go: initSigmask).
sigset_t initSigmask;

// In a library: the handlers initsig replaced, indexed by signal number (Go: fwdSig).
struct sigaction hostHandlers[NSIG];

}  // namespace

void dieFromSignal(int sig) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = SIG_DFL;
  sigaction(sig, &sa, nullptr);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
  raise(sig);
  exit(2);  // not reached unless sig could not kill us
}

namespace {

// Is the fault at addr a stack's owner running off its bottom, lo? Its guard is below lo. A
// frame larger than the guard may skip over it, so anything up to window below lo counts when
// the stack pointer is that near the bottom too.
bool runsOffBottom(uintptr lo, uintptr window, uintptr addr, uintptr sp) {
  return addr < lo && lo - addr <= window && sp < lo + window;
}

// For a goroutine: its guard is 1 MiB for the main goroutine, a page for others; the window 1 MiB
// for main, 64 KiB for others.
bool isStackOverflow(g* gp, uintptr addr, uintptr sp) {
  if (!gp || gp->stk.hi <= gp->stk.lo) return false;
  return runsOffBottom(gp->stk.lo, gp->mainStackBytes ? mainStackGuard : uintptr(64 << 10), addr,
                       sp);
}

// For a thread the runtime did not start: its pthread stack's guard lies below lo.
bool isForeignStackOverflow(uintptr addr, uintptr sp) {
  uintptr lo, hi;
  return foreignThreadStack(&lo, &hi) && runsOffBottom(lo, 64 << 10, addr, sp);
}

// Makes [lo, lo+size) this thread's alternate signal stack.
bool installSignalStack(void* lo, size_t size) {
  stack_t st;
  memset(&st, 0, sizeof st);
  st.ss_sp = lo;
  st.ss_size = size;
  return sigaltstack(&st, nullptr) == 0;
}

// In a library: whether a fault at pc belongs to the host (see the file comment).
bool hostsFault(uintptr pc) {
  if (!islibrary || getg()) return false;
  return pc < firstmoduledata.text || pc >= firstmoduledata.etext;
}

// Hands a fault of the host's code to the handler the host had (Go: sigfwd).
void forwardToHost(int sig, siginfo_t* info, void* ctx) {
  const struct sigaction& h = hostHandlers[sig];
  if (h.sa_flags & SA_SIGINFO) {
    h.sa_sigaction(sig, info, ctx);
  } else if (h.sa_handler != SIG_DFL && h.sa_handler != SIG_IGN) {
    h.sa_handler(sig);
  } else {
    dieFromSignal(sig);  // a fault ignored would only fault again
  }
}

void sighandler(int sig, siginfo_t* info, void* ctx) {
  auto* uc = static_cast<ucontext_t*>(ctx);
  uintptr pc = sigctxtPC(uc);
  if (hostsFault(pc)) return forwardToHost(sig, info, ctx);
  if (info->si_code <= 0) dieFromSignal(sig);  // sent, not raised by an instruction
  uintptr sp = sigctxtSP(uc);
  uintptr fp = sigctxtFP(uc);
  uintptr addr = reinterpret_cast<uintptr>(info->si_addr);
  sigDescr sd{sig, info->si_code, addr, pc};
  frameStart start{pc, fp, sp, true};
  g* gp = getg();
  startpanic();

  if (sig == SIGSEGV && !gp && isForeignStackOverflow(addr, sp)) {
    const foreignThread& t = thisForeignThread;
    print("runtime: thread stack exceeds ", t.hi - t.lo, "-byte limit\n");
    print("runtime: sp=", hex(sp), " stack=[", hex(t.lo), ", ", hex(t.hi), "]\n");
    print("fatal error: stack overflow\n");
    dopanic(gp, start, &sd, throwType::runtime);
  }
  if (sig == SIGSEGV && isStackOverflow(gp, addr, sp)) {
    print("runtime: goroutine stack exceeds ", stackLimit(gp), "-byte limit\n");
    print("runtime: sp=", hex(sp), " stack=[", hex(gp->stk.lo), ", ", hex(gp->stk.hi), "]\n");
    print("fatal error: stack overflow\n");
    dopanic(gp, start, &sd, throwType::runtime);
  }
  // Go's sigpanic may only panic in user code: a fault on g0 or in runtime code means the
  // runtime is broken.
  if ((gp && gp->m && gp == gp->m->g0) || isRuntimeName(funcname(findfunc(pc)))) {
    print("fatal error: unexpected signal during runtime execution\n");
    dopanic(gp, start, &sd, throwType::runtime);
  }
  switch (sig) {
    case SIGSEGV:
    case SIGBUS:
      // Go: a fault below 0x1000 is a nil dereference; anything else, "unexpected fault
      // address" (SIGSEGV only for a missing or protected page: a non-canonical address
      // comes as SI_KERNEL with addr 0; SIGBUS only for BUS_ADRERR).
      if (addr < 0x1000 && (sig == SIGSEGV ? (info->si_code == 0 || info->si_code == SEGV_MAPERR ||
                                              info->si_code == SEGV_ACCERR)
                                           : info->si_code == BUS_ADRERR)) {
        print("panic: runtime error: invalid memory address or nil pointer dereference\n");
        dopanic(gp, start, &sd, throwType::panic);
      }
      print("unexpected fault address ", hex(addr), "\n");
      print("fatal error: fault\n");
      dopanic(gp, start, &sd, throwType::runtime);
    case SIGFPE:
      if (info->si_code == FPE_INTDIV)
        print("panic: runtime error: integer divide by zero\n");
      else if (info->si_code == FPE_INTOVF)
        print("panic: runtime error: integer overflow\n");
      else
        print("panic: runtime error: floating point error\n");
      dopanic(gp, start, &sd, throwType::panic);
  }
  dieFromSignal(sig);
}

}  // namespace

void mpreinit(m* mp) {
  if (mp == &m0) {
    sigprocmask(SIG_SETMASK, nullptr, &initSigmask);
    m0gsignal.stk = stack{uintptr(m0SignalStack), uintptr(m0SignalStack) + signalStackSize};
    mp->gsignal = &m0gsignal;
    return;
  }
  // From persistentalloc, like m0's from .bss: no system call on the way to a new thread
  // (a mapping with a guard page would cost each new M ~4 µs), and Ms never exit, so the
  // memory is never given back. Its pages are backed only when a signal arrives.
  auto* gs = new (gcache.alloc()) g;
  auto lo = uintptr(persistentalloc(signalStackSize, 16));
  gs->stk = stack{lo, lo + signalStackSize};
  gs->m = mp;
  mp->gsignal = gs;
}

namespace {
void unblockFaults(sigset_t* mask) {
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS}) sigdelset(mask, sig);
}
}  // namespace

void newMSigmask(m* mp, sigset_t* mask) {
  if (mp->blocksSignals) return faultsOnlySigmask(mask);
  *mask = initSigmask;
  unblockFaults(mask);
}

void faultsOnlySigmask(sigset_t* mask) {
  sigfillset(mask);
  unblockFaults(mask);
}

void minit() {
  g* gs = getg()->m->gsignal;
  if (!installSignalStack(reinterpret_cast<void*>(gs->stk.lo), gs->stk.hi - gs->stk.lo))
    throw_("minit: sigaltstack failed");
}

void foreignThreadInit() {
  foreignThread& t = thisForeignThread;
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void* addr;
    size_t size;
    if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
      t.lo = uintptr(addr);
      t.hi = uintptr(addr) + size;
    }
    pthread_attr_destroy(&attr);
  }
  // A thread with a signal stack of its own (a library's host may give its threads one) keeps
  // it, as Go's minitSignalStack does.
  stack_t current;
  if (sigaltstack(nullptr, &current) == 0 && !(current.ss_flags & SS_DISABLE)) return;
  void* p = mmap(nullptr, signalStackSize, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (p == MAP_FAILED) return;  // the thread runs without one, as before the runtime
  if (!installSignalStack(p, signalStackSize)) {
    munmap(p, signalStackSize);
    return;
  }
  t.signalStack = p;
}

void foreignThreadExit() {
  foreignThread& t = thisForeignThread;
  if (!t.signalStack) return;
  stack_t st;
  memset(&st, 0, sizeof st);
  st.ss_flags = SS_DISABLE;
  sigaltstack(&st, nullptr);
  munmap(t.signalStack, signalStackSize);
  t.signalStack = nullptr;
}

bool foreignThreadStack(uintptr* lo, uintptr* hi) {
  const foreignThread& t = thisForeignThread;
  if (t.hi <= t.lo) return false;
  *lo = t.lo;
  *hi = t.hi;
  return true;
}

void initsig() {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = sighandler;
  // SA_ONSTACK: the signal stack; SA_NODEFER is not set, so a second fault of the same
  // kind inside the handler kills the process with the default action instead of looping.
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
  sigfillset(&sa.sa_mask);
  for (int sig : handledSignals)
    if (sigaction(sig, &sa, islibrary ? &hostHandlers[sig] : nullptr) != 0)
      throw_("initsig: sigaction failed");
  installTerminateHandler();
}

}  // namespace runtime
