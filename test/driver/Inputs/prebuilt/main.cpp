// Calls into a prebuilt object (twice.c) and a prebuilt archive (square.c), both compiled
// outside gocc and named on gocc's command line.
#include <cstdio>

extern "C" int twice(int);
extern "C" int square(int);

int main() { std::printf("twice(21)=%d square(12)=%d\n", twice(21), square(12)); }
