#include <cstdio>
#include <vector>

int main() { std::printf("d %d\n", VALUE); }
