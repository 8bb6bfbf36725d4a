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
#include <unistd.h>
#include <cerrno>
#include <ctime>
#include <utility>

namespace fs = llvm::sys::fs;

std::vector<std::string> goccProgramFlags(const Toolchain& tc, const Target& target) {
  std::vector<std::string> flags = {
      // Frame pointers, as Go keeps them: cheap stack walks for tracebacks and profiles.
      "-fno-omit-frame-pointer",
      // No sibling calls: a call in tail position keeps its caller's frame, so that a
      // traceback shows every function on the way, as Go's do (Go never turns a call into
      // a jump). Its cost is measured by bench/tailcalls.sh (docs/traceback.md).
      "-fno-optimize-sibling-calls",
      // A frame larger than a page touches each page on the way down, so it meets a
      // goroutine stack's guard page instead of jumping over it into the memory below
      // (where Go's compiler checks the stack bound in every prologue).
      "-fstack-clash-protection",
      // One section per function and per object, so that the linker's --gc-sections
      // can drop each one nothing uses, not only whole files.
      "-ffunction-sections", "-fdata-sections", "-I" + tc.includeDir()};
  std::vector<std::string> targetFlags = targetCompileFlags(target);
  flags.insert(flags.end(), targetFlags.begin(), targetFlags.end());
  return flags;
}

std::vector<CompileJob> planCompiles(const Package& pkg, const Toolchain& tc, const Target& target,
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
    std::vector<std::string> programFlags = goccProgramFlags(tc, target);
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
    appendOutputArguments(job, source);
    jobs.push_back(std::move(job));
  }
  return jobs;
}

namespace {
constexpr size_t kOutputArgs = 6;  // -MD -MF <depfile> -c -o <object>, before the source
}  // namespace

void appendOutputArguments(CompileJob& job, const std::string& source,
                           llvm::StringRef dependencyFlag) {
  // The output files last but one, so that the command ID can leave them out.
  job.argv.insert(job.argv.end(), {dependencyFlag.str(), "-MF", job.depfilePath, "-c", "-o",
                                   job.objectPath, source});
}

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

// gocc's and clang's identity, as compile commands and PCH keys include it.
const std::string& compilerIdentity(const std::string& clang) {
  static const std::string identity = "gocc " GOCC_VERSION " clang " + clangIdentity(clang);
  return identity;
}

