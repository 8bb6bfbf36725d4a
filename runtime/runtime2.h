// runtime2.h — the runtime's central types: G, M, P and the scheduler (Go's runtime2.go).
//
// A G is a goroutine: a stack, the saved context of a switched-out goroutine, and its status.
// An M is an OS thread. Every M has a g0, the goroutine that owns the M's OS stack and runs
// the scheduler; g0 never runs user code. An M runs Go-style code only while it holds a P.
// A P is a processor: the right to run goroutines, with a local run queue. There are
// exactly GOMAXPROCS Ps (allp); an M without a P sleeps (idle) or does system work (sysmon).
//
// Invariants:
//  - getg() is the goroutine currently running on this thread: g0 while the scheduler runs,
//    m.curg while a goroutine runs, null on threads the runtime did not create (std::thread).
//  - A goroutine's context switch happens only inside mcall (goroutine → g0) and gogo
//    (g0 → goroutine); both are in rt0/asm_<arch>.S. Because switches happen only at calls,
//    the saved context is the callee-saved registers plus the return address, kept on the
//    goroutine's own stack; g.sched.sp points at them.
//  - Goroutine stacks never move (C++ keeps raw pointers into its stack), so a runtime
//    object that lives only while its goroutine is parked (a sudog) may live on that stack.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "asm_offsets.h"

// Functions that bear the name Go gives them (runtime.schedinit, runtime.main, ...): the
// bootstrap steps and the scheduler's verbs, so gdb's `break runtime.schedinit` and a reader
// of an article on Go's start-up find them, and no user symbol can collide with them.
// They are never inlined, so that each is a real call a breakpoint sees.
#define GO_NAME(name) asm("runtime." #name) __attribute__((noinline))

// The runtime is built with hidden visibility and its internals are made local in
// libgoccrt.a (runtime/CMakeLists.txt), so that programs may reuse its names. GOCC_VISIBLE
// marks what programs and libc must see.
#define GOCC_VISIBLE __attribute__((visibility("default")))

