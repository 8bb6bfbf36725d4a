// gocc tool: the inspection tools (gocc tool addr2line); see tool.cpp.
#pragma once

#include "llvm/ADT/ArrayRef.h"

#include <string>

// gocc tool [name [arguments]]; returns the exit status.
int cmdTool(llvm::ArrayRef<std::string> args);
