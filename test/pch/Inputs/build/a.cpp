#include <cstdio>
#include <vector>

int main() { std::printf("a %d\n", VALUE); }
