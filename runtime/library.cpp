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
// entered through a stub the driver generates, which goes straight to the function on a thread
// that has called an export before (exportReady) and otherwise calls exportEnter first, which
// makes the host's thread wait for the init tasks (Go's cgocallback waits for main_init_done
// the same way) and gives it a signal stack. The export then
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

// Per thread: 1 once the thread may call the exports straight away. The exports' stubs test it
// (the fast path of every call), hence its assembly name; exportEnter sets it.
extern "C" GOCC_VISIBLE __thread uint8_t exportReady asm("runtime.exportReady")
    __attribute__((tls_model("initial-exec")));
__thread uint8_t exportReady;

namespace {

int32 libArgc;
char** libArgv;

// 0 until runtime.main has run the init tasks, then 1: a futex word the host's threads sleep
// on in exportEnter.
std::atomic<uint32> mainInitDone{0};

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

// exportEnter: an export's stub calls it on a thread's first call of any export (driver/
// library.cpp writes the stubs). A host's thread waits until the library's init tasks have
// run, then gets what a thread the runtime did not start gets in a program (Go's needm gives a
// C thread an M and a signal stack likewise): its stack's bounds, so that running off its end
// in the library is Go's "stack overflow", and a signal stack to report that on, unless it has
// one of its own. On a runtime thread (a constructor of the library calling an export) a call
// is a call within the library: nothing to wait for.
extern "C" GOCC_VISIBLE void exportEnter() asm("runtime.exportEnter");
extern "C" void exportEnter() {
  using namespace runtime;
  if (getg() == nullptr) {
    while (mainInitDone.load(std::memory_order_acquire) == 0) futexsleep(&mainInitDone, 0, -1);
    adoptForeignThread();
  }
  exportReady = 1;
}
