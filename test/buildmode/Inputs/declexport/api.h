// The exports declared once, in a header every unit includes, as C libraries declare their API.
#include <gocc/export.h>

GOCC_EXPORT(int Add(int a, int b));
GOCC_EXPORT(int AddTwice(int a, int b));
