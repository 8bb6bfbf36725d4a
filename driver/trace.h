// -x: the commands a build runs, printed to stderr as shell commands before they run, like
// go build -x. Steps gocc does itself (instantiating the linker script, linking in-process,
// committing the output) are printed as the equivalent command, so the trace still reads as a
// script that would build the same executable. The work directory is written as $WORK.
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

class CommandTrace {
public:
  CommandTrace(bool enabled, std::string workDir) : enabled(enabled), workDir(std::move(workDir)) {}

  // Prints argv shell-quoted, then suffix as is (a redirection or a "# comment").
  void print(llvm::ArrayRef<std::string> argv, llvm::StringRef suffix = "") const;
  // Prints "# text": a step gocc does itself that no command does (building the pclntab).
  void comment(const std::string &text) const;

private:
  bool enabled;
  std::string workDir;
};
