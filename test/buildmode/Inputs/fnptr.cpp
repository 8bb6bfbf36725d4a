// A function returning a function pointer, written without a typedef: the declaration's
// first parenthesis is not its parameter list.
#include <gocc/export.h>

static int one(int) { return 1; }
GOCC_EXPORT(int (*Pick(void))(int)) { return one; }
