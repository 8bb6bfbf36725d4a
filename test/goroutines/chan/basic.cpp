// gocc::chan<T>'s rules, as Go's: values arrive in the order sent, through an unbuffered
// channel (each send waits for its receiver) and a buffered one (sends wait only when it is
// full); len and cap; a receive from a closed channel drains the buffer, then gives T{} with
// ok == false at once; range-for ends at close; close wakes every blocked receiver; copies
// of a handle are the same channel; a default-constructed handle is the nil channel.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
#include <gocc/chan.h>
#include <gocc/go.h>

#include <cstdio>
#include <string>

// A chain of n receivers on gate: each starts the next, then blocks; the last starts the
// goroutine that closes gate. With one P each runs only once the one before has blocked, so
// all n are blocked when gate closes.
void receiveUntilClosed(int n, gocc::chan<long> gate, gocc::chan<int> woke) {
  if (n > 1)
    gocc::go(receiveUntilClosed, n - 1, gate, woke);
  else
    gocc::go([gate] { gate.close(); });
  auto [v, ok] = gate.recv_ok();
  woke.send(v == 0 && !ok ? 1 : 100);
}

int main() {
  // Unbuffered: the sender goes on only once its value is taken.
  gocc::chan<int> c(0);
  gocc::chan<std::string> log(16);
  gocc::go([c, log] {
    for (int i = 1; i <= 3; i++) {
      c.send(i);
      log.send("sent " + std::to_string(i));
    }
  });
  for (int i = 0; i < 3; i++) {
    int v = c.recv();
    std::string line = log.recv();
    printf("got %d, then %s\n", v, line.c_str());
  }
  // CHECK: got 1, then sent 1
  // CHECK-NEXT: got 2, then sent 2
  // CHECK-NEXT: got 3, then sent 3

  // Buffered: three sends complete without a receiver; len and cap.
  auto b = gocc::make_chan<std::string>(3);
  b.send("a");
  b.send(std::string("b"));
  const std::string third = "c";
  b.send(third);
  printf("len %zu cap %zu\n", b.len(), b.cap());
  // CHECK-NEXT: len 3 cap 3
  printf("%s %s", b.recv().c_str(), b.recv().c_str());
  b.send("d");
  b.close();
  printf(" %s len %zu\n", b.recv().c_str(), b.len());
  // CHECK-NEXT: a b c len 1
  auto [d, ok1] = b.recv_ok();
  auto [zero, ok2] = b.recv_ok();
  printf("%s %d, '%s' %d\n", d.c_str(), ok1, zero.c_str(), ok2);
  // CHECK-NEXT: d 1, '' 0
  gocc::chan<int> u(0);
  printf("unbuffered len %zu cap %zu\n", u.len(), u.cap());
  // CHECK-NEXT: unbuffered len 0 cap 0

  // range-for until close.
  gocc::chan<int> r(2);
  gocc::go([r] {
    for (int i = 10; i < 15; i++) r.send(i);
    r.close();
  });
  for (int v : r) printf("range %d\n", v);
  // CHECK-NEXT: range 10
  // CHECK-NEXT: range 11
  // CHECK-NEXT: range 12
  // CHECK-NEXT: range 13
  // CHECK-NEXT: range 14
  printf("range ended, recv gives %d\n", r.recv());
  // CHECK-NEXT: range ended, recv gives 0

  // close wakes every blocked receiver with the zero value and ok == false.
  gocc::chan<long> gate(0);
  gocc::chan<int> woke(8);
  gocc::go(receiveUntilClosed, 5, gate, woke);
  int sum = 0;
  for (int i = 0; i < 5; i++) sum += woke.recv();
  printf("woken by close: %d\n", sum);
  // CHECK-NEXT: woken by close: 5

  // Copies are the same channel; the default handle is nil.
  gocc::chan<int> x(1), y = x, nil;
  y.send(7);
  printf("x gets %d; x == y %d; x == a new channel %d; nil == nullptr %d, x == nullptr %d\n",
         x.recv(), x == y, x == gocc::chan<int>(1), nil == nullptr, x == nullptr);
  // CHECK-NEXT: x gets 7; x == y 1; x == a new channel 0; nil == nullptr 1, x == nullptr 0
  printf("nil len %zu cap %zu\n", nil.len(), nil.cap());
  // CHECK-NEXT: nil len 0 cap 0
  nil = x;
  nil.send(8);
  x = {};
  printf("assigned: %d, x nil %d\n", nil.recv(), x == nullptr);
  // CHECK-NEXT: assigned: 8, x nil 1
}
