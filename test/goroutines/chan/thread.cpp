// Channels work from threads the runtime did not start (std::thread): such a thread has no
// P and cannot park, so it sleeps in the kernel, and a goroutine it wakes goes to a P through
// the global run queue. A std::thread sends to a goroutine, which answers on another channel
// (both directions, unbuffered), a std::thread waits in a select that a goroutine completes,
// and two std::threads exchange through a channel with no goroutine involved. Main blocks
// its own thread in join meanwhile: parked, it would leave only std::threads to wake anyone,
// which the deadlock check cannot see.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
// RUN: env GOMAXPROCS=4 %t | FileCheck %s
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/select.h>

#include <cstdio>
#include <string>
#include <thread>

int main() {
  gocc::chan<int> toGoroutine(0);
  gocc::chan<std::string> toThread(0);
  gocc::go([toGoroutine, toThread] {
    for (int v : toGoroutine) toThread.send(std::to_string(v * 2));
    toThread.close();
  });
  std::thread t([toGoroutine, toThread] {
    long sum = 0;
    for (int i = 1; i <= 10000; i++) {
      toGoroutine.send(i);
      sum += std::stol(toThread.recv());
    }
    toGoroutine.close();
    auto [last, ok] = toThread.recv_ok();
    printf("thread: sum of answers %ld, then '%s' %d\n", sum, last.c_str(), ok);
  });
  t.join();
  // CHECK: thread: sum of answers 100010000, then '' 0

  // A std::thread blocked in a select; a goroutine readies one of its cases.
  gocc::chan<int> never(0);
  gocc::chan<long> later(0);
  gocc::go([later] { later.send(99); });
  std::thread s([never, later] {
    int r = gocc::select(gocc::recv(never),
                         gocc::recv(later, [](long v) { printf("thread select: got %ld\n", v); }));
    printf("thread select: case %d\n", r);
  });
  s.join();
  // CHECK-NEXT: thread select: got 99
  // CHECK-NEXT: thread select: case 1

  // Two std::threads, no goroutine.
  gocc::chan<int> between(0);
  std::thread producer([between] {
    for (int i = 0; i < 1000; i++) between.send(i);
    between.close();
  });
  std::thread consumer([between] {
    long sum = 0;
    for (int v : between) sum += v;
    printf("threads: sum %ld\n", sum);
  });
  producer.join();
  consumer.join();
  // CHECK-NEXT: threads: sum 499500
}
