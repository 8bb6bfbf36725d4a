// -mcmodel=medium puts this big constant in .lrodata (large, read-only), which the linker script
// places with .rodata: it does not move when the table is added.
#include <cstdio>
static const char big[100000] = {1, 2, 3};
int main(int argc, char**) { std::printf("%d\n", big[argc]); }
