// Paths that need a goroutine other than main or the runtime's own failures, reached through
// the public API: the runtime's fatal error (runtime.throw) is "out of memory" for a channel
// whose buffer the address space cannot hold, and the fault in runtime code is a corrupt
// channel handle's.
// RUN: %gocc build -o %t %s
// An exception escaping a goroutine's function: its stack, then "created by".
// With one P, the worker runs only once main has parked: the output's order is fixed.
// RUN: bash -c 'env GOMAXPROCS=1 %t exception 2>&1; echo status=$?' | FileCheck %s --check-prefix=GEXC
// runtime.throw on a goroutine: every goroutine, runtime frames, fp/sp/pc (Go's level 2),
// whatever GOTRACEBACK says.
// RUN: bash -c 'env GOMAXPROCS=1 GOTRACEBACK=none %t throw 2>&1; echo status=$?' | FileCheck %s --check-prefix=THROW
// A deadlock is the program's fault (Go's fatal): the parked goroutines, user frames only.
// RUN: bash -c '%t deadlock 2>&1; echo status=$?' | FileCheck %s --check-prefix=DEADLOCK
// Main returns while another goroutine's crash report is being written (stderr is a pipe
// read late, so the report blocks mid-write): the crash decides the exit status, as in Go,
// where runtime.main waits when a panic is under way.
// RUN: python3 %S/Inputs/slow-stderr.py %t mainexits | FileCheck %s --check-prefix=MAINEXITS
// MAINEXITS: panic: runtime error: invalid memory address or nil pointer dereference
// MAINEXITS: status=2
// A walk cut at 100 frames says so even when hidden runtime frames were among them.
// RUN: bash -c '%t deepdeadlock 2>&1; echo status=$?' | FileCheck %s --check-prefix=DEEP
// DEEP: fatal error: all goroutines are asleep - deadlock!
// DEEP: ...additional frames elided...
// DEEP: status=2
// A fault inside the runtime's own code is not a panic.
// RUN: bash -c '%t runtimefault 2>&1; echo status=$?' | FileCheck %s --check-prefix=RTFAULT
// An exception on a thread the runtime did not start (std::thread) has no goroutine.
// RUN: bash -c '%t thread 2>&1; echo status=$?' | FileCheck %s --check-prefix=THREAD
#include <sys/resource.h>
#include <unistd.h>

#include <gocc/chan.h>
#include <gocc/go.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <thread>

volatile int sink;

// A channel of 4 KiB elements with a 1 TiB buffer, beyond the address space allowed (also
// where memory is overcommitted): Go's "runtime: out of memory".
__attribute__((noinline)) void makeHugeChannel() {
  rlimit limit;
  getrlimit(RLIMIT_AS, &limit);
  limit.rlim_cur = rlim_t(1) << 40;
  setrlimit(RLIMIT_AS, &limit);
  gocc::chan<std::array<char, 4096>> huge(size_t(1) << 28);
}

// The length of a channel whose handle the program has corrupted: the runtime reads the
// channel at a wild address.
__attribute__((noinline)) size_t lenOfCorruptChannel() {
  gocc::chan<int> c;
  uintptr_t wild = 0x10;
  memcpy(static_cast<void*>(&c), &wild, sizeof wild);
  return c.len();
}

__attribute__((noinline)) void worker(void* arg) {
  const char* mode = static_cast<const char*>(arg);
  if (strcmp(mode, "exception") == 0) throw std::logic_error("worker failed");
  // GEXC: panic: worker failed
  // GEXC-EMPTY:
  // GEXC-NEXT: goroutine {{[0-9]+}} [running]:
  // GEXC-NEXT: worker(void*)
  // GEXC-NEXT: goroutines.cpp:[[@LINE-5]] +0x
  if (strcmp(mode, "throw") == 0) makeHugeChannel();
  // THROW: fatal error: runtime: out of memory
  // THROW-EMPTY:
  // THROW-NEXT: goroutine {{[0-9]+}} [running]:
  // THROW-NEXT: runtime.throw
  // THROW-NEXT: panic.cpp:{{[0-9]+}} +0x{{[0-9a-f]+}} fp=0x{{[0-9a-f]+}} sp=0x{{[0-9a-f]+}} pc=0x
  // THROW-NEXT: runtime::makechan(
  // THROW-NEXT: chan.cpp:{{[0-9]+}} +0x{{[0-9a-f]+}} fp=
  // (gocc::chan's constructor, inlined into makeHugeChannel: a frame without pc offset or fp/sp/pc,
  // short even at level 2 as only inlined, then makeHugeChannel at the line of the call)
  // THROW-NEXT: gocc::detail::chanMake(
  // THROW-NEXT: chan.cpp:{{[0-9]+}} +0x{{[0-9a-f]+}} fp=
  // THROW-NEXT: {{^}}gocc::chan<...>::chan(unsigned long){{$}}
  // THROW-NEXT: chan.h:{{[0-9]+$}}
  // THROW-NEXT: makeHugeChannel()
  // THROW-NEXT: goroutines.cpp:[[@LINE-35]] +0x{{[0-9a-f]+}} fp=
  // THROW-NEXT: worker(void*)
  // THROW-NEXT: goroutines.cpp:[[@LINE-17]] +0x{{[0-9a-f]+}} fp=
  // (gocc::go's trampoline, a runtime frame: shown from level 2, with the calls inlined
  // into it: its lambda, std::apply's implementation)
  // THROW-NEXT: gocc::detail::goTrampoline
  // THROW-NEXT: go.h:{{[0-9]+$}}
  // THROW: {{^}}void gocc::detail::goTrampoline<
  // THROW-NEXT: go.h:{{[0-9]+}} +0x
  // THROW-NEXT: runtime.goexit1
  // THROW: runtime.goexit
  // THROW-NEXT: asm_amd64.S
  // (created by's exact line is checked by GEXC)
  // THROW-NEXT: created by main
  // THROW-NEXT: goroutines.cpp:{{[0-9]+}} +0x
  sink = 1;
}

