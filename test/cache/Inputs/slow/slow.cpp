// Reads slowval.h at once, then spends seconds in constant evaluation: a window in which a test
// edits the header while the compile still runs.
#include "slowval.h"

#include <cstdio>

constexpr unsigned long spin(unsigned long n) {
  unsigned long x = 1;
  for (unsigned long i = 0; i < n; ++i) x = x * 6364136223846793005ul + i;
  return x;
}
constexpr unsigned long kSpin = spin(3000000);

int main() { std::printf("value %d %lu\n", VALUE, kSpin & 1); }
