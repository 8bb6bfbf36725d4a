// errno belongs to the goroutine: it is saved when the goroutine leaves its thread and
// restored wherever it resumes. A goroutine sets errno, blocks, and resumes on another
// thread with its own value; the goroutine that woke it keeps its own too. What does not
// follow the goroutine: a thread_local variable (it reads the new thread's copy) and an
// address of errno taken before the block (it points at the old thread's errno), as
// docs/goroutines.md says.
//
// The move is arranged (GOMAXPROCS=2): main is locked to the main thread, so the worker runs
// on another thread, A. The worker starts a spinner, which goes into its P's runnext, and
// parks: A runs the spinner next, and keeps running it. Main wakes the worker and blocks,
// handing its P to another thread, B, where the worker resumes. Should another thread steal
// the spinner first, the worker may resume on A: the round is repeated until it moves (every
// round checks errno).
//
// errno is read after the block by a separate function: glibc declares errno's location
// function const, so within one function the compiler may reuse the address it computed
// before the call, the old thread's (docs/goroutines.md).
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
// CHECK: worker resumed on another thread: yes
// CHECK-NEXT: worker's errno: 1234
// CHECK-NEXT: thread_local after the block is the one set before it: no
// CHECK-NEXT: errno's address taken before the block is the new thread's: no
// CHECK-NEXT: main's errno: 5678
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/runtime.h>
#include <sched.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>

gocc::chan<int> wake(0), result(0);
std::atomic<bool> spinning{false}, stop{false};

thread_local int perThread = 0;

struct Report {
  bool moved;
  int err;
  bool sameThreadLocal;
  bool sameErrnoAddress;
} report;

__attribute__((noinline)) int currentErrno() { return errno; }
__attribute__((noinline)) int* currentErrnoAddress() { return &errno; }
__attribute__((noinline)) int currentPerThread() { return perThread; }

void spinner();

void worker() {
  pid_t before = gettid();
  static int rounds = 0;
  int mine = ++rounds;  // a value no thread_local copy has had yet
  perThread = mine;
  int* errnoBefore = &errno;
  errno = 1234;
  gocc::go(spinner);  // runs next on this thread, once the worker has parked
  wake.recv();        // parks; resumes on another thread
  report = Report{gettid() != before, currentErrno(), currentPerThread() == mine,
                  errnoBefore == currentErrnoAddress()};
  stop = true;
  result.send(0);
}

void spinner() {
  spinning = true;
  while (!stop.load()) sched_yield();
  spinning = false;
}

int main() {
  gocc::runtime::LockOSThread();
  bool errnoKept = true;
  int mainErrno = 0;
  for (int round = 0; round < 100; round++) {
    stop = false;
    gocc::go(worker);
    while (!spinning.load()) sched_yield();
    errno = 5678;
    wake.send(0);
    result.recv();
    mainErrno = currentErrno();
    errnoKept &= report.err == 1234;
    while (spinning.load()) sched_yield();
    if (report.moved) break;
  }
  std::printf("worker resumed on another thread: %s\n", report.moved ? "yes" : "no");
  std::printf("worker's errno: %d\n", errnoKept ? report.err : -1);
  std::printf("thread_local after the block is the one set before it: %s\n",
              report.sameThreadLocal ? "yes" : "no");
  std::printf("errno's address taken before the block is the new thread's: %s\n",
              report.sameErrnoAddress ? "yes" : "no");
  std::printf("main's errno: %d\n", mainErrno);
}
