// What gocc says about itself: the command list, each command's help, and the short usage printed
// after a usage error.
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

// The overview printed by "gocc help" (and, to stderr, by "gocc" alone).
void printMainHelp(llvm::raw_ostream& os);

// The full help of a command or topic, or "" if there is none by that name.
llvm::StringRef helpText(llvm::StringRef topic);

// Two lines: the command's usage and where to read more. For "" (no command), the main usage.
std::string shortUsage(llvm::StringRef command);
