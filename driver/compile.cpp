#include "compile.h"

#include "config.h"
#include "errors.h"
#include "interrupt.h"
#include "target.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <cerrno>
#include <ctime>

namespace fs = llvm::sys::fs;

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
    std::string stem =
        work.file(std::to_string(jobs.size() + 1) + "_" + llvm::sys::path::stem(unit.path).str());
    job.objectPath = stem + ".o";
    job.depfilePath = stem + ".d";
    job.diagnosticsPath = stem + ".stderr";
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
      fs::make_absolute(absolute);
      llvm::sys::path::remove_dots(absolute, /*remove_dot_dot=*/true);
      source = absolute.str().str();
    }
    llvm::ArrayRef<std::string> userFlags = isCxx ? cxxflags : cflags;
    job.argv.insert(job.argv.end(), userFlags.begin(), userFlags.end());
    // The output files last but one, so that the command ID can leave them out.
    job.argv.insert(job.argv.end(),
                    {"-MD", "-MF", job.depfilePath, "-c", "-o", job.objectPath, source});
    jobs.push_back(std::move(job));
  }
  return jobs;
}

namespace {
constexpr size_t kOutputArgs = 6;  // -MD -MF <depfile> -c -o <object>, before the source
}  // namespace

std::vector<std::string> toolCommand(const CompileJob& job) {
  std::vector<std::string> argv(job.argv.begin(), job.argv.end() - 1 - kOutputArgs);
  argv.insert(argv.end(), {"-c", job.argv.back()});
  return argv;
}

namespace {

// What identifies the clang that runs: its version, and its file (a reinstalled clang of the
// same version may still compile differently).
std::string clangIdentity(const std::string& clang) {
  std::string identity = GOCC_CLANG_VERSION " " + clang;
  llvm::SmallString<256> real;
  struct stat st;
  if (!fs::real_path(clang, real) && stat(real.c_str(), &st) == 0)
    identity +=
        llvm::formatv(" {0} {1} {2}.{3}", real, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec)
            .str();
  return identity;
}

std::string commandIDOf(const CompileJob& job, bool trimpath) {
  static const std::string clang = clangIdentity(job.argv[0]);
  IDHasher h("compile command");
  h.add("gocc", GOCC_VERSION);
  h.add("clang", clang);
  size_t n = job.argv.size();
  for (size_t i = 1; i < n; ++i)
    if (i < n - 1 - kOutputArgs || i == n - 1) h.add("arg", job.argv[i]);
  if (!trimpath) {
    // The debug information records the working directory (DW_AT_comp_dir).
    llvm::SmallString<256> cwd;
    fs::current_path(cwd);
    h.add("cwd", cwd);
  }
  return h.hex();
}

std::string manifestActionID(llvm::StringRef commandID) {
  IDHasher h("compile manifest");
  h.add("command", commandID);
  return h.hex();
}

// A manifest: the objects one command made, newest first, each as the files it read and what
// clang printed. Text, length-prefixed where bytes are arbitrary:
//   gocc manifest v1
//   entry <number of files> <bytes of diagnostics>
//   <content id> <path>          (one line per file)
//   <diagnostics>
struct ManifestEntry {
  std::vector<Dependency> deps;
  std::string diagnostics;
};
constexpr size_t kManifestEntries = 32;  // the oldest fall off
constexpr llvm::StringLiteral kManifestHeader = "gocc manifest v1\n";

std::vector<ManifestEntry> parseManifest(llvm::StringRef text) {
  std::vector<ManifestEntry> entries;
  if (!text.consume_front(kManifestHeader)) return entries;
  while (!text.empty()) {
    auto [line, rest] = text.split('\n');
    llvm::SmallVector<llvm::StringRef, 3> f;
    line.split(f, ' ');
    size_t files, bytes;
    if (f.size() != 3 || f[0] != "entry" || f[1].getAsInteger(10, files) ||
        f[2].getAsInteger(10, bytes))
      return {};
    ManifestEntry e;
    for (size_t i = 0; i < files; ++i) {
      auto [dep, after] = rest.split('\n');
      auto [id, file] = dep.split(' ');
      if (id.size() != 64 || file.empty()) return {};
      e.deps.push_back({file.str(), id.str()});
      rest = after;
    }
    if (rest.size() < bytes) return {};
    e.diagnostics = rest.take_front(bytes).str();
    text = rest.drop_front(bytes);
    entries.push_back(std::move(e));
  }
  return entries;
}

std::string formatManifest(llvm::ArrayRef<ManifestEntry> entries) {
  std::string text = kManifestHeader.str();
  for (const ManifestEntry& e : entries) {
    text += llvm::formatv("entry {0} {1}\n", e.deps.size(), e.diagnostics.size()).str();
    for (const Dependency& d : e.deps) text += d.id + " " + d.path + "\n";
    text += e.diagnostics;
  }
  return text;
}

bool sameFiles(llvm::ArrayRef<Dependency> a, llvm::ArrayRef<Dependency> b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](auto& x, auto& y) {
           return x.path == y.path && x.id == y.id;
         });
}

}  // namespace

