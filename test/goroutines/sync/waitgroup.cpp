// gocc::sync::WaitGroup: Wait returns once the 50 goroutines counted with Add have called
// Done, and not before (each has marked its slot); Wait on a zero counter returns at once;
// several goroutines may Wait together; a negative counter throws gocc::sync::Error with
// Go's panic text, which ends the program as Go's panic does when nothing catches it.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
// RUN: bash -c '%t negative 2>&1; echo status=$?' | FileCheck %s --check-prefix=NEGATIVE
#include <gocc/go.h>
#include <gocc/sync.h>

#include <atomic>
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "negative") == 0) {
    gocc::sync::WaitGroup wg;
    wg.Add(1);
    wg.Done();
    wg.Done();
    // NEGATIVE: panic: sync: negative WaitGroup counter
    // NEGATIVE-EMPTY:
    // NEGATIVE-NEXT: goroutine 1 [running]:
    // NEGATIVE-NEXT: gocc::sync::WaitGroup::Add(int)
    // NEGATIVE-NEXT: sync.cpp:{{[0-9]+}} +0x
    // NEGATIVE-NEXT: gocc::sync::WaitGroup::Done()
    // NEGATIVE-NEXT: sync.cpp:{{[0-9]+}} +0x
    // NEGATIVE-NEXT: main
    // NEGATIVE-NEXT: waitgroup.cpp:[[@LINE-9]] +0x
    // NEGATIVE: status=2
  }

  constexpr int n = 50;
  std::atomic<int> finished[n] = {};
  gocc::sync::WaitGroup wg;
  wg.Add(n);
  for (int i = 0; i < n; i++)
    gocc::go([&, i] {
      finished[i].store(1);
      wg.Done();
    });
  wg.Wait();
  int count = 0;
  for (auto& f : finished) count += f.load();
  printf("finished before Wait returned: %d\n", count);
  // CHECK: finished before Wait returned: 50

  wg.Wait();
  printf("Wait on zero returns\n");
  // CHECK-NEXT: Wait on zero returns

  // Three waiters, one release.
  gocc::sync::WaitGroup gate, waiters;
  gate.Add(1);
  waiters.Add(3);
  std::atomic<int> released{0};
  for (int i = 0; i < 3; i++)
    gocc::go([&] {
      gate.Wait();
      released++;
      waiters.Done();
    });
  gocc::go([&] { gate.Done(); });
  waiters.Wait();
  printf("waiters released: %d\n", released.load());
  // CHECK-NEXT: waiters released: 3

  try {
    gocc::sync::WaitGroup bad;
    bad.Add(-1);
  } catch (const gocc::sync::Error& e) {
    printf("caught: %s\n", e.what());
    // CHECK-NEXT: caught: sync: negative WaitGroup counter
  }
}
