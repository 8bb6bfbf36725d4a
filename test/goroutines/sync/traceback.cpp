// Goroutines waiting in gocc::sync show Go's wait reasons in a GOTRACEBACK=all report: a
// Mutex's Lock, an RWMutex's RLock and Lock, a Cond's Wait and a WaitGroup's Wait
// (semacquire). Here the main goroutine panics while they wait.
// RUN: %gocc build -o %t %s
// RUN: bash -c 'GOTRACEBACK=all GOMAXPROCS=1 %t 2>&1; echo status=$?' | FileCheck %s
#include <gocc/go.h>
#include <gocc/sync.h>

#include <stdexcept>

gocc::sync::Mutex mu, condMu;
gocc::sync::RWMutex reading, writing;
gocc::sync::Cond cond(condMu);
gocc::sync::WaitGroup never, started;

int main() {
  mu.Lock();
  reading.Lock();
  writing.RLock();
  started.Add(5);
  never.Add(1);
  gocc::go([] {
    started.Done();
    mu.Lock();
  });
  gocc::go([] {
    started.Done();
    reading.RLock();
  });
  gocc::go([] {
    started.Done();
    writing.Lock();
  });
  gocc::go([] {
    condMu.Lock();
    started.Done();
    cond.Wait();
  });
  gocc::go([] {
    started.Done();
    never.Wait();
  });
  started.Wait();
  // With one P, main runs again once every goroutine has parked.
  throw std::runtime_error("main gives up");
  // CHECK: panic: main gives up
  // CHECK: goroutine 1 [running]:
  // CHECK-DAG: goroutine {{[0-9]+}} [sync.Mutex.Lock]:
  // CHECK-DAG: goroutine {{[0-9]+}} [sync.RWMutex.RLock]:
  // CHECK-DAG: goroutine {{[0-9]+}} [sync.RWMutex.Lock]:
  // CHECK-DAG: goroutine {{[0-9]+}} [sync.Cond.Wait]:
  // CHECK-DAG: goroutine {{[0-9]+}} [semacquire]:
  // CHECK: status=2
}
