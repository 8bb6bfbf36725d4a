// malloc.cpp — memory for the runtime's own objects, and allocation accounting.
//
// User C++ allocates through glibc's malloc; a garbage-collected heap has no place in a C++
// program, so gocc has no mheap. What the runtime itself needs — G, M and P structs, stack
// spans, allp — comes from the two simplest allocators of Go's runtime: persistentalloc
// (bump allocation, never freed) and fixalloc (free lists of one size on top of it).
// mallocinit checks the assumptions they rest on and prepares the fixallocs.
//
// The process's malloc, calloc, realloc and the aligned variants are interposed here, so that
// GODEBUG=inittrace can report the bytes and allocations of each init task as Go does. They
// forward to the allocator the program would have without the runtime: the next definition
// after the executable's in the dynamic linker's lookup order (dlsym(RTLD_NEXT)), which is
// an allocator given with LD_PRELOAD or linked in (jemalloc, tcmalloc, mimalloc...) if there
// is one, and glibc's otherwise. (Forwarding to glibc's directly would mix two heaps: memory
// from the executable's malloc would go to glibc, while malloc_usable_size, strdup and other
// libraries' calls reached the other allocator.) They are weak: a program that links its
// own malloc statically keeps it, and inittrace then reports 0 bytes, 0 allocs.
#include "malloc.h"

#include <dlfcn.h>
#include <link.h>
#include <sys/mman.h>

#include <cerrno>
#include <cstring>

#include "libc_next.h"
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

#ifndef GOCC_LIBRARY  // a library interposes no libc function (docs/ports.md)
using runtime::inittrace;

// glibc's own entry points, under the names that stay glibc's whatever the executable defines.
extern "C" {
void* __libc_malloc(size_t);
void __libc_free(void*);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void* __libc_memalign(size_t, size_t);
}

namespace {
// posix_memalign has no __libc_ name: glibc's checks, then its memalign.
int glibcPosixMemalign(void** out, size_t align, size_t n) {
  if (align % sizeof(void*) != 0 || (align & (align - 1)) != 0 || align == 0) return EINVAL;
  void* p = __libc_memalign(align, n);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}

inline void countAlloc(size_t n) {
  if (__builtin_expect(inittrace.active.load(std::memory_order_relaxed), 0) &&
      runtime::getg() == inittrace.traced) {
    inittrace.bytes += n;
    inittrace.allocs++;
  }
}

// The next allocator's entry points, looked up on the first call of any of them. dlsym
// does not allocate when it succeeds, but should it (or anything it calls) come back here
// during the lookup, that thread is served from a small static buffer, whose blocks free
// ignores.
struct {
  void* (*malloc)(size_t);
  void (*free)(void*);
  void* (*calloc)(size_t, size_t);
  void* (*realloc)(void*, size_t);
  void* (*memalign)(size_t, size_t);
  void* (*aligned_alloc)(size_t, size_t);
  int (*posix_memalign)(void**, size_t, size_t);
} next;
std::atomic<bool> nextResolved{false};
thread_local bool resolving;

alignas(16) char bootstrapHeap[4096];
std::atomic<size_t> bootstrapUsed{0};

void* bootstrapAlloc(size_t n) {
  n = (n + 15) & ~size_t(15);
  size_t off = bootstrapUsed.fetch_add(n);
  if (off + n > sizeof bootstrapHeap) runtime::throw_("malloc: out of bootstrap memory");
  return bootstrapHeap + off;  // static: zeroed, as calloc needs
}
bool fromBootstrap(void* p) {
  return p >= static_cast<void*>(bootstrapHeap) &&
         p < static_cast<void*>(bootstrapHeap + sizeof bootstrapHeap);
}

// Whether glibc's is the next allocator for certain: no library is loaded but glibc's own
// (libc, libm, ld.so) and the vDSO, so nothing could define malloc between the executable and
// libc. Then its __libc_ names reach it without dlsym, which costs ~6 µs of every start.
bool onlyGlibcLoaded() {
  int others = 0;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* arg) {
        const char* path = info->dlpi_name;
        if (path[0] == '\0') return 0;  // the executable
        const char* base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        for (const char* glibc : {"libc.so.", "libm.so.", "ld-linux", "linux-vdso.so."})
          if (strncmp(base, glibc, strlen(glibc)) == 0) return 0;
        ++*static_cast<int*>(arg);
        return 0;
      },
      &others);
  return others == 0;
}

template <typename F>
void lookup(F& fn, const char* name) {
  fn = reinterpret_cast<F>(runtime::libcNext(name));
  if (!fn) runtime::throw_("malloc: no allocator after the executable's");
}

// False while this thread is looking the allocator up: use the bootstrap buffer.
bool haveNext() {
  if (__builtin_expect(nextResolved.load(std::memory_order_acquire), 1)) return true;
  if (resolving) return false;
  resolving = true;
  if (onlyGlibcLoaded()) {
    next = {__libc_malloc,   __libc_free,     __libc_calloc,     __libc_realloc,
            __libc_memalign, __libc_memalign, glibcPosixMemalign};
  } else {
    lookup(next.malloc, "malloc");
    lookup(next.free, "free");
    lookup(next.calloc, "calloc");
    lookup(next.realloc, "realloc");
    lookup(next.memalign, "memalign");
    lookup(next.aligned_alloc, "aligned_alloc");
    lookup(next.posix_memalign, "posix_memalign");
  }
  resolving = false;
  nextResolved.store(true, std::memory_order_release);
  return true;
}
}  // namespace

extern "C" {
__attribute__((weak)) GOCC_VISIBLE void* malloc(size_t n) {
  if (!haveNext()) return bootstrapAlloc(n);
  countAlloc(n);
  return next.malloc(n);
}
__attribute__((weak)) GOCC_VISIBLE void free(void* p) {
  if (fromBootstrap(p)) return;
  if (haveNext()) next.free(p);
}
__attribute__((weak)) GOCC_VISIBLE void* calloc(size_t n, size_t size) {
  if (!haveNext()) {
    size_t bytes;
    if (__builtin_mul_overflow(n, size, &bytes)) return nullptr;
    return bootstrapAlloc(bytes);
  }
  countAlloc(n * size);
  return next.calloc(n, size);
}
__attribute__((weak)) GOCC_VISIBLE void* realloc(void* p, size_t n) {
  if (!haveNext()) runtime::throw_("malloc: realloc during the allocator lookup");
  countAlloc(n);
  if (fromBootstrap(p)) {  // its size is unknown: copy what it may hold
    void* q = next.malloc(n);
    size_t room = size_t(bootstrapHeap + sizeof bootstrapHeap - static_cast<char*>(p));
    if (q) memcpy(q, p, n < room ? n : room);
    return q;
  }
  return next.realloc(p, n);
}
__attribute__((weak)) GOCC_VISIBLE void* memalign(size_t align, size_t n) {
  if (!haveNext()) runtime::throw_("malloc: memalign during the allocator lookup");
  countAlloc(n);
  return next.memalign(align, n);
}
__attribute__((weak)) GOCC_VISIBLE void* aligned_alloc(size_t align, size_t n) {
  if (!haveNext()) runtime::throw_("malloc: aligned_alloc during the allocator lookup");
  countAlloc(n);
  return next.aligned_alloc(align, n);
}
__attribute__((weak)) GOCC_VISIBLE int posix_memalign(void** out, size_t align, size_t n) {
  if (!haveNext()) runtime::throw_("malloc: posix_memalign during the allocator lookup");
  countAlloc(n);
  return next.posix_memalign(out, align, n);
}
}
#endif
