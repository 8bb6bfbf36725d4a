// stack.cpp — goroutine stacks (Go: stack.go).
//
// Stacks never move or grow: C++ keeps raw pointers into its frames. So every goroutine gets,
// when it starts, the whole stack it may ever use, reserved but not committed: the kernel
// backs a page on first touch, and a 64 KiB stack whose goroutine uses 3 KiB costs one page.
// Below every stack is a guard: running off the end faults (signal_unix.cpp reports "stack
// overflow") instead of writing into a neighbour. Code is built with stack-clash probes, so a
// frame larger than the guard touches it too.
//
// Guard pages. On Linux 6.13 and later, madvise(MADV_GUARD_INSTALL) turns pages of a mapping
// into guard pages without splitting it: the stacks of a chunk stay one VMA, and a million
// goroutines fit under vm.max_map_count. Older kernels lack it, and a PROT_NONE page
// (mprotect) is a VMA of its own that splits its neighbour too: two per stack. There the
// runtime counts its stacks against vm.max_map_count, keeps an eighth of the limit for the
// rest of the program, and refuses the goroutine that would exceed it with a fatal error that
// names the limit, rather than run without a guard. GODEBUG=stackmprotect=1 forces that mode
// (tests use it). The mode is chosen at the first guard, the main goroutine's, at start-up,
// and MADV_GUARD_INSTALL only when that guard is seen to fault (guardFaults: an emulator
// such as qemu-user accepts the advice and ignores it).
//
// Goroutines of the default size (the pool). Their stacks are mapped in chunks of 1, 2, 4 ...
// up to 64, with all the chunk's guards installed by one process_madvise call. The G lives
// in the top bytes of its own stack mapping (stk.hi is its address), so a new goroutine's G,
// its closure (gocc::go puts it there) and its first frames share one page: a blocked
// goroutine costs 4 KiB of memory. The G never leaves that stack: a dead G is pooled with it
// and the pair reused whole. Each P caches up to 32 dead Gs (no shared lock on the hot path:
// its cache lock is contended only by the scavenger); the overflow goes to the global pool.
//
// Scavenging. The pool keeps three lists: young (pooled since the scavenger's last run), old
// (idle since before it) and clean (scavenged). Each run of the scavenger (mgc.cpp, woken by
// sysmon at most once a second while the pool holds memory) moves the P caches to young,
// gives the memory of the old stacks back to the OS with madvise(MADV_DONTNEED) — all but the
// top page, which holds the dead G, still on allgs — and makes young the new old. So a stack
// idle for one to two seconds is released; a reused scavenged stack faults its pages in again.
//
// Other sizes (gocc::stack_size) are a mapping each, with a guard page, unmapped when their
// goroutine ends; their G comes from the G free lists (proc.cpp) as usual. The main
// goroutine's stack is as large as the main thread's would be (mainstackalloc).
#include "stack.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "lock_futex.h"
#include "malloc.h"
#include "os_linux.h"
#include "print.h"
#include "proc.h"
#include "runtime1.h"
#include "traceback.h"

