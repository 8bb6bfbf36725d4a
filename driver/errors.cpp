#include "errors.h"

#include "help.h"

#include "llvm/Support/raw_ostream.h"

#include <cctype>
#include <cstring>

char Failure::ID;

llvm::Error fail(const llvm::Twine& message) { return fail(1, message); }

llvm::Error fail(int exitStatus, const llvm::Twine& message) {
  return llvm::make_error<Failure>(exitStatus, ("gocc: " + message).str(), false);
}

llvm::Error failQuietly() { return llvm::make_error<Failure>(1, "", false); }

llvm::Error usageError(const llvm::Twine& message) {
  return llvm::make_error<Failure>(2, ("gocc: " + message).str(), true);
}

llvm::Error flagError(const llvm::Twine& line) {
  return llvm::make_error<Failure>(2, line.str(), true);
}

std::string errnoText(int errnum) {
  std::string text = strerror(errnum);
  if (!text.empty()) text[0] = std::tolower(static_cast<unsigned char>(text[0]));
  return text;
}

std::string errnoText(std::error_code ec) {
  if (ec.category() == std::generic_category() || ec.category() == std::system_category())
    return errnoText(ec.value());
  return ec.message();
}

int report(llvm::Error err, llvm::StringRef command) {
  if (!err) return 0;
  int status = 1;
  llvm::handleAllErrors(
      std::move(err),
      [&](const Failure& f) {
        if (!f.line.empty()) llvm::errs() << f.line << "\n";
        if (f.showUsage) llvm::errs() << shortUsage(command);
        status = f.exitStatus;
      },
      // Errors from LLVM's own APIs that a step forgot to wrap: still one gocc line, never a crash.
      [&](const llvm::ErrorInfoBase& e) { llvm::errs() << "gocc: " << e.message() << "\n"; });
  llvm::errs().flush();
  return status;
}
