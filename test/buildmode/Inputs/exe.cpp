// A program with an export: GOCC_EXPORT gives C linkage, nothing else.
#include <gocc/export.h>

#include <cstdio>

GOCC_EXPORT(int Twice(int x)) { return 2 * x; }

int main() { std::printf("Twice(21)=%d\n", Twice(21)); }
