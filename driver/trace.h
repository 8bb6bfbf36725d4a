// -x: the commands a build runs, printed to stderr as shell commands before they run, like
// go build -x. Steps gocc does itself (instantiating the linker script, linking in-process,
// committing the output) are printed as the equivalent command, so the trace still reads as a
// script that would build the same executable. The work directory is written as $WORK.
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

class CommandTrace {
public:
  // dryRun (-n) prints the commands as -x does; the steps then do not run them.
  CommandTrace(bool enabled, std::string workDir, bool dryRun = false)
      : enabled(enabled || dryRun), dry(dryRun), workDir(std::move(workDir)) {}

  bool dryRun() const { return dry; }

  // Prints argv shell-quoted, then suffix as is (a redirection or a "# comment").
  void print(llvm::ArrayRef<std::string> argv, llvm::StringRef suffix = "") const;
  // Prints "# text": a step gocc does itself that no command does (building the pclntab).
  void comment(const std::string& text) const;

private:
  bool enabled;
  bool dry;
  std::string workDir;
};

// -debug-trace=file (go build's flag): how long each step of the build took, written as Chrome
// trace events ("ph":"X", microseconds) to file when the build ends: all steps on success, the
// steps done so far on failure (still a valid trace). bench/pclntab.sh reads it for the cost of
// the pclntab step and the second link.
class StepTimes {
public:
  explicit StepTimes(std::string file);
  ~StepTimes();  // writes the steps so far, if write() was not called

  // Creates the file now, so that a bad path fails the build before it starts (as go build's).
  llvm::Error open();
  // Records the step that ran since the previous call (or since construction).
  void end(llvm::StringRef step);
  // Writes the events; nothing without a file.
  llvm::Error write();

private:
  struct Step {
    std::string name;
    int64_t start, duration;  // µs since construction
  };
  using Clock = std::chrono::steady_clock;
  int64_t now() const;

  std::string file;
  std::unique_ptr<llvm::raw_fd_ostream> os;
  Clock::time_point origin;
  int64_t last = 0;
  std::vector<Step> steps;
};
