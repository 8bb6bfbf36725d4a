// An error inside a standard header, reached from the unit: its include stack passes through
// the prefix.
#include <memory>
#include <vector>

int main() {
  std::vector<std::unique_ptr<int>> a(1);
  auto b = a;
}
