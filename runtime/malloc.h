// malloc.h — the runtime's memory for its own objects (Go: malloc.go, mfixalloc.go), and
// the allocation statistics that GODEBUG=inittrace reports.
#pragma once
#include "lock_futex.h"
#include "runtime2.h"

namespace runtime {

// mallocinit: check what the allocators assume of the machine and set up the fixallocs, from
// schedinit (Go: mallocinit).
extern "C" void mallocinit() GO_NAME(mallocinit);

// Memory straight from the OS, page-granular, zeroed.
void* sysAlloc(size_t n);
void sysFree(void* v, size_t n);

// persistentalloc: memory that is never freed (allp, the runtime's tables), bump-allocated
// from a static 64 KiB chunk, then from 256 KiB mappings. Zeroed. Thread-safe.
void* persistentalloc(size_t size, size_t align);

// fixalloc: a free-list allocator of fixed-size objects (G, M, P, stack spans) on top of
// persistentalloc. Freed objects are reused, never returned to the OS. Thread-safe.
struct fixalloc {
  size_t size = 0;
  void* list = nullptr;  // free objects, linked through their first word
  uint64 inuse = 0;      // bytes in use
  mutex mu;
  void init(size_t objsize);
  void* alloc();  // zeroed
  void free(void* p);
};

extern fixalloc gcache;  // G structs
extern fixalloc mcache;  // M structs
extern fixalloc pcache;  // P structs

// GODEBUG=inittrace: while active, the C library allocations (malloc, operator new, ...)
// made by the goroutine running an init task are counted here.
struct initTrace {
  std::atomic<bool> active{false};
  g* traced = nullptr;
  uint64 bytes = 0;
  uint64 allocs = 0;
};
extern initTrace inittrace;

}  // namespace runtime
