// Sections the linker script does not name (orphans), read-only and writable, with
// __start_/__stop_ symbols: lld places them itself, and they must not move between the
// driver's two links.
#include <cstdio>
__attribute__((section("mysec"), used)) const int x = 42;
__attribute__((section("myrw"), used)) int y = 7;
extern "C" const int __start_mysec[], __stop_mysec[];
int main() { std::printf("%d %d %ld\n", x, y, (long)(__stop_mysec - __start_mysec)); }
