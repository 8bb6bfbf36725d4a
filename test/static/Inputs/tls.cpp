// Thread-locals of a static program: an initialized one after an over-aligned one, so that the
// TLS segment's alignment (64) exceeds what the sections before it leave. A static glibc copies
// the initial TLS image from the segment's start; were that start not aligned, x would be read
// at the wrong offset (garbage, or a fault in glibc's own thread-locals on 386 and arm64).
#include <cstdint>
#include <cstdio>

alignas(64) thread_local char big[64];
thread_local int x = 42;

int main() {
  big[0] = 1;
  std::printf("x=%d big aligned=%d\n", x, int(reinterpret_cast<std::uintptr_t>(&big) % 64 == 0));
}
