// gocc clean -cache: empties the build cache, as go clean -cache empties Go's.
#pragma once

#include "llvm/ADT/ArrayRef.h"

#include <string>

int cmdClean(llvm::ArrayRef<std::string> args);
