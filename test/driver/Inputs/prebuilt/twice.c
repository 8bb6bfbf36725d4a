/* Compiled by plain clang into twice.o. */
int twice(int x) { return 2 * x; }
