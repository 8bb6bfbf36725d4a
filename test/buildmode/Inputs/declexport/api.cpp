#include "api.h"

// Defined without the mark: the declaration above gave them C linkage and the export.
int Add(int a, int b) { return a + b; }
