// gocc::sync::Cond: five goroutines wait for tokens under a Mutex. Signal wakes one of them
// (it takes a token; the others keep waiting though more tokens are there), Broadcast wakes
// every one. A std::thread may wait on a Cond as well, woken by a goroutine's Broadcast; L
// may be any lockable, an RWMutex's read side (RLocker) there.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
// RUN: env GOMAXPROCS=2 %t thread | FileCheck %s --check-prefix=THREAD
#include <gocc/go.h>
#include <gocc/sync.h>

#include <cstdio>
#include <cstring>
#include <thread>

gocc::sync::Mutex mu;
gocc::sync::Cond cond(mu);
int tokens;  // guarded by mu
int woken;   // guarded by mu

void signalAndBroadcast() {
  constexpr int n = 5;
  gocc::sync::WaitGroup arrived, oneWoken, allDone;
  arrived.Add(n);
  oneWoken.Add(1);
  allDone.Add(n);
  for (int i = 0; i < n; i++)
    gocc::go([&] {
      mu.Lock();
      arrived.Done();
      while (tokens == 0) cond.Wait();
      tokens--;
      if (++woken == 1) oneWoken.Done();
      mu.Unlock();
      allDone.Done();
    });
  arrived.Wait();
  mu.Lock();  // every waiter is in Wait once main has the mutex again
  tokens = n;
  cond.Signal();
  mu.Unlock();
  oneWoken.Wait();
  mu.Lock();
  printf("after Signal: %d woken, %d tokens left\n", woken, tokens);
  // CHECK: after Signal: 1 woken, 4 tokens left
  cond.Broadcast();
  mu.Unlock();
  allDone.Wait();
  printf("after Broadcast: %d woken\n", woken);
  // CHECK-NEXT: after Broadcast: 5 woken
}

// A std::thread waits on a Cond whose L is the read side of an RWMutex, for a flag that a
// goroutine sets under the write side once the thread is in; then the goroutine
// broadcasts. Main blocks its own thread in join (with two Ps the goroutine runs on the
// other): parked, it would leave only the std::thread to wake anyone, which the deadlock
// check cannot see.
void threadWaits() {
  gocc::sync::RWMutex rw;
  gocc::sync::Cond readCond(rw.RLocker());
  bool go = false;  // guarded by rw
  int waits = 0;    // the thread's
  gocc::sync::WaitGroup threadIn;
  threadIn.Add(1);
  std::thread t([&] {
    rw.RLock();
    threadIn.Done();
    while (!go) {
      readCond.Wait();
      waits++;
    }
    rw.RUnlock();
  });
  gocc::go([&] {
    threadIn.Wait();  // woken by the std::thread
    rw.Lock();        // once the thread is in Wait, with its ticket
    go = true;
    rw.Unlock();
    readCond.Broadcast();
  });
  t.join();
  printf("the std::thread was woken after %d wait(s)\n", waits);
  // THREAD: the std::thread was woken after 1 wait(s)
}

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "thread") == 0)
    threadWaits();
  else
    signalAndBroadcast();
}
