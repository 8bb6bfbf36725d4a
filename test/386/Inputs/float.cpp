#include <cstdio>

// Floating-point arithmetic the compiler cannot fold: with GO386=sse2 it is SSE2 code, with
// GO386=softfloat x87 code.
__attribute__((noinline)) double mean(const int* v, int n) {
  double sum = 0;
  for (int i = 0; i < n; i++) sum += v[i];
  return sum / n;
}

int main(int argc, char**) {
  int v[] = {argc, 2, 3, 4};
  std::printf("mean %g\n", mean(v, 4));
}
