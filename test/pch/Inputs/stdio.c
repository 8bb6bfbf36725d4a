#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv) {
  char* p = malloc(strlen(argv[0]) + 1);
  strcpy(p, argv[0]);
  printf("%s\n", p);
  free(p);
  return 0;
}
