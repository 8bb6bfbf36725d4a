// malloc.cpp — memory for the runtime's own objects, and allocation accounting.
//
// User C++ allocates through glibc's malloc; a garbage-collected heap has no place in a C++
// program, so gocc has no mheap. What the runtime itself needs — G, M and P structs, stack
// spans, allp — comes from the two simplest allocators of Go's runtime: persistentalloc
// (bump allocation, never freed) and fixalloc (free lists of one size on top of it).
// mallocinit checks the assumptions they rest on and prepares the fixallocs.
//
// The process's malloc, calloc, realloc and the aligned variants are interposed here,
// forwarding to glibc's own (__libc_malloc & co.), so that GODEBUG=inittrace can report the
// bytes and allocations of each init task as Go does. They are weak: a program that brings
// its own malloc keeps it, and inittrace then reports 0 bytes, 0 allocs.
#include "malloc.h"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>

#include "os_linux.h"
#include "print.h"

namespace runtime {

fixalloc gcache;
fixalloc mcache;
fixalloc pcache;
initTrace inittrace;

void* sysAlloc(size_t n) {
  void* v = mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (v == MAP_FAILED) {
    print("runtime: cannot allocate ", n, "-byte block (errno ", errno, ")\n");
    throw_("out of memory");
  }
  return v;
}

void sysFree(void* v, size_t n) { munmap(v, n); }

namespace {
constexpr size_t persistentChunkSize = 256 << 10;

// The first chunk is static: the bootstrap allocates before anything else, and a chunk in
// .bss costs no system call. (Its pages, like a mapping's, are only faulted in as touched.)
// The linker script puts its section first in .bss, so that it does not split the other
// globals of .bss over more pages.
alignas(4096) __attribute__((section(".bss.gocc.persistent"))) char firstPersistentChunk[64 << 10];

struct {
  mutex lock;
  uintptr base = uintptr(firstPersistentChunk);
  size_t size = sizeof firstPersistentChunk;
  size_t off = 0;
} persistent;
}  // namespace

void* persistentalloc(size_t size, size_t align) {
  if (align == 0) align = 8;
  if ((align & (align - 1)) != 0 || align > physPageSize) throw_("persistentalloc: bad align");
  if (size >= persistentChunkSize / 4) return sysAlloc(size);  // big: its own mapping
  lock(&persistent.lock);
  size_t off = (persistent.off + align - 1) & ~(align - 1);
  if (off + size > persistent.size) {
    persistent.base = uintptr(sysAlloc(persistentChunkSize));
    persistent.size = persistentChunkSize;
    off = 0;
  }
  void* p = reinterpret_cast<void*>(persistent.base + off);
  persistent.off = off + size;
  unlock(&persistent.lock);
  return p;
}

void fixalloc::init(size_t objsize) {
  size = (objsize + 15) & ~size_t(15);  // keep every object 16-byte aligned
}

// Go's fixalloc carves 16 KiB chunks per object type. Here new objects come one at a time
// from persistentalloc's shared chunk instead, so the few Gs, Ms and Ps a program starts
// with share pages: every fresh page costs a page fault (about 1.6 µs on the machines we
// measure), and per-type chunks made a start touch three pages more.

void* fixalloc::alloc() {
  if (size == 0) throw_("fixalloc: used before mallocinit");
  lock(&mu);
  void* v;
  if (list) {
    v = list;
    list = *static_cast<void**>(v);
    memset(v, 0, size);
  } else {
    v = persistentalloc(size, 16);
  }
  inuse += size;
  unlock(&mu);
  return v;
}

void fixalloc::free(void* p) {
  lock(&mu);
  inuse -= size;
  *static_cast<void**>(p) = list;
  list = p;
  unlock(&mu);
}

// mallocinit: check what the allocators assume of the machine, then set up the fixallocs.
extern "C" void mallocinit() GO_NAME(mallocinit);
extern "C" void mallocinit() {
  if (physPageSize < 4096 || physPageSize > (64 << 10) || persistentChunkSize % physPageSize != 0) {
    print("runtime: physical page size (", physPageSize, ") is not supported\n");
    throw_("bad system page size");
  }
  gcache.init(sizeof(g));
  mcache.init(sizeof(m));
  pcache.init(sizeof(p));
}

}  // namespace runtime

using runtime::inittrace;

extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void* __libc_memalign(size_t, size_t);
void __libc_free(void*);
}

namespace {
inline void countAlloc(size_t n) {
  if (__builtin_expect(inittrace.active.load(std::memory_order_relaxed), 0) &&
      runtime::getg() == inittrace.traced) {
    inittrace.bytes += n;
    inittrace.allocs++;
  }
}
}  // namespace

extern "C" {
__attribute__((weak)) void* malloc(size_t n) {
  countAlloc(n);
  return __libc_malloc(n);
}
__attribute__((weak)) void free(void* p) { __libc_free(p); }
__attribute__((weak)) void* calloc(size_t n, size_t size) {
  countAlloc(n * size);
  return __libc_calloc(n, size);
}
__attribute__((weak)) void* realloc(void* p, size_t n) {
  countAlloc(n);
  return __libc_realloc(p, n);
}
__attribute__((weak)) void* memalign(size_t align, size_t n) {
  countAlloc(n);
  return __libc_memalign(align, n);
}
__attribute__((weak)) void* aligned_alloc(size_t align, size_t n) {
  if (align == 0 || (align & (align - 1)) != 0) {
    errno = EINVAL;
    return nullptr;
  }
  countAlloc(n);
  return __libc_memalign(align, n);
}
__attribute__((weak)) int posix_memalign(void** out, size_t align, size_t n) {
  if (align % sizeof(void*) != 0 || (align & (align - 1)) != 0 || align == 0) return EINVAL;
  countAlloc(n);
  void* p = __libc_memalign(align, n);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}
}
