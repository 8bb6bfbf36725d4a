// gocc::runtime::Version() names the toolchain the program was built with.
// RUN: %gocc build -o %t %s
// RUN: %t | FileCheck %s -DVERSION=%version
#include <gocc/runtime.h>

#include <cstdio>

int main() { printf("version=%s\n", gocc::runtime::Version()); }
// CHECK: version=gocc[[VERSION]]{{$}}