std::string objectActionID(const CompileJob& job) {
  IDHasher h("compile");
  h.add("command", job.commandID);
  for (const Dependency& d : job.deps) {
    h.add("file", d.path);
    h.add("content", d.id);
  }
  return h.hex();
}

void findCachedObjects(std::vector<CompileJob>& jobs, Cache& cache, bool trimpath, bool lookUp) {
  FileHashes hashes;  // the units share most headers: each is read once
  for (CompileJob& job : jobs) {
    job.commandID = commandIDOf(job, trimpath);
    if (!lookUp || !cache.enabled()) continue;
    auto manifest = cache.getBytes(manifestActionID(job.commandID));
    if (!manifest) continue;
    for (ManifestEntry& entry : parseManifest(*manifest)) {
      bool same = llvm::all_of(entry.deps, [&](const Dependency& d) {
        auto id = hashes.get(d.path);
        return id && *id == d.id;
      });
      if (!same) continue;
      job.deps = std::move(entry.deps);
      auto object = cache.getFile(objectActionID(job));
      if (!object) {
        job.deps.clear();
        break;  // the newest matching entry's object is gone: compile again
      }
      job.objectPath = *object;
      job.diagnostics = std::move(entry.diagnostics);
      job.cached = true;
      break;
    }
  }
}

// The file system's idea of now: the coarse clock it stamps modification times with, so that a
// file written after this instant has a time at or after it.
static int64_t fileSystemNow() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME_COARSE, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

