// A C++ unit beside a C one (part.c): each reports which defines reached it.
#include <cstdio>

extern "C" const char* cDefines();

int main() {
#ifdef CXXONLY
  int cxxonly = CXXONLY;
#else
  int cxxonly = 0;
#endif
#ifdef CONLY
  std::printf("C++: CXXONLY=%d CONLY=%d, C: %s\n", cxxonly, CONLY, cDefines());
#else
  std::printf("C++: CXXONLY=%d CONLY=undefined, C: %s\n", cxxonly, cDefines());
#endif
}
