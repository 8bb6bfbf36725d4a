#include <cstdio>
#include <vector>

int lib() { return VALUE * 10; }
