// Read-only "large" data (SHF_X86_64_LARGE) in a section neither the linker script nor any code
// names: lld places this orphan after .gopclntab, which has its rank, so the table's size moves
// it. .lrodata itself is named by the script; this one is not. It is marked retained ("R",
// SHF_GNU_RETAIN) so that --gc-sections keeps it although nothing refers to it.
#include <cstdio>
asm(".section gocc_test_large,\"alR\"\n.byte 1\n.previous");
int main() { std::puts("large"); }
