// The five headers of the PCH measurements (docs/pch.md).
// clang-format off: the include order is what the test checks.
#include <vector>
#include <string>
#include <map>
#include <iostream>
#include <algorithm>

int main(int argc, char** argv) {
  std::vector<std::string> words(argv, argv + argc);
  std::sort(words.begin(), words.end());
  std::map<std::string, int> count;
  for (const auto& w : words) count[w]++;
  for (const auto& [w, n] : count) std::cout << w << " " << n << "\n";
}
