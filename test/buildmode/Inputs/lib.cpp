// The library the hosts of test/buildmode call: exports that use what a gocc program may
// (goroutines, channels, exceptions, floating point through the export's stub), a static
// constructor that needs the runtime up, and exports that crash or let an exception escape.
#include <gocc/chan.h>
#include <gocc/export.h>
#include <gocc/go.h>

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace {
// A static constructor that can only finish if the runtime's scheduler runs: it starts a
// goroutine and waits for its answer. The library's constructors run after the runtime is
// up, whatever the link order (docs/bootstrap.md, the library sequence).
int fromGoroutine;
struct NeedsRuntime {
  NeedsRuntime() {
    gocc::chan<int> c(0);
    gocc::go([c]() mutable { c.send(42); });
    fromGoroutine = c.recv();
    std::printf("lib: constructor: goroutine said %d\n", fromGoroutine);
    std::fflush(stdout);
  }
} needsRuntime;
}  // namespace

GOCC_EXPORT(int Add(int a, int b)) { return a + b; }

// What the constructor got: 42 once it has run, which every export waits for.
GOCC_EXPORT(int Initialized(void)) { return fromGoroutine; }

// 1 + 2 + ... + n, each term sent by a goroutine of its own.
GOCC_EXPORT(long SumByGoroutines(int n)) {
  gocc::chan<long> c(0);
  for (long i = 1; i <= n; i++) gocc::go([c, i]() mutable { c.send(i); });
  long sum = 0;
  for (int i = 0; i < n; i++) sum += c.recv();
  return sum;
}

// Throws and catches on the caller's thread.
GOCC_EXPORT(size_t CaughtLength(const char* message)) {
  try {
    throw std::runtime_error(message);
  } catch (const std::exception& e) {
    return std::string(e.what()).size();
  }
}

GOCC_EXPORT(double Scale(double x, int64_t k)) { return x * double(k); }

GOCC_EXPORT(void Crash(int* p)) {
  *p = 1;  // line 55: crash.test checks it
}

GOCC_EXPORT(void Throw(const char* message)) { throw std::runtime_error(message); }

// Recurses until it runs off the end of the calling thread's stack.
GOCC_EXPORT(int Overflow(int depth)) {
  volatile char frame[4096];
  frame[0] = char(depth);
  return Overflow(depth + 1) + frame[0];
}
