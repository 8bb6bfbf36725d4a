#include "shapes.h"

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: shapes-app shape size\n");
    return 2;
  }
  std::printf("%s %s: %g\n", argv[1], argv[2], shapes::area(argv[1], std::atof(argv[2])));
  return 0;
}
