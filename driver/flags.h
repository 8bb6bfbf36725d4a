// Command-line flags, parsed the way Go's flag package parses them.
//
// A flag is -name or --name; its value follows as -name=value or as the next argument, except for
// boolean flags, which take no separate value (-v, or -v=false). Flags must come before the other
// arguments: parsing stops at the first argument that is not a flag ("-" alone is not one), and
// after "--". Errors use the flag package's wording ("flag provided but not defined: -zz") so that
// gocc reads like go.
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <string>
#include <vector>

class FlagSet {
public:
  void addBool(llvm::StringRef name, bool& value);
  void addString(llvm::StringRef name, std::string& value);
  // A count that must be at least 1 (such as -p).
  void addPositiveInt(llvm::StringRef name, int& value);
  // A list written as one argument and split like a shell would (see splitQuoted).
  void addQuotedList(llvm::StringRef name, std::vector<std::string>& value);

  // Sets the flags at the front of args and returns the arguments after them. -h and -help ask for
  // the usage: that is a usage error without a message, as in go.
  llvm::Expected<std::vector<std::string>> parse(llvm::ArrayRef<std::string> args);

private:
  struct Flag {
    std::string name;
    bool isBool;
    // Stores a value; returns why it is invalid, or "" if it was stored.
    std::function<std::string(llvm::StringRef)> set;
  };
  const Flag* find(llvm::StringRef name) const;

  std::vector<Flag> flags;
};

// Splits s into words at white space; single or double quotes group a word that contains white
// space, and are removed. Nothing is unescaped inside quotes (as Go's -gcflags lists). An
// unterminated quote is an error.
llvm::Expected<std::vector<std::string>> splitQuoted(llvm::StringRef s);
