// sieve.cpp: sieve.go's work in gocc: a generator goroutine sends 2, 3, 4, ... down an
// unbuffered channel; each prime found adds a filter goroutine to the end of the chain, which
// passes on only the numbers its prime does not divide. When the Nth prime is found, closing
// quit ends the whole chain (every goroutine waits in a gocc::select on it too). The figure is
// the wall time of one whole run.
//
//   sieve N [reps]      GOMAXPROCS comes from the environment
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/runtime.h>
#include <gocc/select.h>

#include "bench.h"

struct none {};  // Go's struct{}: quit carries no values, it is only closed

// Send 2, 3, 4, ... on out until quit is closed.
void generate(gocc::chan<int> out, gocc::chan<none> quit) {
  for (int i = 2;; i++)
    if (gocc::select(gocc::send(out, i), gocc::recv(quit)) == 1) return;
}

// Pass on from in to out the numbers prime does not divide, until quit is closed.
void filter(gocc::chan<int> in, gocc::chan<int> out, int prime, gocc::chan<none> quit) {
  for (;;) {
    int i = 0;
    if (gocc::select(gocc::recv(in, [&](int v) { i = v; }), gocc::recv(quit)) == 1) return;
    if (i % prime == 0) continue;
    if (gocc::select(gocc::send(out, i), gocc::recv(quit)) == 1) return;
  }
}

// The nth prime, found by a chain of n filters.
int nthPrime(long n) {
  gocc::chan<none> quit(0);
  gocc::chan<int> ch(0);
  gocc::go(generate, ch, quit);
  int prime = 0;
  for (long i = 0; i < n; i++) {
    prime = ch.recv();
    gocc::chan<int> next(0);
    gocc::go(filter, ch, next, prime, quit);
    ch = next;
  }
  quit.close();
  return prime;
}

int main(int argc, char** argv) {
  long n = bench::argLong(argc, argv, 1, 2000), reps = bench::argLong(argc, argv, 2, 3);
  std::vector<double> perRun;
  int last = 0;
  for (long r = 0; r < reps; r++) {
    long long start = bench::nowNs();
    last = nthPrime(n);
    perRun.push_back(double(bench::nowNs() - start) / 1e6);
  }
  bench::Summary s = bench::summarize(perRun);
  std::printf(
      "RESULT bench=sieve impl=gocc N=%ld procs=%d reps=%ld unit=run last_prime=%d first_ms=%.2f "
      "best_ms=%.2f median_ms=%.2f\n",
      n, gocc::runtime::GOMAXPROCS(0), reps, last, s.first, s.best, s.median);
}
