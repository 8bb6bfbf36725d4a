#include <iostream>

extern "C" int count_words(const char* s);

int main(int argc, char** argv) {
  std::cout << "words: " << count_words(argc > 1 ? argv[1] : "") << "\n";
  return 0;
}
