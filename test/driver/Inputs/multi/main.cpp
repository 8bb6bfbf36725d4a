#include <cstdio>

int greet();
extern "C" int answer();

int main() {
  greet();
  std::printf("answer %d\n", answer());
}
