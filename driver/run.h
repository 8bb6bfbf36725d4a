// gocc run: build a program into the work directory and run it.
#pragma once

#include "llvm/ADT/ArrayRef.h"

#include <string>

// gocc run [build flags] files|dir [arguments...]; returns the program's exit status, or ends gocc
// with the program's signal.
int cmdRun(llvm::ArrayRef<std::string> args);
