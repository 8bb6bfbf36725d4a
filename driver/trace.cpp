#include "trace.h"

#include "llvm/Support/raw_ostream.h"

// arg as a POSIX shell word: unchanged if it is plain, else in single quotes.
static std::string shellQuote(llvm::StringRef arg) {
  bool plain =
      !arg.empty() && arg.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                                            "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                            "0123456789_-+=/.,:@%") == llvm::StringRef::npos;
  if (plain)
    return arg.str();
  std::string quoted = "'";
  for (char c : arg) {
    if (c == '\'')
      quoted += "'\\''";
    else
      quoted += c;
  }
  return quoted + "'";
}

// line with every occurrence of from replaced by to.
static std::string replaceAll(llvm::StringRef line, llvm::StringRef from, llvm::StringRef to) {
  std::string out;
  for (size_t at; !from.empty() && (at = line.find(from)) != llvm::StringRef::npos;) {
    out += line.take_front(at);
    out += to;
    line = line.drop_front(at + from.size());
  }
  return out + line.str();
}

void CommandTrace::print(llvm::ArrayRef<std::string> argv, llvm::StringRef suffix) const {
  if (!enabled)
    return;
  std::string line;
  for (const std::string &arg : argv) {
    if (!line.empty())
      line += ' ';
    line += shellQuote(arg);
  }
  if (!suffix.empty())
    line += " " + suffix.str();
  // As in go's trace, the work directory's name is noise: it reads as $WORK.
  llvm::errs() << replaceAll(line, workDir, "$WORK") << "\n";
}

void CommandTrace::comment(const std::string &text) const {
  if (enabled)
    llvm::errs() << replaceAll("# " + text, workDir, "$WORK") << "\n";
}
