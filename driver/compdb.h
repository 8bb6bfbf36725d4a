// gocc compdb [build flags] [files|dir]: the package's compile commands as a JSON compilation
// database (compile_commands.json), so that clangd and other tools see each unit as gocc
// compiles it: the same clang, gocc's flags and include directory, the -cxxflags or -cflags.
#pragma once

#include "llvm/ADT/ArrayRef.h"

#include <string>

int cmdCompdb(llvm::ArrayRef<std::string> args);
