// An export from a C unit of the library.
#include <gocc/export.h>
#include <stdint.h>

GOCC_EXPORT(int64_t Triple(int64_t x)) { return 3 * x; }
