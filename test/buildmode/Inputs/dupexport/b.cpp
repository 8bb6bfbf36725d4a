// Twice again, under C linkage in another unit: a duplicate export.
#include <gocc/export.h>

namespace other {
GOCC_EXPORT(int Twice(int x)) { return x + x; }
}  // namespace other
