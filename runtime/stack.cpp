// stack.cpp — goroutine stacks (Go: stack.go).
//
// Every goroutine stack is its own anonymous mapping with a PROT_NONE guard page below
// it, so running off the end faults instead of corrupting a neighbour. The main goroutine's
// guard is 1 MiB, as the gap the kernel keeps below the main thread's stack: the next
// mapping down is often another stack, and code built without stack-clash probes may skip
// more than a page in one frame. Mappings are reserved, not committed: the kernel backs
// pages on first touch, so a 64 KiB stack whose goroutine uses 3 KiB costs 3 KiB.
//
// Freed stacks of the fixed size go to the stack pool and are reused as they are (no
// syscall on the goroutine-creation path). The background scavenger (mgc.cpp) later hands
// the memory of pooled stacks back to the OS with madvise(MADV_DONTNEED); the mapping
// stays, so a reused scavenged stack just faults its pages in again.
//
// Stacks never move or grow: C++ keeps raw pointers into its frames.
#include "stack.h"

#include <sys/mman.h>
#include <sys/resource.h>

#include "lock_futex.h"
#include "malloc.h"
#include "os_linux.h"
#include "print.h"
#include "proc.h"

namespace runtime {

namespace {

struct stackspan {
  stackspan* next;
  uintptr lo, hi;
  bool scavenged;  // its pages were given back to the OS while pooled
};

struct {
  mutex lock;
  stackspan* free = nullptr;   // pooled stacks, most recently freed first
  stackspan* spare = nullptr;  // span records not describing any stack
  uintptr idleBytes = 0;       // pooled bytes still backed by memory
} stackpool;

fixalloc spancache;

// Map n usable bytes with guard bytes (whole pages) of PROT_NONE below.
stack stackmap(uintptr n, uintptr guard, bool noreserve) {
  int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK | (noreserve ? MAP_NORESERVE : 0);
  void* v = mmap(nullptr, n + guard, PROT_READ | PROT_WRITE, flags, -1, 0);
  if (v == MAP_FAILED) throw_("runtime: cannot allocate goroutine stack");
  if (mprotect(v, guard, PROT_NONE) != 0) throw_("runtime: cannot protect stack guard page");
  return stack{uintptr(v) + guard, uintptr(v) + guard + n};
}

void stackunmap(stack stk) {
  munmap(reinterpret_cast<void*>(stk.lo - physPageSize), stk.hi - stk.lo + physPageSize);
}

}  // namespace

// stackinit: set up the stack pool (empty: stacks are mapped on demand and pooled on free).
extern "C" void stackinit() {
  if (fixedStack % physPageSize != 0)
    throw_("stackinit: fixedStack is not a multiple of the page size");
  spancache.init(sizeof(stackspan));
}

stack stackalloc(uintptr n) {
  if (n != fixedStack)
    return stackmap((n + physPageSize - 1) & ~(physPageSize - 1), physPageSize, false);
  lock(&stackpool.lock);
  stackspan* s = stackpool.free;
  if (s) {
    stackpool.free = s->next;
    if (!s->scavenged) stackpool.idleBytes -= s->hi - s->lo;
    s->next = stackpool.spare;
    stackpool.spare = s;
    stack stk{s->lo, s->hi};
    unlock(&stackpool.lock);
    return stk;
  }
  unlock(&stackpool.lock);
  return stackmap(n, physPageSize, false);
}

void stackfree(stack stk) {
  if (stk.hi - stk.lo != fixedStack) {
    stackunmap(stk);
    return;
  }
  lock(&stackpool.lock);
  stackspan* s = stackpool.spare;
  if (s) {
    stackpool.spare = s->next;
  } else {
    unlock(&stackpool.lock);
    s = static_cast<stackspan*>(spancache.alloc());
    lock(&stackpool.lock);
  }
  s->lo = stk.lo;
  s->hi = stk.hi;
  s->scavenged = false;
  s->next = stackpool.free;
  stackpool.free = s;
  bool first = stackpool.idleBytes == 0;
  stackpool.idleBytes += stk.hi - stk.lo;
  unlock(&stackpool.lock);
  if (first) wakeSysmon();  // it sleeps while nothing waits for the scavenger
}

stack mainstackalloc() {
  // As large as the main thread's stack would be; RLIMIT_STACK unlimited or absurdly small
  // gets 8 MiB, as a main thread under a typical limit has.
  uintptr size = 8 << 20;
  struct rlimit rl;
  if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
      rl.rlim_cur >= (256 << 10))
    size = rl.rlim_cur;
  size = (size + physPageSize - 1) & ~(physPageSize - 1);
  return stackmap(size, mainStackGuard, true);
}

uintptr stackscavenge() {
  uintptr released = 0;
  lock(&stackpool.lock);
  for (stackspan* s = stackpool.free; s; s = s->next) {
    if (s->scavenged) continue;
    // Keep the top page: it holds the goroutine's first frames on reuse anyway.
    uintptr top = s->hi - physPageSize;
    if (madvise(reinterpret_cast<void*>(s->lo), top - s->lo, MADV_DONTNEED) == 0) {
      s->scavenged = true;
      released += s->hi - s->lo;
    }
  }
  stackpool.idleBytes -= released;
  unlock(&stackpool.lock);
  return released;
}

uintptr stackpoolIdleBytes() {
  lock(&stackpool.lock);
  uintptr n = stackpool.idleBytes;
  unlock(&stackpool.lock);
  return n;
}

}  // namespace runtime