std::string commandIDOf(llvm::ArrayRef<std::string> argv, bool trimpath) {
  IDHasher h("compile command");
  h.add("compiler", compilerIdentity(argv[0]));
  size_t n = argv.size();
  for (size_t i = 1; i < n; ++i)
    if (i < n - 1 - kOutputArgs || i == n - 1) h.add("arg", argv[i]);
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

// Dependencies as manifests and PCH records list them: one "<content id> <path>" line each.
void appendDependencyLines(std::string& text, llvm::ArrayRef<Dependency> deps) {
  for (const Dependency& d : deps) text += d.id + " " + d.path + "\n";
}

// Takes count such lines from the front of text (all of it if count is npos) into deps; false
// if one is malformed.
bool takeDependencyLines(llvm::StringRef& text, size_t count, std::vector<Dependency>& deps) {
  for (size_t i = 0; i < count && !(count == llvm::StringRef::npos && text.empty()); ++i) {
    auto [line, after] = text.split('\n');
    auto [id, file] = line.split(' ');
    if (id.size() != 64 || file.empty()) return false;
    deps.push_back({file.str(), id.str()});
    text = after;
  }
  return true;
}

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
    if (!takeDependencyLines(rest, files, e.deps) || rest.size() < bytes) return {};
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
    appendDependencyLines(text, e.deps);
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

static int64_t nanoseconds(const timespec& t) { return int64_t(t.tv_sec) * 1000000000 + t.tv_nsec; }

static int64_t now(clockid_t clock) {
  timespec ts;
  clock_gettime(clock, &ts);
  return nanoseconds(ts);
}

// The file system's idea of now: the coarse clock it stamps modification times with, so that a
// file written after this instant has a time at or after it.
static int64_t fileSystemNow() { return now(CLOCK_REALTIME_COARSE); }

// When gocc started, by the precise clock. Files written before gocc ran may carry times up to
// this instant (the kernel stamps some with the precise clock: multigrain timestamps).
static const int64_t processStartNs = now(CLOCK_REALTIME);

// Returns a compile's start by the file system's clock, once that clock has passed the moment
// gocc started (at most one tick's wait, which the work before the first compile usually
// covers): a file written before gocc ran then never looks changed during the compile, however
// quickly the compile follows its writing.
static int64_t compileStartNs() {
  int64_t start;
  while ((start = fileSystemNow()) <= processStartNs) usleep(200);
  return start;
}

// Whether file was modified (or its inode changed) at or after the instant given.
static bool changedSince(const std::string& file, int64_t instantNs) {
  struct stat st;
  if (stat(file.c_str(), &st) != 0) return true;
  return nanoseconds(st.st_mtim) >= instantNs || nanoseconds(st.st_ctim) >= instantNs;
}

// The files a finished compile read, from its dependency list, with their content IDs now;
// nothing if one can no longer be read or changed since the compile started. gocc's own file,
// written just before the compile, is hashed but not dated (its time may equal the start's).
static std::optional<std::vector<Dependency>> readDependencies(const std::string& depfilePath,
                                                               int64_t startedNs, FileHashes& fresh,
                                                               llvm::StringRef ownFile = "") {
  auto depfile = llvm::MemoryBuffer::getFile(depfilePath);
  if (!depfile) return std::nullopt;
  std::vector<Dependency> deps;
  for (std::string& file : parseDependencyFile((*depfile)->getBuffer())) {
    auto id = fresh.get(file);
    if (!id || llvm::StringRef(file).contains('\n') ||
        (file != ownFile && changedSince(file, startedNs)))
      return std::nullopt;
    deps.push_back({std::move(file), *id});
  }
  if (deps.empty()) return std::nullopt;
  return deps;
}

static bool allUnchanged(llvm::ArrayRef<Dependency> deps, FileHashes& hashes) {
  return llvm::all_of(deps, [&](const Dependency& d) {
    auto id = hashes.get(d.path);
    return id && *id == d.id;
  });
}

// Looks up the object the command of commandID made from files that all still hash as they
// did; on a hit the job is cached, with that command, object, dependencies and diagnostics.
static bool findObject(CompileJob& job, llvm::StringRef commandID, Cache& cache,
                       FileHashes& hashes) {
  auto manifest = cache.getBytes(manifestActionID(commandID));
  if (!manifest) return false;
  for (ManifestEntry& entry : parseManifest(*manifest)) {
    if (!allUnchanged(entry.deps, hashes)) continue;
    CompileJob found = job;
    found.commandID = commandID.str();
    found.deps = std::move(entry.deps);
    auto object = cache.getFile(objectActionID(found));
    if (!object) return false;  // the newest matching entry's object is gone: compile again
    found.objectPath = *object;
    found.diagnostics = std::move(entry.diagnostics);
    found.cached = true;
    job = std::move(found);
    return true;
  }
  return false;
}

// The unit's command compiling through pch: -include-pch before the output arguments, so that
// the command ID still leaves those out.
static std::vector<std::string> throughPCH(llvm::ArrayRef<std::string> argv, const PCHBuild& pch) {
  std::vector<std::string> with(argv.begin(), argv.end());
  with.insert(with.end() - 1 - kOutputArgs, {"-include-pch", pch.files.pch});
  return with;
}

// Back to the unit's plain command: its PCH cannot be used, or named itself in diagnostics.
static void compilePlainly(CompileJob& job) {
  if (!job.pch) return;
  job.pch = nullptr;
  job.argv = std::exchange(job.plainArgv, {});
  job.commandID = std::exchange(job.plainCommandID, {});
}

void findCachedObjects(std::vector<CompileJob>& jobs, Cache& cache, bool trimpath, bool lookUp,
                       PCHBuilds* pchs, int parallel) {
  FileHashes hashes;  // the units share most headers: each is read once
  bool look = lookUp && cache.enabled();
  for (CompileJob& job : jobs) {
    job.commandID = commandIDOf(job.argv, trimpath);
    if (look && findObject(job, job.commandID, cache, hashes)) continue;
    PCHBuild* pch = pchs ? pchs->forUnit(job) : nullptr;
    if (!pch) continue;
    std::vector<std::string> argv = throughPCH(job.argv, *pch);
    std::string commandID = commandIDOf(argv, trimpath);
    job.plainArgv = std::exchange(job.argv, std::move(argv));
    job.plainCommandID = std::exchange(job.commandID, commandID);
    if (look && findObject(job, commandID, cache, hashes)) continue;
    job.pch = pch;
    pch->users++;
  }
  if (pchs) pchs->plan(jobs, hashes, lookUp, parallel);
}

// PCHs in the cache. Each has a directory, pch/<lookup key>/, holding the generated header
// (std.h) and the PCH (std.pch), and a record, an ordinary cache entry:
//   gocc pch v1
//   seen                         a unit with this prefix and these flags compiled plainly
// or
//   gocc pch v1
//   unusable                     the prefix does not precompile silently with these flags
// or
//   gocc pch v1
//   ready <content ID of std.pch>
//   <content id> <path>          one line per file the PCH read, std.h first
constexpr llvm::StringLiteral kPCHRecordHeader = "gocc pch v1\n";

static std::string pchRecordID(llvm::StringRef key) {
  IDHasher h("pch record");
  h.add("key", key);
  return h.hex();
}

PCHBuild* PCHBuilds::forUnit(const CompileJob& job) {
  if (!enabled || !cache.enabled() || flagsIncludeFiles(job.argv)) return nullptr;
  auto source = llvm::MemoryBuffer::getFile(job.unit->path);
  if (!source) return nullptr;
  std::optional<StandardPrefix> prefix = standardPrefix((*source)->getBuffer(), job.unit->language);
  if (!prefix) return nullptr;
  std::string identity = compilerIdentity(job.argv[0]);
  if (flagsNameRelativePaths(job.argv)) {
    llvm::SmallString<256> cwd;
    fs::current_path(cwd);
    identity += " in " + cwd.str().str();
  }
  std::string key = pchLookupKey(identity, job.argv, *prefix);
  for (auto& pch : all)
    if (pch->key == key) return pch.get();
  auto pch = std::make_unique<PCHBuild>();
  pch->key = key;
  pch->files = PCHFiles::in(cache.path() + "/pch/" + key);
  pch->language = job.unit->language;
  pch->headerText = prefix->headerText();
  pch->unitArgv = job.argv;
  all.push_back(std::move(pch));
  return all.back().get();
}

void PCHBuilds::plan(llvm::MutableArrayRef<CompileJob> jobs, FileHashes& hashes, bool lookUp,
                     int parallel) {
  for (auto& pch : all) {
    if (pch->users == 0) continue;
    std::optional<std::string> record;
    if (lookUp) record = cache.getBytes(pchRecordID(pch->key));
    llvm::StringRef text = record ? llvm::StringRef(*record) : "";
    bool seen = text.consume_front(kPCHRecordHeader);
    if (seen) {
      auto [status, rest] = text.split('\n');
      std::vector<Dependency> deps;
      bool parsed = takeDependencyLines(rest, llvm::StringRef::npos, deps);
      if (status == "unusable") {
        pch->state = PCHBuild::State::Unusable;
      } else if (parsed && status.consume_front("ready ") &&
                 hashes.get(pch->files.pch) == status.str() && allUnchanged(deps, hashes)) {
        pch->state = PCHBuild::State::Ready;
        pch->deps = std::move(deps);
        cache.markUsed(pch->files.pch);
      }
    }
    // Built now when the prefix was seen before (a second unit, or the same unit edited), or
    // when enough units of this build share it to repay the wait (twice as many as compile at
    // once); otherwise only noted as seen, and its units compile plainly.
    if (pch->state == PCHBuild::State::Absent) {
      pch->needed = seen || pch->users >= 2u * parallel;
      if (!pch->needed) cache.put(pchRecordID(pch->key), kPCHRecordHeader.str() + "seen\n");
    }
  }
  for (CompileJob& job : jobs)
    if (job.pch && job.pch->state != PCHBuild::State::Ready && !job.pch->needed)
      compilePlainly(job);
}

std::error_code replaceFile(const std::string& file, llvm::StringRef bytes) {
  std::string tmp = file + ".tmp" + std::to_string(getpid());
  std::error_code ec;
  {
    llvm::raw_fd_ostream os(tmp, ec);
    if (!ec) {
      os << bytes;
      os.close();
      ec = os.error();
    }
  }
  if (!ec) ec = fs::rename(tmp, file);
  if (ec) fs::remove(tmp);
  return ec;
}

// Replaces file by bytes unless it holds them already (replaceFile).
static bool writeFileAtomically(const std::string& file, llvm::StringRef bytes) {
  auto old = llvm::MemoryBuffer::getFile(file);
  if (old && (*old)->getBuffer() == bytes) return true;
  return !replaceFile(file, bytes);
}

bool PCHBuilds::start(PCHBuild& pch, const CommandTrace& trace) {
  pch.temporaryPCH = pch.files.pch + ".tmp" + std::to_string(getpid());
  std::string stem = work.file("pch_" + pch.key.substr(0, 16));
  pch.depfilePath = stem + ".d";
  pch.diagnosticsPath = stem + ".stderr";
  PCHFiles outputs = {pch.files.header, pch.temporaryPCH, pch.depfilePath};
  std::vector<std::string> argv = pchBuildCommand(pch.unitArgv, pch.language, outputs);
  trace.print({"cat"}, " >" + pch.files.header + " <<'EOF'\n" + pch.headerText + "EOF");
  trace.print(argv);
  if (trace.dryRun()) {
    pch.state = PCHBuild::State::Ready;
    return true;
  }
  std::string dir = llvm::sys::path::parent_path(pch.files.pch).str();
  if (fs::create_directories(dir) || !writeFileAtomically(pch.files.header, pch.headerText)) {
    pch.state = PCHBuild::State::Unusable;  // a read-only cache: compiled plainly
    return false;
  }
  std::vector<llvm::StringRef> args(argv.begin(), argv.end());
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, std::nullopt,
                                                llvm::StringRef(pch.diagnosticsPath)};
  bool execFailed = false;
  pch.startedNs = compileStartNs();
  llvm::sys::ProcessInfo process =
      llvm::sys::ExecuteNoWait(argv[0], args, /*Env=*/std::nullopt, redirects,
                               /*MemoryLimit=*/0, nullptr, &execFailed);
  if (execFailed || process.Pid <= 0) {
    pch.state = PCHBuild::State::Unusable;
    return false;
  }
  pch.pid = process.Pid;
  pch.state = PCHBuild::State::Building;
  passInterruptsTo(pch.pid);
  return true;
}

