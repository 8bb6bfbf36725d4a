// The library's tests: each failure prints a line and makes the exit status 1.
#include "shapes.h"

#include <cstdio>
#include <stdexcept>

static int failures = 0;

static void expect(bool ok, const char* what) {
  if (!ok) {
    std::printf("FAIL: %s\n", what);
    ++failures;
  }
}

int main() {
  expect(shapes::area("square", 2) == 4, "square of 2");
  expect(shapes::area("circle", 1) == 3, "circle of 1");
  bool threw = false;
  try {
    shapes::area("hexagon", 1);
  } catch (const std::invalid_argument&) {
    threw = true;
  }
  expect(threw, "unknown shape throws");
  return failures == 0 ? 0 : 1;
}
