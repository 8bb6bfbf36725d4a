/* A C test program, linked by the C compiler (CC) with the C++ library. */
#include "shapes.h"

#include <stdio.h>

int main(void) {
  if (checksum("") != 0 || checksum("a") != 97) {
    printf("FAIL: checksum\n");
    return 1;
  }
  return 0;
}
