// N goroutines blocked in a channel receive: each costs one page of memory (4096 bytes of
// RSS: its G, its closure and its first frames share the top page of its stack), with
// guard pages that cost no memory mapping each (MADV_GUARD_INSTALL), so 1,000,000 of them fit
// under vm.max_map_count. The figure is VmRSS after minus before, over N; the allowance above
// one page is the runtime's fixed cost (a thread's stack, the pool's arrays) spread over N.
// Then all are woken, and all finish.
// With GODEBUG=stackmprotect=1 (the guard pages of kernels without MADV_GUARD_INSTALL: two
// mappings per stack), 20,000 still work, and too many for vm.max_map_count is a fatal error
// that names the limit, before any mapping fails.
// RUN: %gocc build -o %t %s
// RUN: %t 100000 | FileCheck %s
// RUN: %t 1000000 | FileCheck %s
// RUN: env GODEBUG=stackmprotect=1 %t 20000 | FileCheck %s
// RUN: bash -c 'env GODEBUG=stackmprotect=1 GOTRACEBACK=none %t 100000 2>&1; echo status=$?' \
// RUN:   | FileCheck %s --check-prefix=LIMIT
// LIMIT: runtime: program exceeds {{[0-9]+}}-goroutine limit: each goroutine stack's guard page is a memory mapping of its own on this kernel (no MADV_GUARD_INSTALL), and vm.max_map_count is {{[0-9]+}}
// LIMIT-NEXT: fatal error: goroutine stack exhaustion
// LIMIT-NOT: blocked:
// LIMIT: status=2
// CHECK: blocked: {{[0-9]+}} goroutines
// CHECK-NEXT: rss per goroutine within one page: yes
// CHECK-NEXT: finished: all
#include <gocc/chan.h>
#include <gocc/go.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "Inputs/proc-status.h"

std::atomic<long> started{0}, finished{0};

int main(int argc, char** argv) {
  long n = std::atol(argv[1]);
  gocc::chan<int> block(0);
  gocc::chan<int> ready(1);
  long rss0 = statusKB("VmRSS"), pte0 = statusKB("VmPTE");
  auto t0 = std::chrono::steady_clock::now();
  for (long i = 0; i < n; i++) {
    gocc::go([=] {
      int v = 1;
      if (started.fetch_add(1) + 1 == n) ready.send(v);
      v = block.recv();
      if (finished.fetch_add(1) + 1 == n) ready.send(v);
    });
  }
  int v = ready.recv();
  auto t1 = std::chrono::steady_clock::now();
  long rss1 = statusKB("VmRSS"), pte1 = statusKB("VmPTE");
  double per = (rss1 - rss0) * 1024.0 / n;
  std::printf("blocked: %ld goroutines\n", n);
  std::printf("rss per goroutine within one page: %s\n", per <= 4096 + 64 ? "yes" : "no");
  std::fprintf(stderr, "rss per goroutine %.1f bytes, page tables %.1f bytes, %.0f ns each\n", per,
               (pte1 - pte0) * 1024.0 / n,
               std::chrono::duration<double, std::nano>(t1 - t0).count() / n);
  for (long i = 0; i < n; i++) block.send(v);
  v = ready.recv();
  std::printf("finished: %s\n", finished.load() == n ? "all" : "not all");
}
