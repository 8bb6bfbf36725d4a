// library.cpp — the runtime inside a library: gocc build -buildmode=c-shared or c-archive (Go:
// _rt0_amd64_lib in asm_amd64.s, islibrary/isarchive in proc.go, cgocallback's wait for
// main_init_done).
//
// A library has no entry point of its own: the host's loader calls its initializer,
// _rt0_amd64_linux_lib (rt0/rt0_linux_amd64.S), with (argc, argv, envp) — ld.so for a shared
// library, at start-up or inside dlopen; the host's __libc_start_main for an archive linked into
// it. The bootstrap is the program's (rt0_go → schedinit → newproc(runtime.main) → mstart), run
// as Go runs it: on a thread of its own, which becomes m0, so that the initializer returns to
// the loader at once (ld.so holds its lock meanwhile; a constructor of the library that called
// dlopen, or waited for anything the host's thread does, would otherwise deadlock). runtime.main
// then does what it does in a program up to the init tasks — gcenable, sysmon, the runtime's
// and the C++ library's constructors, then the library's own — and returns instead of calling
// main_main (Go: "if isarchive || islibrary { return }"). m0 stays, an idle M.
//
// The host calls the library's exported functions (gocc/export.h) from any of its threads,
// whenever it likes: possibly before runtime.main has run the constructors. Each export is
// entered through a stub the driver generates, which goes straight to the function once the
// init tasks are done (mainInitDone) and until then calls exportEnter, which makes the host's
// thread wait for them (Go's cgocallback waits for main_init_done the same way). The export then
// runs on the host's thread, which is to the runtime a thread it did not start, as a std::thread is
// in a program: it may start goroutines and use channels, which it waits on by sleeping
// (docs/goroutines.md). Go instead gives a C thread entering Go an M and a goroutine (needm); a C++
// function needs neither to run.
//
// What a library leaves to the host: the process's exit (no deadlock detection, as in Go: the
// host's threads may wake anyone at any time), its signals other than the faults of the
// library's code (signal_unix.cpp forwards the others to the host's handlers), and libc: a
// library build interposes no libc function (docs/ports.md says why).
#include "library.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>

#include "os_linux.h"
#include "print.h"
#include "proc.h"
#include "signal_unix.h"

extern "C" [[noreturn]] void rt0_go(int32_t argc, char** argv,
                                    void (*rtldFini)()) asm("runtime.rt0_go");

namespace runtime {

bool islibrary;

// 0 until runtime.main has run the init tasks, then 1: a futex word the host's threads sleep
// on in exportEnter. The exports' stubs test it before calling exportEnter (the fast path of
// every call), hence its assembly name.
extern "C" GOCC_VISIBLE std::atomic<uint32> mainInitDone asm("runtime.mainInitDone");
std::atomic<uint32> mainInitDone{0};

namespace {

int32 libArgc;
char** libArgv;

// The thread that becomes m0: the program's bootstrap, from rt0_go on. Never returns.
void* rt0LibGo(void*) { rt0_go(libArgc, libArgv, nullptr); }

}  // namespace

// libinit: the library's initializer, from _rt0_amd64_lib, on the loader's thread. Must return
// promptly; everything else happens on the new thread.
extern "C" void libinit(int32 argc, char** argv, char** envp) GO_NAME(libinit);
extern "C" void libinit(int32 argc, char** argv, char** envp) {
  (void)envp;  // runtime.args finds the environment after argv, and the auxiliary vector after it
  islibrary = true;
  libArgc = argc;
  libArgv = argv;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  // The host's signals are the host's threads' to take: m0, and every M it starts (their
  // mask is m0's, mpreinit), block all but the faults, which belong to the faulting code.
  sigset_t mask;
  faultsOnlySigmask(&mask);
  pthread_attr_setsigmask_np(&attr, &mask);
  pthread_t thread;
  int err = pthread_create(&thread, &attr, rt0LibGo, nullptr);
  pthread_attr_destroy(&attr);
  if (err != 0) {
    // Nothing of the runtime is up to report with (Go's newosproc0 says this and exits too).
    print("runtime: failed to create new OS thread (errno ", err, ")\n");
    _exit(1);
  }
}

void libraryInitDone() {
  mainInitDone.store(1, std::memory_order_release);
  futexwakeup(&mainInitDone, 0x7fffffff);
}

}  // namespace runtime

// exportEnter: every exported function's stub calls it first (driver/library.cpp writes the
// stubs). It returns once the library's init tasks have run; on a runtime thread (a
// constructor of the library calling an export) at once, as a call within the library.
extern "C" GOCC_VISIBLE void exportEnter() asm("runtime.exportEnter");
extern "C" void exportEnter() {
  using namespace runtime;
  while (mainInitDone.load(std::memory_order_acquire) == 0) {
    if (getg() != nullptr) return;
    futexsleep(&mainInitDone, 0, -1);
  }
}
