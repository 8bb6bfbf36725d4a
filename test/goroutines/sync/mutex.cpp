// gocc::sync::Mutex gives mutual exclusion among goroutines that park while they wait: 100
// goroutines add 1 to a plain int 2,000 times each under the mutex, and the total is exact,
// with one P (the waiters must park, or the holder would never run again) and with two
// (the holder and the waiters run at once). TryLock fails while the mutex is held and
// succeeds once it is free; a Mutex may be unlocked by a goroutine other than its locker.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
// RUN: env GOMAXPROCS=4 %t | FileCheck %s
#include <gocc/go.h>
#include <gocc/sync.h>

#include <cstdio>

gocc::sync::Mutex mu;  // a global: constant-initialized, no constructor runs
gocc::sync::WaitGroup wg;
int counter;        // guarded by mu
bool holderInside;  // guarded by mu: two holders at once would see each other

int main() {
  constexpr int goroutines = 100, rounds = 2000;
  int overlaps = 0;
  wg.Add(goroutines);
  for (int i = 0; i < goroutines; i++)
    gocc::go([&overlaps] {
      for (int j = 0; j < rounds; j++) {
        mu.Lock();
        if (holderInside) overlaps++;
        holderInside = true;
        counter++;
        holderInside = false;
        mu.Unlock();
      }
      wg.Done();
    });
  wg.Wait();
  printf("counter %d overlaps %d\n", counter, overlaps);
  // CHECK: counter 200000 overlaps 0

  printf("TryLock on a free mutex: %d\n", mu.TryLock());
  // CHECK-NEXT: TryLock on a free mutex: 1
  printf("TryLock on a held mutex: %d\n", mu.TryLock());
  // CHECK-NEXT: TryLock on a held mutex: 0

  // Unlocked by another goroutine, while main waits in Lock.
  gocc::go([] { mu.Unlock(); });
  mu.Lock();
  printf("locked after another goroutine unlocked it\n");
  // CHECK-NEXT: locked after another goroutine unlocked it
  mu.Unlock();
}
