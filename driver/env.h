// gocc env: the settings gocc builds with, as `go env` prints Go's.
#pragma once

#include "llvm/ADT/ArrayRef.h"

#include <string>

int cmdEnv(llvm::ArrayRef<std::string> args);
