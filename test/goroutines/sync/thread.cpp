// Threads the runtime did not start share gocc::sync with goroutines: 2 std::threads and 20
// goroutines add to a plain int under one Mutex (a thread waiting for it sleeps in the
// kernel; a goroutine it wakes goes to a P from the global run queue), and a std::thread
// waits on a WaitGroup that the goroutines count down. The count is exact. Main blocks its
// own thread in join: parked, it would leave only std::threads to wake anyone, which the
// deadlock check cannot see.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
// RUN: env GOMAXPROCS=4 %t | FileCheck %s
#include <gocc/go.h>
#include <gocc/sync.h>

#include <cstdio>
#include <thread>

gocc::sync::Mutex mu;
long counter;  // guarded by mu

void add(int rounds) {
  for (int i = 0; i < rounds; i++) {
    mu.Lock();
    counter++;
    mu.Unlock();
  }
}

int main() {
  constexpr int goroutines = 20, threads = 2, rounds = 20000;
  gocc::sync::WaitGroup goroutinesDone;
  goroutinesDone.Add(goroutines);
  long seenByWaiter = -1;
  std::thread waiter([&] {
    goroutinesDone.Wait();
    mu.Lock();
    seenByWaiter = counter;
    mu.Unlock();
  });
  std::thread adders[threads];
  for (auto& t : adders) t = std::thread(add, rounds);
  for (int i = 0; i < goroutines; i++)
    gocc::go([&] {
      add(rounds);
      goroutinesDone.Done();
    });
  for (auto& t : adders) t.join();
  waiter.join();
  printf("waiter saw at least the goroutines' part: %s\n",
         seenByWaiter >= long(goroutines) * rounds ? "yes" : "no");
  // CHECK: waiter saw at least the goroutines' part: yes
  printf("counter %ld\n", counter);
  // CHECK-NEXT: counter 440000
}
