#include "trace.h"

#include "errors.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

static bool isPlainWord(llvm::StringRef arg) {
  return arg.find_first_not_of(
             "abcdefghijklmnopqrstuvwxyz"
             "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
             "0123456789_-+=/.,:@%") == llvm::StringRef::npos;
}

// arg as a POSIX shell word: unchanged if it is plain, else in single quotes.
static std::string shellQuote(llvm::StringRef arg) {
  if (!arg.empty() && isPlainWord(arg)) return arg.str();
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

// arg as a shell word in which the work directory reads as $WORK, as in go's trace (its name is
// noise), and still expands when the line is run: $WORK/1_hello.o when the rest is plain, else
// "$WORK"'/1_my prog.o'.
static std::string traceWord(llvm::StringRef arg, llvm::StringRef workDir) {
  llvm::SmallVector<llvm::StringRef, 4> pieces;
  if (workDir.empty() || !arg.contains(workDir)) return shellQuote(arg);
  for (llvm::StringRef rest = arg;;) {
    auto [before, after] = rest.split(workDir);
    pieces.push_back(before);
    if (before.size() == rest.size()) break;
    rest = after;
  }
  bool plain = llvm::all_of(pieces, isPlainWord);
  std::string word;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (i > 0) word += plain ? "$WORK" : "\"$WORK\"";
    if (!pieces[i].empty()) word += plain ? pieces[i].str() : shellQuote(pieces[i]);
  }
  return word;
}

void CommandTrace::print(llvm::ArrayRef<std::string> argv, llvm::StringRef suffix) const {
  if (!enabled) return;
  std::string line;
  for (const std::string& arg : argv) {
    if (!line.empty()) line += ' ';
    line += traceWord(arg, workDir);
  }
  if (!suffix.empty()) line += " " + replaceAll(suffix, workDir, "$WORK");
  llvm::errs() << line << "\n";
}

void CommandTrace::comment(const std::string& text) const {
  if (enabled) llvm::errs() << replaceAll("# " + text, workDir, "$WORK") << "\n";
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
  if (file.empty()) return llvm::Error::success();
  std::error_code ec;
  os = std::make_unique<llvm::raw_fd_ostream>(file, ec, llvm::sys::fs::OF_Text);
  if (ec) return fail("open " + file + ": " + errnoText(ec));
  return llvm::Error::success();
}

StepTimes::~StepTimes() {
  if (os) llvm::consumeError(write());
}

llvm::Error StepTimes::write() {
  if (!os) return llvm::Error::success();
  llvm::raw_fd_ostream& out = *os;
  out << "[";
  for (size_t i = 0; i < steps.size(); i++)
    out << (i ? ",\n" : "") << "{\"name\":\"" << steps[i].name
        << "\",\"ph\":\"X\",\"ts\":" << steps[i].start << ",\"dur\":" << steps[i].duration
        << ",\"pid\":1,\"tid\":1}";
  out << "]\n";
  out.flush();
  std::error_code ec = out.has_error() ? out.error() : std::error_code();
  out.clear_error();
  os.reset();  // written once
  if (ec) return fail("write " + file + ": " + errnoText(ec));
  return llvm::Error::success();
}
