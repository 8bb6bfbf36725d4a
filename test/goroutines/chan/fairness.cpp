// When several cases of a select are ready, one is chosen uniformly at random (Go's
// guarantee). Always-ready cases (receives from closed channels, sends to a channel with
// room) are selected N times and the counts checked with a chi-square test: the threshold
// is one a fair choice exceeds with probability below 1e-6, and one a choice biased by even
// 2 percentage points, or a fixed order, exceeds with near certainty. The otherwise case never
// runs while another case is ready.
// RUN: %gocc build -o %t %s
// RUN: %t | FileCheck %s
#include <gocc/chan.h>
#include <gocc/select.h>

#include <cstdio>

// Chi-square of counts against equal expectations.
double chiSquare(const long* counts, int k, long n) {
  double expected = double(n) / k, x2 = 0;
  for (int i = 0; i < k; i++) x2 += (counts[i] - expected) * (counts[i] - expected) / expected;
  return x2;
}

// Thresholds with P(X² > t) < 1e-6 for a fair choice: 1 degree of freedom 23.9, 2: 27.6.
void report(const char* what, const long* counts, int k, long n, double threshold) {
  double x2 = chiSquare(counts, k, n);
  printf("%s: %s\n", what, x2 < threshold ? "uniform" : "biased");
  if (x2 >= threshold) {
    for (int i = 0; i < k; i++) printf("  case %d: %ld of %ld\n", i, counts[i], n);
    printf("  chi-square %.1f >= %.1f\n", x2, threshold);
  }
}

int main() {
  constexpr long n = 100000;
  gocc::chan<int> a(0), b(0), c(0);
  a.close();
  b.close();
  c.close();

  long two[2] = {0, 0};
  bool defaulted = false;
  for (long i = 0; i < n; i++)
    two[gocc::select(gocc::recv(a), gocc::recv(b), gocc::otherwise([&] { defaulted = true; }))]++;
  report("two closed channels", two, 2, n, 23.9);
  // CHECK: two closed channels: uniform
  printf("otherwise ran: %d\n", defaulted);
  // CHECK-NEXT: otherwise ran: 0

  long three[3] = {0, 0, 0};
  for (long i = 0; i < n; i++) three[gocc::select(gocc::recv(a), gocc::recv(b), gocc::recv(c))]++;
  report("three closed channels", three, 3, n, 27.6);
  // CHECK-NEXT: three closed channels: uniform

  // A send with room against a receive: the send case fills the buffer it is given.
  gocc::chan<long> roomy(n);
  long mixed[2] = {0, 0};
  for (long i = 0; i < n; i++) mixed[gocc::select(gocc::send(roomy, i), gocc::recv(a))]++;
  report("a send and a receive", mixed, 2, n, 23.9);
  // CHECK-NEXT: a send and a receive: uniform
  printf("the sends are all in the buffer: %d\n", long(roomy.len()) == mixed[0]);
  // CHECK-NEXT: the sends are all in the buffer: 1
}