static llvm::sys::ProcessInfo startCompile(const CompileJob& job, std::string& errorText) {
  std::vector<llvm::StringRef> args(job.argv.begin(), job.argv.end());
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, std::nullopt,
                                                llvm::StringRef(job.diagnosticsPath)};
  bool execFailed = false;
  llvm::sys::ProcessInfo process =
      llvm::sys::ExecuteNoWait(job.argv[0], args, /*Env=*/std::nullopt, redirects,
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

// Prints what clang printed for a job, now that it has ended, and keeps it for the cache.
static void passOnDiagnostics(CompileJob& job) {
  auto buf = llvm::MemoryBuffer::getFile(job.diagnosticsPath, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!buf) return;
  job.diagnostics = (*buf)->getBuffer().str();
  llvm::errs() << job.diagnostics;
}

llvm::Error runCompiles(llvm::MutableArrayRef<CompileJob> jobs, int parallel, bool verbose,
                        const CommandTrace& trace) {
  llvm::DenseMap<pid_t, CompileJob*> running;
  bool failed = false;
  std::string failure;  // what gocc itself must say about the first failure; "" if clang said it
  size_t next = 0;

  while (true) {
    while (!failed && !interruptSignal() && next < jobs.size() &&
           running.size() < size_t(parallel)) {
      CompileJob& job = jobs[next++];
      if (job.cached) {
        llvm::errs() << job.diagnostics;
        continue;
      }
      if (verbose) llvm::errs() << job.unit->path << "\n";
      trace.print(job.argv);
      if (trace.dryRun()) continue;
      std::string errorText;
      job.startedNs = fileSystemNow();
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
    CompileJob& job = *it->second;
    running.erase(it);
    stopPassingInterruptsTo(*pid);

    llvm::sys::ProcessInfo process;
    process.Pid = *pid;
    std::string errorText;
    llvm::sys::ProcessInfo result =
        llvm::sys::Wait(process, /*SecondsToWait=*/std::nullopt, &errorText);
    passOnDiagnostics(job);
    if (result.ReturnCode == 0) {
      job.cacheable = true;
      continue;
    }
    if (failed) continue;
    failed = true;
    // Killed by a signal, clang may have printed little or nothing; unless it was the user's ^C.
    if (result.ReturnCode == -2 && !interruptSignal())
      failure = job.unit->path + ": " + llvm::sys::path::filename(job.argv[0]).str() +
                " terminated: " + errorText;
  }

  if (!failed) return llvm::Error::success();
  return failure.empty() ? failQuietly() : fail(failure);
}

// The files in a make-style dependency list, as clang writes it for -MD: "target: a b \"
// continued over lines, a space in a name escaped as "\ ", '#' as "\#" and '$' as "$$".
static std::vector<std::string> parseDepfile(llvm::StringRef text) {
  std::vector<std::string> files;
  size_t colon = text.find(": ");
  if (colon == llvm::StringRef::npos) return files;
  std::string current;
  auto finish = [&] {
    if (!current.empty()) files.push_back(std::move(current));
    current.clear();
  };
  for (size_t i = colon + 2; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {
      char n = text[i + 1];
      if (n == '\n') {
        finish();
        ++i;
        continue;
      }
      if (n == ' ' || n == '#' || n == '\\') {
        current += n;
        ++i;
        continue;
      }
    }
    if (c == '$' && i + 1 < text.size() && text[i + 1] == '$') {
      current += '$';
      ++i;
      continue;
    }
    if (c == ' ' || c == '\n' || c == '\t') {
      finish();
      continue;
    }
    current += c;
  }
  finish();
  return files;
}

// Whether file was modified (or its inode changed) at or after the instant given.
static bool changedSince(const std::string& file, int64_t instantNs) {
  struct stat st;
  if (stat(file.c_str(), &st) != 0) return true;
  auto ns = [](const timespec& t) { return int64_t(t.tv_sec) * 1000000000 + t.tv_nsec; };
  return ns(st.st_mtim) >= instantNs || ns(st.st_ctim) >= instantNs;
}

void cacheCompiledObjects(llvm::MutableArrayRef<CompileJob> jobs, Cache& cache) {
  FileHashes fresh;  // read after the compiles, not the lookups' (older) reading
  for (CompileJob& job : jobs) {
    if (job.cached || !job.cacheable) continue;
    job.cacheable = false;
    auto depfile = llvm::MemoryBuffer::getFile(job.depfilePath);
    if (!depfile) continue;
    std::vector<Dependency> deps;
    bool ok = true;
    for (std::string& file : parseDepfile((*depfile)->getBuffer())) {
      auto id = fresh.get(file);
      if (!id || llvm::StringRef(file).contains('\n') || changedSince(file, job.startedNs)) {
        ok = false;
        break;
      }
      deps.push_back({std::move(file), *id});
    }
    if (!ok || deps.empty()) continue;
    job.deps = std::move(deps);
    job.cacheable = true;
    if (!cache.enabled()) continue;
    auto object = llvm::MemoryBuffer::getFile(job.objectPath, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!object) continue;
    cache.put(objectActionID(job), (*object)->getBuffer());
    // The new entry first; the others after it, as they were.
    std::string manifestID = manifestActionID(job.commandID);
    std::vector<ManifestEntry> entries = {{job.deps, job.diagnostics}};
    if (auto old = cache.getBytes(manifestID))
      for (ManifestEntry& e : parseManifest(*old))
        if (entries.size() < kManifestEntries && !sameFiles(e.deps, job.deps))
          entries.push_back(std::move(e));
    cache.put(manifestID, formatManifest(entries));
  }
}
