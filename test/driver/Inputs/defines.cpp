#include <cstdio>

#ifndef X
#error "X is not defined"
#endif
#ifndef MSG
#define MSG "no message"
#endif

int main() { std::printf("X=%d MSG=%s\n", X, MSG); }
