// An export with a C++ reference parameter, which C has no way to write.
#include <gocc/export.h>

GOCC_EXPORT(void Bump(int& x)) { x++; }
