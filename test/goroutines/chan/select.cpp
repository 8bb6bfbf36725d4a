// gocc::select: send and receive cases over channels of different element types; the
// otherwise case runs only when no other case is ready; a blocked select is woken by a
// sender, a receiver or a close (which gives T{} and ok == false); a channel may appear in
// several cases; the return value is the position of the case that ran; a fan-in loop turns
// off a drained producer by setting its handle to the nil channel, as Go programs do.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/select.h>

#include <cstdio>
#include <string>

int main() {
  gocc::chan<int> ints(1);
  gocc::chan<std::string> strings(1);
  gocc::chan<double> doubles(1);

  // Nothing ready: the otherwise case runs.
  int r = gocc::select(
      gocc::recv(ints, [](int v) { printf("int %d\n", v); }),
      gocc::recv(strings, [](std::string s, bool ok) { printf("string %s\n", s.c_str()); }),
      gocc::otherwise([] { printf("nothing ready\n"); }));
  printf("case %d\n", r);
  // CHECK: nothing ready
  // CHECK-NEXT: case 2

  // One ready case among cases of three types; the otherwise case does not run.
  strings.send("hello");
  doubles.send(1.5);  // doubles is now full: its send case is not ready
  r = gocc::select(gocc::otherwise([] { printf("default\n"); }),
                   gocc::recv(ints, [](int v) { printf("int %d\n", v); }),
                   gocc::recv(strings, [](std::string s,
                                          bool ok) { printf("string %s ok %d\n", s.c_str(), ok); }),
                   gocc::send(doubles, 2.5, [] { printf("sent a double\n"); }));
  printf("case %d\n", r);
  // CHECK-NEXT: string hello ok 1
  // CHECK-NEXT: case 2
  r = gocc::select(gocc::recv(ints), gocc::send(doubles, 2.5), gocc::recv(doubles),
                   gocc::otherwise([] {}));
  printf("case %d: the buffered double\n", r);
  // CHECK-NEXT: case 2: the buffered double
  // A send case converts its value now (an int to double) and runs when there is room.
  r = gocc::select(gocc::send(doubles, 7, [] { printf("sent 7.0\n"); }), gocc::otherwise([] {}));
  printf("case %d, got %.1f\n", r, doubles.recv());
  // CHECK-NEXT: sent 7.0
  // CHECK-NEXT: case 0, got 7.0

  // A blocked select, woken by a sender: the goroutine runs only once main blocks.
  gocc::chan<long> late(0);
  gocc::go([late] { late.send(42); });
  gocc::select(gocc::recv(ints), gocc::recv(late, [](long v, bool ok) {
                 printf("woken by a sender: %ld %d\n", v, ok);
               }));
  // CHECK-NEXT: woken by a sender: 42 1

  // A blocked select's send case, woken by a receiver.
  gocc::chan<std::string> out(0);
  gocc::chan<int> got(1);
  gocc::go([out, got] { got.send(int(out.recv().size())); });
  gocc::select(gocc::recv(ints), gocc::send(out, std::string("twelve chars"),
                                            [] { printf("woken by a receiver\n"); }));
  printf("it got %d chars\n", got.recv());
  // CHECK-NEXT: woken by a receiver
  // CHECK-NEXT: it got 12 chars

  // A blocked select, woken by close.
  gocc::chan<std::string> closing(0);
  gocc::go([closing] { closing.close(); });
  gocc::select(gocc::recv(ints), gocc::recv(closing, [](std::string s, bool ok) {
                 printf("woken by close: '%s' %d\n", s.c_str(), ok);
               }));
  // CHECK-NEXT: woken by close: '' 0

  // One channel in two cases of one select: a send and a receive on an unbuffered channel
  // can only meet other goroutines.
  gocc::chan<int> both(0);
  gocc::go([both] { both.send(5); });
  r = gocc::select(gocc::send(both, 1), gocc::recv(both, [](int v) { printf("both: %d\n", v); }));
  printf("case %d\n", r);
  // CHECK-NEXT: both: 5
  // CHECK-NEXT: case 1
  gocc::go([both] { printf("both: received %d\n", both.recv()); });
  r = gocc::select(gocc::send(both, 6), gocc::recv(both));
  printf("case %d\n", r);
  // CHECK-NEXT: both: received 6
  // CHECK-NEXT: case 0

  // Fan-in until both producers are done: a closed producer's case is turned off by making
  // its handle nil.
  gocc::chan<int> a(0);
  gocc::chan<std::string> b(0);
  gocc::go([a] {
    for (int i = 0; i < 100; i++) a.send(i);
    a.close();
  });
  gocc::go([b] {
    for (int i = 0; i < 50; i++) b.send("x");
    b.close();
  });
  long sum = 0;
  int strs = 0;
  while (a != nullptr || b != nullptr) {
    gocc::select(gocc::recv(a,
                            [&](int v, bool ok) {
                              if (ok)
                                sum += v;
                              else
                                a = {};
                            }),
                 gocc::recv(b, [&](std::string s, bool ok) {
                   if (ok)
                     strs += int(s.size());
                   else
                     b = {};
                 }));
  }
  printf("fan-in: sum %ld, strings %d\n", sum, strs);
  // CHECK-NEXT: fan-in: sum 4950, strings 50
}
