// gocc::sync::Once: 100 goroutines call Do at once and f runs once; the callers that come
// while f runs (f parks in the middle) wait for it and see its result when their Do
// returns. As in Go, an f that ends in an exception counts as done: the exception reaches
// Do's caller, and f is not called again.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
#include <gocc/go.h>
#include <gocc/sync.h>

#include <atomic>
#include <cstdio>
#include <stdexcept>

gocc::sync::Once once;  // a global: constant-initialized

int main() {
  std::atomic<int> calls{0}, sawResult{0};
  int result = 0;  // written by f only
  gocc::sync::WaitGroup wg;
  constexpr int n = 100;
  wg.Add(n);
  for (int i = 0; i < n; i++)
    gocc::go([&] {
      once.Do([&] {
        calls++;
        // Park in the middle of f, so that the other goroutines reach Do meanwhile.
        gocc::sync::WaitGroup inner;
        inner.Add(1);
        gocc::go([&] { inner.Done(); });
        inner.Wait();
        result = 42;
      });
      if (result == 42) sawResult++;
      wg.Done();
    });
  wg.Wait();
  printf("f ran %d time(s); %d callers saw its result\n", calls.load(), sawResult.load());
  // CHECK: f ran 1 time(s); 100 callers saw its result

  gocc::sync::Once throwing;
  try {
    throwing.Do([] { throw std::runtime_error("f failed"); });
  } catch (const std::exception& e) {
    printf("Do's caller caught: %s\n", e.what());
    // CHECK-NEXT: Do's caller caught: f failed
  }
  bool again = false;
  throwing.Do([&] { again = true; });
  printf("f called again after the exception: %s\n", again ? "yes" : "no");
  // CHECK-NEXT: f called again after the exception: no
}
