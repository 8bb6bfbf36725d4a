#include <iostream>

int greet() {
  std::cout << "hello from multi\n";
  return 0;
}
