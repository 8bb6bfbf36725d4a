#include <cstdio>
#include <vector>

int main() { std::printf("e %d\n", VALUE); }
