#include "trace.h"

#include "errors.h"

#include "llvm/Support/FileSystem.h"
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

StepTimes::StepTimes(std::string file) : file(std::move(file)), origin(Clock::now()) {}

int64_t StepTimes::now() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - origin).count();
}

void StepTimes::end(llvm::StringRef step) {
  int64_t t = now();
  steps.push_back({step.str(), last, t - last});
  last = t;
}

llvm::Error StepTimes::open() {
  if (file.empty())
    return llvm::Error::success();
  std::error_code ec;
  os = std::make_unique<llvm::raw_fd_ostream>(file, ec, llvm::sys::fs::OF_Text);
  if (ec)
    return fail("open " + file + ": " + errnoText(ec));
  return llvm::Error::success();
}

StepTimes::~StepTimes() {
  if (os)
    llvm::consumeError(write());
}

llvm::Error StepTimes::write() {
  if (!os)
    return llvm::Error::success();
  llvm::raw_fd_ostream &out = *os;
  out << "[";
  for (size_t i = 0; i < steps.size(); i++)
    out << (i ? ",\n" : "") << "{\"name\":\"" << steps[i].name << "\",\"ph\":\"X\",\"ts\":"
       << steps[i].start << ",\"dur\":" << steps[i].duration << ",\"pid\":1,\"tid\":1}";
  out << "]\n";
  out.flush();
  std::error_code ec = out.has_error() ? out.error() : std::error_code();
  out.clear_error();
  os.reset(); // written once
  if (ec)
    return fail("write " + file + ": " + errnoText(ec));
  return llvm::Error::success();
}
