/* Compiled by plain clang and archived into libsquare.a. */
int square(int x) { return x * x; }
