#include <cstdio>

// Prints its arguments, one per line, bracketed so empty or spaced ones show.
int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) std::printf("arg%d=[%s]\n", i, argv[i]);
}