namespace runtime {

constinit std::atomic<uintptr> maxstacksize{defaultMaxStack};

namespace {

#ifndef MADV_GUARD_INSTALL
#define MADV_GUARD_INSTALL 102
#endif

enum guardMode : int32 {
  guardUnknown,   // before the first stack
  guardMadvise,   // MADV_GUARD_INSTALL: guards cost no VMA
  guardMprotect,  // PROT_NONE pages: two VMAs per stack, counted against vm.max_map_count
};

constinit struct {
  guardMode mode = guardUnknown;
  int pidfd = -1;                  // for process_madvise on ourselves
  bool batch = true;               // process_madvise accepts MADV_GUARD_INSTALL
  std::atomic<int64> vmStacks{0};  // guardMprotect: stacks mapped (each costs two VMAs)
  int64 vmStackLimit = 0;          // guardMprotect: how many may be
  int64 maxMapCount = 0;
} guards;

// The bytes the G takes at the top of a default stack's mapping.
constexpr uintptr gSlot = (sizeof(g) + 63) & ~uintptr(63);
constexpr int32 maxChunkStacks = 64;
constexpr int32 cacheMax = 32;     // a P's cache hands half to the pool beyond this
constexpr int32 maxCaches = 1024;  // one per possible P (GOMAXPROCS is at most 1024)

// A growable array of Gs. The pool keeps pointers in arrays, not linked through the Gs: each
// G sits in a page of its own, and walking a list of them would miss the cache (and the TLB)
// at every step while holding the pool's lock.
struct gvec {
  g** v = nullptr;
  int64 n = 0, cap = 0;
  void push(g* gp) {
    if (n == cap) grow();
    v[n++] = gp;
  }
  void grow() {
    int64 ncap = cap ? cap * 2 : 1024;
    auto** nv = static_cast<g**>(sysAlloc(ncap * sizeof(g*)));
    if (n) memcpy(nv, v, n * sizeof(g*));
    if (v) sysFree(v, cap * sizeof(g*));
    v = nv;
    cap = ncap;
  }
};

constinit struct {
  mutex lock;
  gvec young;                    // pooled since the scavenger's last run
  gvec old;                      // idle since before it: released at its next run
  gvec clean;                    // released: only the top page (the G) is resident
  std::atomic<int64> ndirty{0};  // young.n + old.n, for sysmon without the lock
  uintptr freshNext = 0;         // unused stack blocks of the newest chunk: [freshNext, freshEnd)
  uintptr freshEnd = 0;
  int32 chunkStacks = 1;  // the next chunk's size, doubling up to maxChunkStacks
} pool;

struct alignas(64) stackcache {
  mutex lock;
  std::atomic<int32> n{0};
  g* slot[cacheMax] = {};
};
constinit stackcache caches[maxCaches];
constinit std::atomic<int32> ncaches{0};  // caches[0, ncaches) have been used

uintptr pageRound(uintptr n) { return (n + physPageSize - 1) & ~(physPageSize - 1); }
uintptr blockSize() { return physPageSize + defaultStackSize; }  // guard + stack

int64 readMaxMapCount() {
  int fd = open("/proc/sys/vm/max_map_count", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 65530;  // the kernel's default
  char buf[32];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  int64 v = 0;
  for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; i++) v = v * 10 + (buf[i] - '0');
  return v > 0 ? v : 65530;
}

void useMprotect() {
  guards.mode = guardMprotect;
  guards.maxMapCount = readMaxMapCount();
  guards.vmStackLimit = (guards.maxMapCount - guards.maxMapCount / 8) / 2;
}

// guardMprotect: account for n more stacks, or refuse with Go's kind of message.
void reserveVMAs(int64 n) {
  if (guards.mode != guardMprotect) return;
  if (guards.vmStacks.fetch_add(n) + n <= guards.vmStackLimit) return;
  print("runtime: program exceeds ", guards.vmStackLimit,
        "-goroutine limit: each goroutine stack's guard page is a memory mapping of its own on "
        "this kernel (no MADV_GUARD_INSTALL), and vm.max_map_count is ",
        guards.maxMapCount, "\n");
  fatal("goroutine stack exhaustion");
}

void releaseVMAs(int64 n) {
  if (guards.mode == guardMprotect) guards.vmStacks.fetch_sub(n);
}

[[noreturn]] void stackOOM(uintptr n) {
  print("runtime: cannot allocate ", n, "-byte goroutine stack (errno ", errno, ")\n");
  throw_("out of memory");
}

// Map n bytes of stack (goroutine stacks: huge pages off; the main goroutine's is treated as
// the kernel treats a main thread's stack).
void* stackmap(uintptr n, bool noHugePages) {
  void* v = mmap(nullptr, n, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (v == MAP_FAILED) stackOOM(n);
  // A huge page would make a touched stack page cost 2 MiB. MAP_STACK implies this from
  // Linux 6.7 on; a mapping smaller than a huge page cannot get one, and needs no call.
  if (noHugePages && n >= (2 << 20)) madvise(v, n, MADV_NOHUGEPAGE);
  return v;
}

// Does the guard just installed at v fault? A kernel that knows MADV_GUARD_INSTALL makes a
// system call that writes there fail with EFAULT. An emulator may accept the advice and do
// nothing (qemu-user 7.2 returns 0 for advice it does not know, as madvise is only a hint),
// and then the call succeeds, writing into the page, which is still ordinary memory: a
// stack overflow would run on into the neighbouring stack unseen, so the runtime must use
// mprotect there. One system call, once, at start-up.
bool guardFaults(void* v) {
  return syscall(SYS_clock_gettime, CLOCK_MONOTONIC, v) != 0 && errno == EFAULT;
}

void guardOne(uintptr addr, uintptr n) {
  void* v = reinterpret_cast<void*>(addr);
  if (guards.mode == guardUnknown) {
    if (debug.stackmprotect <= 0 && madvise(v, n, MADV_GUARD_INSTALL) == 0 && guardFaults(v)) {
      guards.mode = guardMadvise;
      return;
    }
    useMprotect();
  } else if (guards.mode == guardMadvise) {
    if (madvise(v, n, MADV_GUARD_INSTALL) == 0) return;
    throw_("runtime: cannot install stack guard pages");
  }
  if (mprotect(v, n, PROT_NONE) != 0) throw_("runtime: cannot protect stack guard page");
}

// Install the guard page of each of the n stack blocks from base.
void guardBlocks(uintptr base, int32 n) {
  if (guards.mode == guardMadvise && guards.batch && n > 1) {
    if (guards.pidfd < 0) guards.pidfd = int(syscall(SYS_pidfd_open, getpid(), 0));
    iovec iov[maxChunkStacks];
    for (int32 i = 0; i < n; i++)
      iov[i] = {reinterpret_cast<void*>(base + i * blockSize()), physPageSize};
    long r = guards.pidfd >= 0
                 ? syscall(SYS_process_madvise, guards.pidfd, iov, n, MADV_GUARD_INSTALL, 0)
                 : -1;
    if (r == long(n * physPageSize)) return;
    guards.batch = false;  // one call per guard from now on (and for any the call missed)
  }
  for (int32 i = 0; i < n; i++) guardOne(base + i * blockSize(), physPageSize);
}

// A new G at the top of the stack block at base.
g* gInBlock(uintptr base) {
  uintptr top = base + blockSize() - gSlot;
  g* gp = new (reinterpret_cast<void*>(top)) g;
  gp->stk = stack{base + physPageSize, top};
  gp->atomicstatus.store(Gdead);  // tracebacks skip it until it is runnable
  allgadd(gp);
  return gp;
}

// The next unused stack block, mapping a chunk if none is left. pool.lock held.
uintptr freshBlock() {
  if (pool.freshNext == pool.freshEnd) {
    int32 n = pool.chunkStacks;
    reserveVMAs(n);
    uintptr base = uintptr(stackmap(n * blockSize(), true));
    guardBlocks(base, n);
    pool.freshNext = base;
    pool.freshEnd = base + n * blockSize();
    if (pool.chunkStacks < maxChunkStacks) pool.chunkStacks *= 2;
  }
  uintptr b = pool.freshNext;
  pool.freshNext += blockSize();
  return b;
}

// Take up to max Gs from the pool into out, the most recently pooled first (their memory is
// likeliest to be warm). pool.lock held.
int32 takeLocked(g** out, int32 max) {
  int32 k = 0;
  for (gvec* v : {&pool.young, &pool.old}) {
    while (k < max && v->n > 0) out[k++] = v->v[--v->n];
  }
  pool.ndirty.fetch_sub(k, std::memory_order_relaxed);
  while (k < max && pool.clean.n > 0) out[k++] = pool.clean.v[--pool.clean.n];
  return k;
}

void giveLocked(g* const* gs, int32 k) {
  for (int32 i = 0; i < k; i++) pool.young.push(gs[i]);
  pool.ndirty.fetch_add(k, std::memory_order_relaxed);
}

stackcache* cacheOf(p* pp) {
  stackcache* c = &caches[pp->id];
  int32 used = ncaches.load(std::memory_order_relaxed);
  while (pp->id >= used && !ncaches.compare_exchange_weak(used, pp->id + 1)) {
  }
  return c;
}

}  // namespace

// stackinit: check the stack geometry (stacks are mapped on demand and pooled on free).
extern "C" void stackinit() {
  if (defaultStackSize % physPageSize != 0 || gSlot >= physPageSize)
    throw_("stackinit: bad default stack size");
}

uintptr stackSizeFor(uintptr n) {
  if (n == 0) n = defaultStackSize;
  uintptr max = maxstacksize.load(std::memory_order_relaxed);
  if (n > max) n = max;
  if (n < minStackSize) n = minStackSize;
  return pageRound(n);
}

g* stackgget(p* pp) {
  stackcache* c = pp ? cacheOf(pp) : nullptr;
  if (c) {
    lock(&c->lock);
    int32 n = c->n.load(std::memory_order_relaxed);
    if (n == 0) {  // refill half the cache from the pool
      lock(&pool.lock);
      n = takeLocked(c->slot, cacheMax / 2);
      unlock(&pool.lock);
    }
    g* gp = n > 0 ? c->slot[--n] : nullptr;
    if (n > 1) prefetchG(c->slot[n - 2]);  // for a goroutine started soon
    c->n.store(n, std::memory_order_relaxed);
    unlock(&c->lock);
    if (gp) return gp;
  }
  g* gp = nullptr;
  lock(&pool.lock);
  uintptr fresh = takeLocked(&gp, 1) ? 0 : freshBlock();
  unlock(&pool.lock);
  return gp ? gp : gInBlock(fresh);
}

void stackgput(p* pp, g* gp) {
  if (!pp) {
    lock(&pool.lock);
    giveLocked(&gp, 1);
    unlock(&pool.lock);
    wakeSysmon();
    return;
  }
  stackcache* c = cacheOf(pp);
  lock(&c->lock);
  int32 n = c->n.load(std::memory_order_relaxed);
  if (n == cacheMax) {  // hand the older half to the pool
    lock(&pool.lock);
    giveLocked(c->slot, cacheMax / 2);
    unlock(&pool.lock);
    memmove(c->slot, c->slot + cacheMax / 2, (cacheMax / 2) * sizeof(g*));
    n = cacheMax / 2;
  }
  c->slot[n++] = gp;
  c->n.store(n, std::memory_order_relaxed);
  unlock(&c->lock);
  if (n == 1) wakeSysmon();  // it sleeps while no stack waits for the scavenger
}

stack stackalloc(uintptr n) {
  n = pageRound(n);
  reserveVMAs(1);
  uintptr base = uintptr(stackmap(n + physPageSize, true));
  guardOne(base, physPageSize);
  return stack{base + physPageSize, base + physPageSize + n};
}

void stackfree(stack stk) {
  munmap(reinterpret_cast<void*>(stk.lo - physPageSize), stk.hi - stk.lo + physPageSize);
  releaseVMAs(1);
}

stack mainstackalloc() {
  // As large as the main thread's stack would be: RLIMIT_STACK, or Go's 1 GB cap when it is
  // unlimited (the kernel would let the main thread grow until it met another mapping). An
  // absurdly small limit gets 8 MiB: the runtime's own start-up needs more than a few pages.
  uintptr size = defaultMaxStack;
  struct rlimit rl;
  if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
    size = rl.rlim_cur >= (256 << 10) ? rl.rlim_cur : (8 << 20);
  size = pageRound(size);
  uintptr base = uintptr(stackmap(size + mainStackGuard, false));
  // The 1 MiB gap is PROT_NONE in either guard mode: one memory area more, for this stack
  // only, where MADV_GUARD_INSTALL would write 256 page-table entries (measured: ~8 µs of a
  // ~0.8 ms start-up, against ~1 µs). The mode is chosen at the first goroutine stack.
  if (mprotect(reinterpret_cast<void*>(base), mainStackGuard, PROT_NONE) != 0)
    throw_("runtime: cannot protect the main goroutine's stack guard");
  return stack{base + mainStackGuard, base + mainStackGuard + size};
}

uintptr stackLimit(const g* gp) {
  return stackHoldsG(gp) ? defaultStackSize : gp->stk.hi - gp->stk.lo;
}

uintptr stackscavenge() {
  // The P caches join the young list: their stacks are released at the run after this one.
  int32 n = ncaches.load();
  for (int32 i = 0; i < n; i++) {
    stackcache* c = &caches[i];
    if (c->n.load(std::memory_order_relaxed) == 0) continue;
    lock(&c->lock);
    lock(&pool.lock);
    giveLocked(c->slot, c->n.load(std::memory_order_relaxed));
    unlock(&pool.lock);
    c->n.store(0, std::memory_order_relaxed);
    unlock(&c->lock);
  }
  // Young becomes old; the old ones, idle since the last run, are released here. The pool
  // lock is not held while releasing: they are off every list meanwhile.
  lock(&pool.lock);
  gvec idle = pool.old;
  pool.old = pool.young;
  pool.young = gvec{};
  pool.ndirty.fetch_sub(idle.n, std::memory_order_relaxed);
  unlock(&pool.lock);

  uintptr released = 0;
  for (int64 i = 0; i < idle.n; i++) {
    g* gp = idle.v[i];
    uintptr topPage = gp->stk.hi & ~(physPageSize - 1);
    madvise(reinterpret_cast<void*>(gp->stk.lo), topPage - gp->stk.lo, MADV_DONTNEED);
    released += topPage - gp->stk.lo;
  }
  lock(&pool.lock);
  for (int64 i = 0; i < idle.n; i++) pool.clean.push(idle.v[i]);
  unlock(&pool.lock);
  if (idle.v) sysFree(idle.v, idle.cap * sizeof(g*));
  return released;
}

uintptr stackpoolIdleBytes() {
  int64 stacks = pool.ndirty.load(std::memory_order_relaxed);
  int32 n = ncaches.load(std::memory_order_relaxed);
  for (int32 i = 0; i < n; i++) stacks += caches[i].n.load(std::memory_order_relaxed);
  return uintptr(stacks) * defaultStackSize;
}

}  // namespace runtime
