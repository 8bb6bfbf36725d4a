// Go's starvation mode. A goroutine that has waited over 1 ms for a Mutex and is woken
// only to find it taken again switches the mutex to starvation mode: from then on Unlock
// hands the mutex straight to the first waiter, and a newcomer, even the goroutine that
// just unlocked it, cannot take it (TryLock fails) but queues behind. The waiter leaves
// starvation mode when it is the last waiter. With one P each step happens in a known
// order, which the output shows.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// With two Ps: a goroutine re-locks the mutex in a loop, holding it 1 ms each time, while
// the main goroutine asks for it 20 times; the waiter gets its 20 turns within a bound.
// RUN: env GOMAXPROCS=2 %t loop | FileCheck %s --check-prefix=LOOP
#include <gocc/go.h>
#include <gocc/sync.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <ctime>

int64_t now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void busy(int64_t ns) {
  for (int64_t end = now() + ns; now() < end;) {
  }
}

gocc::sync::Mutex mu;

void handoff() {
  gocc::sync::WaitGroup started, done;
  mu.Lock();
  started.Add(1);
  done.Add(1);
  gocc::go([&] {
    started.Done();
    mu.Lock();  // parks: main holds it
    printf("waiter has the lock\n");
    mu.Unlock();
    done.Done();
  });
  started.Wait();
  busy(2000000);  // the waiter has now waited over 1 ms
  gocc::sync::WaitGroup resumed;
  resumed.Add(1);
  gocc::go([&] { resumed.Done(); });
  mu.Unlock();  // normal mode: wakes the waiter, which runs when main parks
  mu.Lock();    // main, running, takes it first
  printf("main re-locked in normal mode\n");
  // CHECK: main re-locked in normal mode
  resumed.Wait();  // the waiter runs, loses, and switches the mutex to starvation mode
  mu.Unlock();     // hands the mutex to the waiter
  printf("TryLock after a handoff: %d\n", mu.TryLock());
  // CHECK-NEXT: TryLock after a handoff: 0
  mu.Lock();  // queues behind the waiter
  // CHECK-NEXT: waiter has the lock
  printf("main has the lock again\n");
  // CHECK-NEXT: main has the lock again
  mu.Unlock();
  printf("TryLock on the free mutex: %d\n", mu.TryLock());
  // CHECK-NEXT: TryLock on the free mutex: 1
  mu.Unlock();
  done.Wait();
}

void loop() {
  gocc::sync::WaitGroup wg;
  std::atomic<bool> stop{false}, holding{false};
  wg.Add(1);
  gocc::go([&] {
    for (int64_t end = now() + 20000000000LL; !stop.load() && now() < end;) {
      mu.Lock();
      holding.store(true);
      busy(1000000);
      holding.store(false);
      mu.Unlock();
    }
    wg.Done();
  });
  int64_t longest = 0;
  for (int i = 0; i < 20; i++) {
    while (!holding.load()) {  // the re-locker has the mutex
    }
    int64_t start = now();
    mu.Lock();
    mu.Unlock();
    if (now() - start > longest) longest = now() - start;
  }
  stop.store(true);
  wg.Wait();
  printf("every turn within 1 s: %s\n", longest < 1000000000LL ? "yes" : "no");
  // LOOP: every turn within 1 s: yes
}

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "loop") == 0)
    loop();
  else
    handoff();
}
