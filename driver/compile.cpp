#include "compile.h"

#include "errors.h"
#include "interrupt.h"
#include "target.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <sys/wait.h>
#include <cerrno>

std::vector<std::string> goccProgramFlags(const Toolchain& tc, int goamd64Level) {
  return {// Frame pointers, as Go keeps them: cheap stack walks for tracebacks and profiles.
          "-fno-omit-frame-pointer",
          // A frame larger than a page touches each page on the way down, so it meets a
          // goroutine stack's guard page instead of jumping over it into the memory below
          // (where Go's compiler checks the stack bound in every prologue).
          "-fstack-clash-protection",
          // One section per function and per object, so that the linker's --gc-sections
          // can drop each one nothing uses, not only whole files.
          "-ffunction-sections", "-fdata-sections", "-I" + tc.includeDir(),
          marchForLevel(goamd64Level)};
}

std::vector<CompileJob> planCompiles(const Package& pkg, const Toolchain& tc, int goamd64Level,
                                     llvm::ArrayRef<std::string> cxxflags,
                                     llvm::ArrayRef<std::string> cflags, bool trimpath,
                                     const WorkDir& work) {
  std::vector<CompileJob> jobs;
  std::vector<std::pair<std::string, std::string>> outsideDirs;
  if (trimpath) outsideDirs = outsideSourceDirs(pkg);
  for (const SourceUnit& unit : pkg.units) {
    bool isCxx = unit.language == Language::CXX;
    CompileJob job;
    job.unit = &unit;
    job.objectPath = work.file(std::to_string(jobs.size() + 1) + "_" +
                               llvm::sys::path::stem(unit.path).str() + ".o");
    job.argv = {isCxx ? tc.clangxx : tc.clang, isCxx ? "-std=c++20" : "-std=c17", "-O2", "-g"};
    std::vector<std::string> programFlags = goccProgramFlags(tc, goamd64Level);
    job.argv.insert(job.argv.end(), programFlags.begin(), programFlags.end());
    std::string source = unit.path;
    if (llvm::StringRef(source).starts_with("-"))
      source = "./" + source;  // a file, not one of clang's options
    if (trimpath) {
      // As go build -trimpath: no trace of where the package sat on the building machine.
      job.argv.insert(job.argv.end(),
                      {"-ffile-prefix-map=" + pkg.dir + "/=", "-fdebug-compilation-dir=."});
      for (const auto& [from, to] : outsideDirs)
        job.argv.push_back("-ffile-prefix-map=" + from + "=" + to);
      llvm::SmallString<256> absolute(unit.path);
      llvm::sys::fs::make_absolute(absolute);
      llvm::sys::path::remove_dots(absolute, /*remove_dot_dot=*/true);
      source = absolute.str().str();
    }
    llvm::ArrayRef<std::string> userFlags = isCxx ? cxxflags : cflags;
    job.argv.insert(job.argv.end(), userFlags.begin(), userFlags.end());
    job.argv.insert(job.argv.end(), {"-c", "-o", job.objectPath, source});
    jobs.push_back(std::move(job));
  }
  return jobs;
}

static llvm::sys::ProcessInfo startCompile(const CompileJob& job, std::string& errorText) {
  std::vector<llvm::StringRef> args(job.argv.begin(), job.argv.end());
  bool execFailed = false;
  llvm::sys::ProcessInfo process =
      llvm::sys::ExecuteNoWait(job.argv[0], args, /*Env=*/std::nullopt, /*Redirects=*/{},
                               /*MemoryLimit=*/0, &errorText, &execFailed);
  if (execFailed) process.Pid = 0;
  return process;
}

// Blocks until any child exits and returns its pid, leaving it to be reaped (WNOWAIT) by
// llvm::sys::Wait, which decodes the status. llvm::sys::Wait alone can only wait for one given
// child, which would leave a slot idle while an earlier, slower unit is still compiling.
static llvm::Expected<pid_t> waitForAnyChild() {
  siginfo_t info = {};
  while (waitid(P_ALL, 0, &info, WEXITED | WNOWAIT) != 0) {
    if (errno != EINTR) return fail("waiting for clang: " + errnoText(errno));
  }
  return info.si_pid;
}

llvm::Error runCompiles(llvm::ArrayRef<CompileJob> jobs, int parallel, bool verbose,
                        const CommandTrace& trace) {
  llvm::DenseMap<pid_t, const CompileJob*> running;
  bool failed = false;
  std::string failure;  // what gocc itself must say about the first failure; "" if clang said it
  size_t next = 0;

  while (true) {
    while (!failed && !interruptSignal() && next < jobs.size() &&
           running.size() < size_t(parallel)) {
      const CompileJob& job = jobs[next++];
      if (verbose) llvm::errs() << job.unit->path << "\n";
      trace.print(job.argv);
      std::string errorText;
      llvm::sys::ProcessInfo process = startCompile(job, errorText);
      if (process.Pid == 0) {
        failed = true;
        failure = "exec " + job.argv[0] + ": " + errorText;
        break;
      }
      running[process.Pid] = &job;
      passInterruptsTo(process.Pid);
    }
    if (running.empty()) break;

    auto pid = waitForAnyChild();
    if (!pid) return pid.takeError();  // the children can no longer be tracked
    auto it = running.find(*pid);
    if (it == running.end()) {
      // Not ours (gocc starts no other children while compiling); reap it so waitid moves on.
      waitpid(*pid, nullptr, 0);
      continue;
    }
    const CompileJob& job = *it->second;
    running.erase(it);
    stopPassingInterruptsTo(*pid);

    llvm::sys::ProcessInfo process;
    process.Pid = *pid;
    std::string errorText;
    llvm::sys::ProcessInfo result =
        llvm::sys::Wait(process, /*SecondsToWait=*/std::nullopt, &errorText);
    if (result.ReturnCode == 0 || failed) continue;
    failed = true;
    // Killed by a signal, clang may have printed little or nothing; unless it was the user's ^C.
    if (result.ReturnCode == -2 && !interruptSignal())
      failure = job.unit->path + ": " + llvm::sys::path::filename(job.argv[0]).str() +
                " terminated: " + errorText;
  }

  if (!failed) return llvm::Error::success();
  return failure.empty() ? failQuietly() : fail(failure);
}