void PCHBuilds::finished(PCHBuild& pch, int status) {
  stopPassingInterruptsTo(pch.pid);
  pch.pid = 0;
  pch.state = PCHBuild::State::Unusable;
  auto diagnostics = llvm::MemoryBuffer::getFile(pch.diagnosticsPath);
  bool silent = diagnostics && (*diagnostics)->getBufferSize() == 0;
  if (status != 0 || !silent) {
    fs::remove(pch.temporaryPCH);
    // Killed (^C, out of memory) says nothing about the prefix; a failure or a warning does.
    if (status != -2) cache.put(pchRecordID(pch.key), kPCHRecordHeader.str() + "unusable\n");
    return;
  }
  FileHashes fresh;
  auto deps = readDependencies(pch.depfilePath, pch.startedNs, fresh, pch.files.header);
  std::optional<std::string> pchID = fresh.get(pch.temporaryPCH);
  if (!deps || !pchID || fs::rename(pch.temporaryPCH, pch.files.pch)) {
    fs::remove(pch.temporaryPCH);  // a header changed while it was built: not this build's
    return;
  }
  std::string record = kPCHRecordHeader.str() + "ready " + *pchID + "\n";
  appendDependencyLines(record, *deps);
  cache.put(pchRecordID(pch.key), record);
  pch.deps = std::move(*deps);
  pch.state = PCHBuild::State::Ready;
}

