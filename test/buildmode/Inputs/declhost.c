#include <stdio.h>

#include "libdecl.h"  // the header gocc wrote

int main(void) {
  printf("Add(2,3)=%d AddTwice(2,3)=%d\n", Add(2, 3), AddTwice(2, 3));
  return 0;
}
