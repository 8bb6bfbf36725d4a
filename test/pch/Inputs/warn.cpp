// Warnings in the unit's own code only.
#include <cstdio>
#include <string>
#include <vector>

static int helper(int x) {
  int unused;
  if (x = 2) return 1;
}

int main() {
  std::vector<int> v;
  for (int i = 0; i < v.size(); i++) std::printf("%s\n", i);
  return helper(1);
}
