#include <malloc.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>

struct Table {
  int* cells = new int[1000];  // 4000 bytes in one allocation, from an init task
} table;

int main() {
  char* p = static_cast<char*>(std::malloc(100));
  std::printf("usable %zu\n", malloc_usable_size(p));
  char* s = strdup("hello");  // allocated inside libc
  std::printf("strdup %s\n", s);
  std::free(s);
  std::free(p);
  int* n = new int(42);
  std::printf("new %d\n", *n);
  delete n;
}
