// gocc tool pch: the standard-header PCH on one unit, for tests and measurements; see pchtool.cpp.
#pragma once

#include "llvm/ADT/ArrayRef.h"

#include <string>

// gocc tool pch SUBCOMMAND ...; returns the exit status.
int cmdToolPCH(llvm::ArrayRef<std::string> args);
