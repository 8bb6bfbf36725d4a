// GOARCH=arm64 builds an AArch64 executable that starts at _rt0_arm64_linux, laid out as Go
// lays out linux/arm64 programs (at 0x10000, segments 64 KiB-aligned), and runs under qemu:
// static constructors and destructors, iostream, exceptions, arguments, the exit status.
// RUN: env GOARCH=arm64 %gocc build -o %t %s
// RUN: llvm-readelf -h -l %t | FileCheck %s --check-prefix=ELF
// ELF: Machine: AArch64
// ELF: Requesting program interpreter: /lib/ld-linux-aarch64.so.1
// ELF: LOAD 0x000000 0x0000000000010000 0x0000000000010000 0x{{[0-9a-f]+}} 0x{{[0-9a-f]+}} R 0x10000
// ELF: LOAD 0x{{[0-9a-f]+}} 0x{{[0-9a-f]+}} 0x{{[0-9a-f]+}} 0x{{[0-9a-f]+}} 0x{{[0-9a-f]+}} R E 0x10000
// The entry point is _rt0_arm64_linux (gocc info names the symbol at the ELF header's entry).
// RUN: %gocc info %t | FileCheck %s --check-prefix=ENTRY
// ENTRY: {{^}}	Entry point: 0x{{[0-9a-f]+}} _rt0_arm64_linux{{$}}
// RUN: bash -c '%qemu-arm64 %t a b 2>&1; echo status=$?' | FileCheck %s
// CHECK: constructor
// CHECK-NEXT: hello from arm64, 3 arguments
// CHECK-NEXT: caught: thrown on arm64
// CHECK-NEXT: destructor
// CHECK-NEXT: status=3
#include <cstdio>
#include <iostream>
#include <stdexcept>

struct Global {
  Global() { std::puts("constructor"); }
  ~Global() { std::puts("destructor"); }
} global;

__attribute__((noinline)) void thrower() { throw std::runtime_error("thrown on arm64"); }

int main(int argc, char**) {
  std::cout << "hello from arm64, " << argc << " arguments" << std::endl;
  try {
    thrower();
  } catch (const std::exception& e) {
    std::cout << "caught: " << e.what() << std::endl;
  }
  return 3;
}
