// An error inside a standard header, reached from the unit: its include stack passes through
// clang-format off: the include order is what the test checks.
// the prefix.
#include <vector>
#include <memory>

int main() {
  std::vector<std::unique_ptr<int>> a(1);
  auto b = a;
}
