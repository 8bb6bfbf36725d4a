// An export from a C++ unit of the same library.
#include <gocc/export.h>

GOCC_EXPORT(int Twice(int x)) { return 2 * x; }
