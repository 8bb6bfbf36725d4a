// The sync types work with the standard library's lock holders: std::lock_guard,
// std::unique_lock (with try_to_lock, adopt_lock, unlock and relock), std::scoped_lock over
// two mutexes (std::lock's try_lock dance), std::shared_lock on an RWMutex, and a Cond whose
// waiter holds L through a std::unique_lock.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
#include <gocc/go.h>
#include <gocc/sync.h>

#include <cstdio>
#include <mutex>
#include <shared_mutex>

int main() {
  gocc::sync::Mutex a, b;
  gocc::sync::RWMutex rw;
  {
    std::lock_guard<gocc::sync::Mutex> g(a);
    std::unique_lock<gocc::sync::Mutex> u(a, std::try_to_lock);
    printf("lock_guard holds it, try_to_lock owns: %d\n", u.owns_lock());
    // CHECK: lock_guard holds it, try_to_lock owns: 0
  }
  {
    std::unique_lock<gocc::sync::Mutex> u(a);
    u.unlock();
    printf("unique_lock unlocked: TryLock %d\n", a.TryLock());
    // CHECK-NEXT: unique_lock unlocked: TryLock 1
    std::unique_lock<gocc::sync::Mutex> adopted(a, std::adopt_lock);
  }
  {
    std::scoped_lock both(a, b);
    printf("scoped_lock holds both: %d %d\n", !a.TryLock(), !b.TryLock());
    // CHECK-NEXT: scoped_lock holds both: 1 1
  }
  {
    std::shared_lock<gocc::sync::RWMutex> r1(rw);
    std::shared_lock<gocc::sync::RWMutex> r2(rw, std::try_to_lock);
    std::unique_lock<gocc::sync::RWMutex> w(rw, std::try_to_lock);
    printf("two shared_locks: %d, a writer: %d\n", r2.owns_lock(), w.owns_lock());
    // CHECK-NEXT: two shared_locks: 1, a writer: 0
  }
  {
    std::unique_lock<gocc::sync::RWMutex> w(rw);
    std::shared_lock<gocc::sync::RWMutex> r(rw, std::try_to_lock);
    printf("a unique_lock on the RWMutex keeps readers out: %d\n", !r.owns_lock());
    // CHECK-NEXT: a unique_lock on the RWMutex keeps readers out: 1
  }

  gocc::sync::Cond cond(a);
  bool ready = false;
  gocc::go([&] {
    std::lock_guard<gocc::sync::Mutex> g(a);
    ready = true;
    cond.Signal();
  });
  std::unique_lock<gocc::sync::Mutex> u(a);
  while (!ready) cond.Wait();
  printf("Cond woke a unique_lock holder\n");
  // CHECK-NEXT: Cond woke a unique_lock holder
}
