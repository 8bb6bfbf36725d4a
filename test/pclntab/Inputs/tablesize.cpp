// Code whose bytes depend on the table: an absolute reference (no PIC) to a symbol whose value
// is the table's size (defined by -ldflags --defsym). The two links give it different code.
#include <cstdio>
extern "C" char gocc_test_table_size[];
int main() { std::printf("%ld\n", (long)gocc_test_table_size); }
