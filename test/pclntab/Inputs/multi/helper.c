/* A C unit: its function names are not mangled. */
int c_helper(int x) { return x * 2 + 1; }
