// gocc::runtime::Version() names the toolchain the program was built with.
// RUN: %gocc build -o %t %s
// RUN: %t | FileCheck %s -DVERSION=%version
#include <gocc/runtime.h>

#include <cstdio>

int main() { printf("version=%s\n", gocc::runtime::Version()); }
// The version embedded by the driver: the toolchain and the Clang it compiled with, as
// `go version -m` and gocc::debug::ReadBuildInfo also show it.
// CHECK: version=gocc[[VERSION]] clang{{[0-9]+\.[0-9]+\.[0-9]+}}{{$}}