static llvm::sys::ProcessInfo startCompile(const CompileJob& job, std::string& errorText) {
  // The redirection opens the file without truncating it: a second try must not see the first's.
  fs::remove(job.diagnosticsPath);
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

// What clang printed for a job, now that it has ended.
static std::string readDiagnostics(const CompileJob& job) {
  auto buf = llvm::MemoryBuffer::getFile(job.diagnosticsPath, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  return buf ? (*buf)->getBuffer().str() : "";
}

llvm::Error runCompiles(llvm::MutableArrayRef<CompileJob> jobs, PCHBuilds* pchs, int parallel,
                        bool verbose, const CommandTrace& trace) {
  struct Process {
    CompileJob* job = nullptr;  // a unit's compile, or
    PCHBuild* pch = nullptr;    // a PCH's build
  };
  llvm::DenseMap<pid_t, Process> running;
  std::vector<bool> started(jobs.size());
  bool failed = false;
  std::string failure;  // what gocc itself must say about the first failure; "" if clang said it

  auto pchToBuild = [&]() -> PCHBuild* {
    if (!pchs) return nullptr;
    for (auto& pch : pchs->all)
      if (pch->state == PCHBuild::State::Absent && pch->needed) return pch.get();
    return nullptr;
  };
  // Units waiting for a PCH that is not coming compile plainly.
  auto givenUp = [&](PCHBuild& pch) {
    if (pch.state != PCHBuild::State::Unusable) return;
    for (size_t i = 0; i < jobs.size(); ++i)
      if (!started[i] && jobs[i].pch == &pch) compilePlainly(jobs[i]);
  };
  // The next unit in input order, if it can start (its PCH, if any, is ready). Units start in
  // input order, so that -v and -x list them in that order.
  auto nextJob = [&]() -> CompileJob* {
    for (size_t i = 0; i < jobs.size(); ++i) {
      if (started[i]) continue;
      if (jobs[i].pch && jobs[i].pch->state != PCHBuild::State::Ready) return nullptr;
      started[i] = true;
      return &jobs[i];
    }
    return nullptr;
  };

  while (true) {
    while (!failed && !interruptSignal() && running.size() < size_t(parallel)) {
      if (PCHBuild* pch = pchToBuild()) {
        if (pchs->start(*pch, trace) && pch->state == PCHBuild::State::Building)
          running[pch->pid] = {nullptr, pch};
        givenUp(*pch);
        continue;
      }
      if (CompileJob* next = nextJob()) {
        CompileJob& job = *next;
        if (job.cached) {
          llvm::errs() << job.diagnostics;
          continue;
        }
        if (verbose) llvm::errs() << job.unit->path << "\n";
        trace.print(job.argv);
        if (trace.dryRun()) continue;
        std::string errorText;
        job.startedNs = compileStartNs();
        llvm::sys::ProcessInfo process = startCompile(job, errorText);
        if (process.Pid == 0) {
          failed = true;
          failure = "exec " + job.argv[0] + ": " + errorText;
          break;
        }
        running[process.Pid] = {&job, nullptr};
        passInterruptsTo(process.Pid);
        continue;
      }
      break;
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
    Process ended = it->second;
    running.erase(it);
    llvm::sys::ProcessInfo process;
    process.Pid = *pid;
    std::string errorText;
    llvm::sys::ProcessInfo result =
        llvm::sys::Wait(process, /*SecondsToWait=*/std::nullopt, &errorText);

    if (ended.pch) {
      pchs->finished(*ended.pch, result.ReturnCode);
      givenUp(*ended.pch);
      continue;
    }
    CompileJob& job = *ended.job;
    stopPassingInterruptsTo(*pid);
    std::string diagnostics = readDiagnostics(job);
    if (job.pch && mentionsPCH(diagnostics, job.pch->files)) {
      compilePlainly(job);  // and again, so that the user sees the plain compile's diagnostics
      started[&job - jobs.data()] = false;
      continue;
    }
    job.diagnostics = std::move(diagnostics);
    llvm::errs() << job.diagnostics;
    job.exitStatus = result.ReturnCode;
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

void cacheCompiledObjects(llvm::MutableArrayRef<CompileJob> jobs, Cache& cache) {
  FileHashes fresh;  // read after the compiles, not the lookups' (older) reading
  for (CompileJob& job : jobs) {
    if (job.cached || !job.cacheable) continue;
    job.cacheable = false;
    auto deps = readDependencies(job.depfilePath, job.startedNs, fresh);
    if (!deps) continue;
    // The PCH holds its headers as they were when it was built.
    if (job.pch && !allUnchanged(job.pch->deps, fresh)) continue;
    job.deps = std::move(*deps);
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
