// sieve.cpp: Go's concurrent prime sieve. Each prime found gets a goroutine that passes on
// only the numbers it does not divide; a chain of them filters the stream of integers.
//   gocc run examples/sieve.cpp [n]    prints the first n primes (default 10)
#include <gocc/chan.h>
#include <gocc/go.h>

#include <cstdio>
#include <cstdlib>

// Send 2, 3, 4, ... to ch.
void generate(gocc::chan<int> ch) {
  for (int i = 2;; i++) ch.send(i);
}

// Copy the values from in to out, leaving out those divisible by prime.
void filter(gocc::chan<int> in, gocc::chan<int> out, int prime) {
  for (;;) {
    int i = in.recv();
    if (i % prime != 0) out.send(i);
  }
}

int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 10;
  gocc::chan<int> ch(0);
  gocc::go(generate, ch);
  for (int i = 0; i < n; i++) {
    int prime = ch.recv();
    std::printf("%d\n", prime);
    gocc::chan<int> next(0);
    gocc::go(filter, ch, next, prime);
    ch = next;
  }
}