namespace runtime {

using uintptr = uintptr_t;
using int64 = int64_t;
using uint64 = uint64_t;
using int32 = int32_t;
using uint32 = uint32_t;

struct g;
struct m;
struct p;
struct timer;

// A mutex for the runtime's own data (lock_futex.cpp). Zero value is unlocked.
struct mutex {
  std::atomic<uint32> key{0};
};

// A one-shot event: notesleep waits until notewakeup; noteclear re-arms it (lock_futex.cpp).
struct note {
  std::atomic<uint32> key{0};
};

struct stack {
  uintptr lo = 0;  // lowest usable address (above the guard page)
  uintptr hi = 0;  // one past the highest address
};

// The saved context of a switched-out goroutine.
struct gobuf {
  uintptr sp = 0;
};

enum gstatus : uint32 {
  Gidle,      // just allocated, not yet initialized
  Grunnable,  // on a run queue, not running
  Grunning,   // running user code on an M that holds a P
  Gsyscall,   // in a blocking system call (entersyscall): its M may have lost its P
  Gwaiting,   // parked (channel, lock, timer); something will ready it
  Gdead,      // exited or unused; on a free list
};

// Why a goroutine waits: the text tracebacks print in "goroutine N [reason]:" (Go's
// waitReason strings, so that a report reads as Go's does).
enum waitReason : uint8_t {
  waitReasonZero,
  waitReasonChanReceive,         // "chan receive"
  waitReasonChanReceiveNilChan,  // "chan receive (nil chan)"
  waitReasonChanSend,            // "chan send"
  waitReasonChanSendNilChan,     // "chan send (nil chan)"
  waitReasonSelect,              // "select"
  waitReasonSelectNoCases,       // "select (no cases)"
  waitReasonSleep,               // "sleep"
  waitReasonSyncMutexLock,       // "sync.Mutex.Lock"
  waitReasonSyncRWMutexRLock,    // "sync.RWMutex.RLock"
  waitReasonSyncRWMutexLock,     // "sync.RWMutex.Lock"
  waitReasonSyncCondWait,        // "sync.Cond.Wait"
  waitReasonSemacquire,          // "semacquire" (WaitGroup.Wait, Once)
  waitReasonScavengeWait,        // "GC scavenge wait"
  waitReasonLockedM,             // "locked to thread"
};
const char* waitReasonString(waitReason r);

// libstdc++'s per-thread exception state (__cxa_eh_globals): which exceptions are being
// handled and how many are in flight. It belongs to the goroutine, not to the thread, so
// it is saved and restored on every switch.
struct ehGlobals {
  void* caughtExceptions = nullptr;
  unsigned int uncaughtExceptions = 0;
};

struct g {
  gobuf sched;     // G_SCHED_SP
  stack stk;       // G_STACK_LO, G_STACK_HI
  m* m = nullptr;  // G_M: the M running this goroutine, or null
  std::atomic<uint32> atomicstatus{Gidle};
  uint64 goid = 0;
  g* schedlink = nullptr;  // next in a run queue or free list
  void (*startfn)(void*) = nullptr;
  void* startarg = nullptr;
  struct m* lockedm = nullptr;  // LockOSThread: this goroutine runs only on lockedm
  bool issystem = false;        // runtime goroutine: not counted by NumGoroutine
  waitReason waitreason = waitReasonZero;
  ehGlobals eh;
  int savedErrno =
      0;  // errno belongs to the goroutine: saved when it leaves its M, restored by execute
  void* param = nullptr;  // a value passed by whoever readies this goroutine (a sudog)
  uint64 mainStackBytes =
      0;                  // nonzero for the main goroutine: its stack came from mmap, not the pool
  uintptr gopc = 0;       // the return address in the function that created this goroutine
  uint64 parentGoid = 0;  // the goroutine that created this one (0: none, or a foreign thread)
  // Where a goroutine in a system call left its code (entersyscall): the frame that called
  // entersyscall, so that tracebacks can walk a Gsyscall goroutine's stack while its M runs it.
  uintptr syscallpc = 0;
  uintptr syscallbp = 0;
  uintptr syscallsp = 0;
  std::atomic<g*> alllink{nullptr};  // next on allgs (never unlinked: Gs are reused, not freed)
  uintptr startpc = 0;  // the user function the goroutine runs (tracebacks of one that never ran)
};

// Every G ever made but the g0s (Go: allgs), in creation order, for GOTRACEBACK=all. A
// lock-free append-only list, so that a signal handler can walk it whatever the interrupted
// code holds; a reader racing with an append may stop one G short, never go astray.
extern std::atomic<g*> allgs;
void allgadd(g* gp);

struct m {
  g* g0 = nullptr;              // M_G0
  g* curg = nullptr;            // M_CURG: the user goroutine running, if any
  p* p = nullptr;               // attached P, if any
  runtime::p* nextp = nullptr;  // P to acquire when woken
  int64 id = 0;
  m* schedlink = nullptr;  // next on the idle M list
  m* alllink = nullptr;    // next on allm
  note park;               // an idle M sleeps here
  g* lockedg = nullptr;    // LockOSThread
  uint32 lockedExt = 0;    // LockOSThread calls of the program not yet undone (Go: lockedExt)
  uint32 lockedInt = 0;    // the runtime's own lockOSThread nesting (Go: lockedInt)
  bool spinning = false;   // looking for work without having found any
  void (*mstartfn)() = nullptr;
  bool (*waitunlockf)(g*, void*) = nullptr;  // gopark's callback, run on g0
  void* waitlock = nullptr;
  uint64 procid = 0;     // the kernel's thread id
  g* gsignal = nullptr;  // its stack is this thread's alternate signal stack (mpreinit, minit)
  bool blocksSignals = false;  // runs no goroutine (sysmon): every asynchronous signal blocked
  runtime::p* oldp = nullptr;  // the P this M held when its goroutine entered a system call
};

constexpr int runqSize = 256;

enum pstatus : uint32 {
  Pidle,     // on the idle list
  Prunning,  // owned by an M
  Psyscall,  // its M's goroutine is in a system call; p.m is null and sysmon may take it
  Pgcstop,   // stopped for stop-the-world (GOMAXPROCS change)
  Pdead,     // beyond GOMAXPROCS
};

struct p {
  int32 id = 0;
  std::atomic<uint32> status{Pidle};
  p* link = nullptr;  // next on the idle P list
  m* m = nullptr;     // the M that owns this P, if any
  uint64 schedtick = 0;
  // Incremented on every system call's exit and on every retake: sysmon compares it between
  // two of its ticks to tell one long call from several short ones.
  std::atomic<uint32> syscalltick{0};
  uint32 sysmonSyscalltick = ~0u;  // syscalltick when sysmon last saw the P in a system call
  // The local run queue: lock-free; only the owner P puts, anyone may take (runq.h).
  std::atomic<uint32> runqhead{0};
  std::atomic<uint32> runqtail{0};
  std::atomic<g*> runnext{nullptr};  // the next goroutine to run, ahead of runq
  // Dead goroutines kept for reuse with their stacks.
  g* gfree = nullptr;
  int32 gfreecnt = 0;
  // Timers (timer.cpp): a 4-ary min-heap on timer.when, under timersLock. The counts and
  // the earliest times are also read without the lock: timer0When is the first timer's
  // when (0: none), timerModifiedEarliest the earliest when a timer was moved to (0: none).
  mutex timersLock;
  timer** timers = nullptr;
  int32 timersLen = 0;
  int32 timersCap = 0;
  std::atomic<uint32> numTimers{0};
  std::atomic<uint32> deletedTimers{0};  // stopped timers still in the heap
  std::atomic<int64> timer0When{0};
  std::atomic<int64> timerModifiedEarliest{0};
  // Last, and not initialized here (fixalloc's memory is zeroed): a new P touches only the
  // page of its header, not the 2 KiB of slots it has not used yet.
  g* runq[runqSize];
};

// prefetchG: start loading, for writing, the cache lines of gp and of the 128 bytes below it
// (on a G that heads its own stack, the closure and the frame gogo starts from). A G is one
// page apart from the next, so a run of goroutines started or run back to back misses the
// cache at each; the scheduler calls this on a G it will take two goroutines from now (one
// ahead leaves too little time for the miss), while it runs the current one. A prefetch never
// faults, whatever lies below a G that is not on its stack.
inline void prefetchG(const g* gp) {
  const char* base = reinterpret_cast<const char*>(gp);
  for (int off = -128; off < int(sizeof(g)); off += 64) __builtin_prefetch(base + off, 1, 3);
}

// The global run queue: a ring of pointers, grown by doubling (pushBack is in runq.cpp). Not
// linked through the Gs, as Go's is: a G sits at the top of its own stack, one page apart
// from the next, so walking a list of them would miss the cache and the TLB at every step,
// and a P takes up to 128 at once. The ring keeps its pointers together; a G's own page is
// first touched again when the G runs. Not concurrency-safe by itself (sched.lock).
struct gRing {
  g** slots = nullptr;  // capacity slots, a power of two; head indexes the oldest
  uint32 capacity = 0;
  uint32 head = 0;
  uint32 size = 0;
  static constexpr uint32 keptCapacity = 1024;  // a larger ring is freed when it drains
  bool empty() const { return size == 0; }
  void pushBack(g* gp);
  g* pop() {
    if (size == 0) return nullptr;
    g* gp = slots[head];
    head = (head + 1) & (capacity - 1);
    if (--size == 0 && capacity > keptCapacity) release();
    return gp;
  }
  // Give a drained ring's memory back: a burst of a million new goroutines needs 8 MB of
  // slots, which would otherwise stay resident for the rest of the program.
  void release();
};

struct schedt {
  mutex lock;
  std::atomic<uint64> goidgen{0};
  m* midle = nullptr;  // idle Ms waiting for work
  int32 nmidle = 0;
  int32 nmidlelocked = 0;
  int64 mnext = 0;  // number of Ms created, and the next M id
  int32 maxmcount = 0;
  int32 nmsys = 0;  // system Ms (sysmon) not counted for deadlock
  // Threads the runtime did not start that have not ended (std::thread, pthread_create):
  // any of them may yet make a goroutine runnable, so while one lives there is no deadlock.
  std::atomic<int32> nforeign{0};
  p* pidle = nullptr;
  std::atomic<int32> npidle{0};
  std::atomic<int32> nmspinning{0};
  gRing runq;          // the global run queue
  int32 runqsize = 0;  // runq.size, read without sched.lock by those who only peek
  mutex gflock;        // the global free G list
  g* gfree = nullptr;
  int32 ngfree = 0;
  std::atomic<int32> ngsys{0};       // system goroutines
  std::atomic<uint32> gcwaiting{0};  // stop-the-world requested
  int32 stopwait = 0;
  note stopnote;
  std::atomic<uint32> sysmonwait{0};  // sysmon sleeps on sysmonnote: nothing to do
  note sysmonnote;
};

static_assert(offsetof(g, sched) + offsetof(gobuf, sp) == G_SCHED_SP);
static_assert(offsetof(g, stk) + offsetof(stack, lo) == G_STACK_LO);
static_assert(offsetof(g, stk) + offsetof(stack, hi) == G_STACK_HI);
static_assert(offsetof(g, m) == G_M);
static_assert(offsetof(m, g0) == M_G0);
static_assert(offsetof(m, curg) == M_CURG);
// The saved context (asm_offsets.h): whole words, with the frame pointer and the return
// address inside it. On arm64 they are a frame record ([fp], [fp+8]), and sp, which mcall
// lowers and gogo raises by CTX_SIZE, must stay 16-byte aligned.
static_assert(CTX_FP % sizeof(uintptr) == 0 && CTX_PC % sizeof(uintptr) == 0 &&
              CTX_FP + sizeof(uintptr) <= CTX_SIZE && CTX_PC + sizeof(uintptr) <= CTX_SIZE);
#if defined(__aarch64__)
static_assert(CTX_PC == CTX_FP + 8 && CTX_SIZE % 16 == 0);
#endif

// The current goroutine, in a thread-local slot that rt0_go checks before anything uses it.
// (__thread, not thread_local: no C++ dynamic-initialization wrapper on the hot path.)
extern "C" __thread g* runtime_g __attribute__((tls_model("initial-exec")));
inline g* getg() { return runtime_g; }
inline void setg(g* gp) { runtime_g = gp; }

extern schedt sched;
extern m m0 asm("runtime.m0");
extern g g0 asm("runtime.g0");
extern m* allm;
extern p** allp;
extern int32 gomaxprocs;
extern int32 ncpu;
extern int64 runtimeInitTime;

}  // namespace runtime
