// How gocc fails.
//
// Every failure ends the command the same way: at most one line on stderr and an exit status, as
// with the go command. Status 1 means the build failed ("gocc: open x.cpp: no such file or
// directory"); status 2 means gocc was used wrongly, and the command's short usage follows the
// line. When clang or lld has already said what went wrong, the failure carries no line at all:
// their diagnostics reach the user unchanged and gocc adds nothing.
//
// Failures travel as llvm::Error, so each step returns Error/Expected and the command that called
// it reports the first one (report()). Nothing in the driver exits or aborts from below.
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <string>
#include <system_error>

class Failure : public llvm::ErrorInfo<Failure> {
public:
  static char ID;

  Failure(int exitStatus, std::string line, bool showUsage)
      : exitStatus(exitStatus), line(std::move(line)), showUsage(showUsage) {}

  int exitStatus;
  std::string line;  // printed as is; empty when a tool has already explained
  bool showUsage;    // follow the line with the command's short usage

  void log(llvm::raw_ostream& os) const override { os << line; }
  std::error_code convertToErrorCode() const override { return llvm::inconvertibleErrorCode(); }
};

// The build failed: prints "gocc: <message>", exit status 1.
llvm::Error fail(const llvm::Twine& message);
// Like fail, with another exit status (2 for a bad environment variable, as go does).
llvm::Error fail(int exitStatus, const llvm::Twine& message);
// The build failed and a tool (clang, lld) has already printed why: exit status 1, nothing printed.
llvm::Error failQuietly();
// gocc was used wrongly: prints "gocc: <message>" and the command's usage, exit status 2.
llvm::Error usageError(const llvm::Twine& message);
// A command-line flag was wrong: prints line as is (Go's flag package wording) and the usage.
llvm::Error flagError(const llvm::Twine& line);

// An OS error in Go's words: strerror's text starting in lower case ("no such file or directory").
std::string errnoText(std::error_code ec);
std::string errnoText(int errnum);

// Prints err as described above and returns its exit status (0 for success). command names the
// usage to show ("build", "run", ...).
int report(llvm::Error err, llvm::StringRef command);
