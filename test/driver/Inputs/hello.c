#include <stdio.h>

int main(void) {
  printf("hello from C %ld\n", __STDC_VERSION__);
  return 0;
}
