// The machine gocc compiles for: linux/amd64 at the microarchitecture level chosen by GOAMD64,
// as in Go (v1 = baseline x86-64, v2 = +SSE4.2/POPCNT, v3 = +AVX2/BMI, v4 = +AVX-512).
#pragma once

#include "llvm/Support/Error.h"

#include <string>

// The level (1 to 4) $GOAMD64 asks for; 1 when unset or empty. Any other value is an error with
// exit status 2, as go reports it.
llvm::Expected<int> goamd64Level();

// The clang flag for a level: -march=x86-64, -march=x86-64-v2, ...
std::string marchForLevel(int level);
