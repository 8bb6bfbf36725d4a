#include <cstdio>
#include <vector>

int main() { std::printf("b %d\n", VALUE); }
