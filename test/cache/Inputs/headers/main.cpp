#include "value.h"

#include <cstdio>

int other();

int main() { std::printf("value %d other %d\n", VALUE, other()); }
