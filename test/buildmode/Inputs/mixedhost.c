// A C host of the library built from Inputs/mixed (a C and a C++ unit).
#include <stdio.h>

#include "mixed.h"

int main(void) { printf("Triple(5)=%ld Twice(4)=%d\n", (long)Triple(5), Twice(4)); }
