// gocc c++ and gocc cc: the drop-in compiler driver, for build systems that run a C or C++
// compiler (CMake, Make) rather than gocc build. See dropin.cpp and docs/dropin.md.
#pragma once

#include "llvm/ADT/ArrayRef.h"

#include <string>

// Which clang driver gocc stands in for: clang++ (gocc c++, gocc-c++) or clang (gocc cc, gocc-cc).
enum class DropinDriver { CXX, C };

// gocc c++|cc [clang arguments]: answers as that clang would, except that an executable it links
// is a gocc program. Returns the exit status.
int cmdDropin(DropinDriver driver, llvm::ArrayRef<std::string> args);
