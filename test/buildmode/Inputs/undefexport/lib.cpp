#include <gocc/export.h>

GOCC_EXPORT(int Missing(int x));  // declared for the host, defined nowhere

GOCC_EXPORT(int Present(int x)) { return x; }
