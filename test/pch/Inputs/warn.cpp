// Warnings in the unit's own code only.
// clang-format off: the include order is what the test checks.
#include <vector>
#include <string>
#include <cstdio>

static int helper(int x) { int unused; if (x = 2) return 1; }

int main() {
  std::vector<int> v;
  for (int i = 0; i < v.size(); i++) std::printf("%s\n", i);
  return helper(1);
}
