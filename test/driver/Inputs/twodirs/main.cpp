// A program whose other unit (answer.c) lives in another directory.
#include <cstdio>

extern "C" int answer(void);

int main() { std::printf("answer %d\n", answer()); }
