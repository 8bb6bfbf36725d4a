// gocc info: reads what gocc executables say about themselves (driver/inspect.h).
#pragma once

#include "llvm/ADT/ArrayRef.h"

#include <string>

// gocc info [-m] [-json] [-v] file|dir...; returns the exit status.
int cmdInfo(llvm::ArrayRef<std::string> args);
