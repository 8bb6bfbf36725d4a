#include <cstdio>
#include <vector>

int main() { std::printf("c %d\n", VALUE); }