__attribute__((noinline)) void waitForever() {
  gocc::chan<int> c(0);
  c.recv();
  // DEADLOCK: fatal error: all goroutines are asleep - deadlock!
  // DEADLOCK-EMPTY:
  // DEADLOCK-NEXT: goroutine 1 [chan receive]:
  // DEADLOCK-NEXT: waitForever()
  // DEADLOCK-NEXT: goroutines.cpp:[[@LINE-5]] +0x
  // (the runtime's functions inlined into chanrecv first)
  // THROW: goroutine 1 [chan receive]:
  // THROW-NEXT: runtime.gopark
  // THROW-NEXT: proc.cpp:
  // THROW-NEXT: runtime::blockWaiter(
  // THROW: {{^}}runtime::chanrecv(
  // THROW: waitForever()
  // THROW-NEXT: goroutines.cpp:[[@LINE-13]] +0x
}

// mainexits: a goroutine 90 frames deep faults; main returns meanwhile.
std::atomic<int> crashing{0};
int* volatile nullp = nullptr;
__attribute__((noinline)) void faultDeep(int n) {
  if (n == 0) {
    crashing = 1;
    *nullp = 1;
  } else {
    faultDeep(n - 1);
  }
  asm volatile("");
}
__attribute__((noinline)) void crashDeep(void*) { faultDeep(90); }

// deepdeadlock: parked 150 frames deep, under the runtime's hidden chanrecv frames.
__attribute__((noinline)) int deadlockDeep(int n) {
  if (n == 0) waitForever();
  int r = deadlockDeep(n - 1);
  asm volatile("");
  return r + 1;
}

int main(int argc, char** argv) {
  const char* mode = argv[1];
  if (strcmp(mode, "deadlock") == 0) waitForever();
  // DEADLOCK-NEXT: {{^}}main{{$}}
  // DEADLOCK-NEXT: goroutines.cpp:[[@LINE-2]] +0x
  // The runtime's scavenger goroutine is hidden below level 2.
  // DEADLOCK-NOT: {{^}}goroutine
  // DEADLOCK: status=2
  if (strcmp(mode, "runtimefault") == 0) sink = int(lenOfCorruptChannel());
  // RTFAULT: fatal error: unexpected signal during runtime execution
  // RTFAULT-NEXT: [signal SIGSEGV: segmentation violation code=0x1 addr=0x{{[0-9a-f]+}} pc=0x{{[0-9a-f]+}}]
  // RTFAULT-EMPTY:
  // RTFAULT-NEXT: goroutine 1 [running]:
  // (the fault is in std::atomic's load, inlined into chanLen, which gocc::chan::len inlines
  // in turn; inlined-only functions' names are short at every level)
  // RTFAULT-NEXT: std::__atomic_base<...>::load(
  // RTFAULT-NEXT: atomic_base.h:{{[0-9]+$}}
  // RTFAULT-NEXT: gocc::detail::chanLen(gocc::detail::hchan*)
  // RTFAULT-NEXT: chan.cpp:{{[0-9]+}} +0x
  // RTFAULT-NEXT: gocc::chan<...>::len() const
  // RTFAULT-NEXT: chan.h:{{[0-9]+$}}
  // RTFAULT-NEXT: lenOfCorruptChannel()
  // RTFAULT: {{^}}main{{$}}
  // RTFAULT-NEXT: goroutines.cpp:[[@LINE-15]] +0x
  // RTFAULT: status=2
  if (strcmp(mode, "mainexits") == 0) {
    gocc::go(crashDeep, nullptr);
    while (!crashing.load()) {
    }
    usleep(100 * 1000);  // the report is now blocked on the full pipe
    return 0;
  }
  if (strcmp(mode, "deepdeadlock") == 0) return deadlockDeep(150);
  if (strcmp(mode, "thread") == 0) {
    std::thread t([] { throw std::runtime_error("in a std::thread"); });
    t.join();
    // THREAD: panic: in a std::thread
    // THREAD-EMPTY:
    // THREAD-NEXT: thread not started by the gocc runtime:
    // (the lambda is inlined into std::thread's _M_run, through std::__invoke & co.: a
    // frame for each, then _M_run itself)
    // THREAD-NEXT: {{^}}main::$_0::operator()() const{{$}}
    // THREAD-NEXT: goroutines.cpp:[[@LINE-8]]{{$}}
    // THREAD-NEXT: {{^}}void std::__invoke_impl<...>(std::__invoke_other, main::$_0&&){{$}}
    // THREAD: {{^}}std::thread::_State_impl<...>::_M_run(){{$}}
    // THREAD-NEXT: std_thread.h:{{[0-9]+}} +0x
    // (libstdc++'s thread start, which has no line table; below it, glibc's: not shown)
    // THREAD-NEXT: execute_native_thread_routine
    // THREAD-NEXT: ?:0 +0x
    // THREAD-NEXT: status=2
  }
  gocc::go(worker, argv[1]);
  // GEXC-NEXT: created by main
  // GEXC-NEXT: goroutines.cpp:[[@LINE-2]] +0x
  // GEXC-NEXT: status=2
  waitForever();
  // THROW: {{^}}main{{$}}
  // THROW-NEXT: goroutines.cpp:[[@LINE-2]] +0x
  // THROW: status=2
  return 0;
}
