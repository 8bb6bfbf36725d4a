#include <cstdio>

int f();

int main() {
  std::printf("f()=%d\n", f());
  return 0;
}
