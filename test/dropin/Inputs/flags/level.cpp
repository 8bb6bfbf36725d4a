// Which x86-64 level the compile targeted, and whether gocc's headers are on the include path.
#include <gocc/runtime.h>

#ifdef __AVX2__
int avx2 = 1;
#else
int avx2 = 0;
#endif
