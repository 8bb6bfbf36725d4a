#include <cstdio>
#include <vector>

// An error inside the prefix's header, in a template instantiated by this unit.
int main() { return twice(3); }
