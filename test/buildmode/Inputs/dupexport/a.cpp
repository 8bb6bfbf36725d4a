#include <gocc/export.h>

GOCC_EXPORT(int Twice(int x)) { return 2 * x; }
