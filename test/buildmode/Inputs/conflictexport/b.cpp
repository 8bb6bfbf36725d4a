#include <gocc/export.h>

// The same function, declared for the header with another parameter name.
GOCC_EXPORT(int Twice(int y));

int UseTwice(int v) { return Twice(v); }
