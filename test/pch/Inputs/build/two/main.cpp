#include <cstdio>
#include <vector>

int lib();

int main() { std::printf("main %d lib %d\n", VALUE, lib()); }
