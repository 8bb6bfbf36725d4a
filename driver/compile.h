// Compiling: each source unit becomes one object, made by one clang process or found in the
// build cache.
//
// Clang is exec'd rather than run in-process: a unit's time goes to parsing headers, not to
// starting clang (measured: <iostream> hello world 355 ms exec'd vs ~300 ms in-process), and
// separate processes give parallelism and crash isolation for free. Up to -p processes run at a
// time. When a unit fails, the units already running finish (so their diagnostics are complete)
// but no new one starts.
//
// The cache is used as ccache's direct mode uses its own. A unit's command ID covers the clang
// command without its input's bytes: clang itself, gocc's version, every argument but the
// output files, and the working directory unless -trimpath takes it out of the object. Under
// the command ID the cache keeps a manifest: for each object made by that command, the source
// and headers clang read (its -MD list) with their content IDs, and what clang printed. A unit
// whose files all still hash as one entry lists them has that entry's object (the action ID
// hashes the command ID with the list), and its diagnostics are printed again, so that a
// cached build says what a fresh one would. Clang's stderr is captured for that, and printed
// when the unit ends.
//
// What a compile read is hashed after it ran, and is not cached if any file changed while it
// ran (modified at or after the compile started, by the file system's own clock): the object
// might not be what those bytes give. Known limit, as in ccache's direct mode: a header created
// where it shadows one the manifest lists (an earlier include directory) is not noticed; -a
// rebuilds everything.
//
// Standard-header PCHs (pch.h, docs/pch.md). A unit that misses the cache and opens with a run
// of standard #includes is compiled through the PCH of that run, with its own flags, when the
// cache holds a current one. The cache keeps a PCH in its pch/<lookup key>/ directory and, as an
// ordinary entry, a record of it: whether the prefix precompiles silently, the PCH's content ID
// and the headers it read with theirs. A PCH is current when all of those still hash as
// recorded. A PCH not in the cache is built before its units compile when the prefix was seen
// before (the record notes each prefix a unit compiled plainly with) or when enough units of the
// build share it to repay the wait (twice as many as compile at once); otherwise the units
// compile plainly, so that a one-off unit, or a cold build of a small program, pays nothing for
// a PCH no one may use again. A compile through a PCH whose diagnostics name the PCH's files (a
// warning inside a standard header; clang refusing the PCH) is done again plainly, so that the
// user sees the plain compile's diagnostics. An object compiled through a PCH is cached under
// its own command (with -include-pch) and only if the PCH's headers still hash as recorded after
// the compile, so a header edited meanwhile cannot put a stale object in the cache.
//
// -trimpath builds use no PCH: a PCH compile's debug information lacks the prefix headers'
// using-declarations (docs/pch.md), so whether a unit went through a PCH, which depends on the
// cache's contents, would show in the executable's bytes, and -trimpath promises the same
// bytes from every build of the same inputs.
#pragma once

#include "cache.h"
#include "package.h"
#include "pch.h"
#include "toolchain.h"
#include "trace.h"
#include "workdir.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <sys/types.h>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

// A file a compile read (the source or a header), and its content ID.
struct Dependency {
  std::string path;  // as clang named it in its dependency list
  std::string id;
};

// One standard-header PCH that units of this build compile through, or that the build makes.
struct PCHBuild {
  enum class State {
    Absent,    // not in the cache: to be built
    Building,  // clang is building it
    Ready,     // current (found in the cache, or built and recorded by this build)
    Unusable,  // the prefix does not precompile silently, or the build could not make it
  };
  std::string key;  // pchLookupKey
  PCHFiles files;   // in the cache's pch/<key>/ directory
  Language language;
  std::string headerText;             // the prefix as a header (std.h)
  std::vector<std::string> unitArgv;  // the plain command of a unit it is for: its flags
  std::vector<Dependency> deps;       // once Ready: the headers it read, with their IDs
  State state = State::Absent;
  bool needed = false;  // to be built now, its units waiting for it; else they compile plainly
  unsigned users = 0;   // units of this build with this prefix that the cache did not have

  // While Building: the process, and its files in the work directory.
  pid_t pid = 0;
  int64_t startedNs = 0;
  std::string temporaryPCH;  // beside files.pch, renamed onto it when recorded
  std::string depfilePath;
  std::string diagnosticsPath;
};

struct CompileJob {
  const SourceUnit* unit;
  std::vector<std::string> argv;  // argv[0] is the clang to run
  std::string objectPath;         // <work>/<n>_<stem>.o, n counting from 1 in input order; the
                                  // cache's file instead when the object was found there
  std::string depfilePath;        // <work>/<n>_<stem>.d, what clang read (-MD)
  std::string diagnosticsPath;    // <work>/<n>_<stem>.stderr
  std::string commandID;          // the command, not yet its inputs' bytes
  std::vector<Dependency> deps;   // what the object is made of, once known
  std::string diagnostics;        // what clang printed making it
  int64_t startedNs = 0;          // when clang started, by the file system's clock
  bool cached = false;            // found in the cache
  bool cacheable = false;         // compiled, and nothing it read changed meanwhile
  int exitStatus = 0;             // clang's, once it ran

  // A unit compiled through a PCH: argv and commandID are then the command with -include-pch,
  // and these the plain one's, for compiling it again without.
  PCHBuild* pch = nullptr;
  std::vector<std::string> plainArgv;
  std::string plainCommandID;
};

// The PCHs of one build.
class PCHBuilds {
public:
  PCHBuilds(Cache& cache, const WorkDir& work, bool enabled)
      : cache(cache), work(work), enabled(enabled) {}

  // The PCH the unit of this plain command would compile through, or null (no standard prefix,
  // PCHs off).
  PCHBuild* forUnit(const CompileJob& job);
  // Looks each PCH up in the cache (unless lookUp is false: -a) and decides which are built
  // first; units whose PCH is neither current nor built first compile plainly.
  void plan(llvm::MutableArrayRef<CompileJob> jobs, FileHashes& hashes, bool lookUp, int parallel);
  // Starts building pch: writes its header, runs clang on it. False if it cannot start.
  bool start(PCHBuild& pch, const CommandTrace& trace);
  // After pch's clang exited with status (-2 for a signal): records the PCH in the cache if it
  // precompiled silently and no header changed meanwhile, and sets its state.
  void finished(PCHBuild& pch, int status);

  std::vector<std::unique_ptr<PCHBuild>> all;

private:
  Cache& cache;
  const WorkDir& work;
  bool enabled;
};

// The flags every unit of a gocc program is compiled with, whatever its language and
// optimisation level (frame pointers, stack-clash probes, a section per function and object,
// gocc's headers, the target's --target and -march): gocc build's units and gocc c++'s compiles
// alike.
std::vector<std::string> goccProgramFlags(const Toolchain& tc, const Target& target);

// The clang command of each unit: gocc's defaults (-std, -O2, -g, goccProgramFlags), then -cxxflags
// for a C++ unit or -cflags for a C one (so they can override the defaults; a C++ standard never
// reaches a C unit), then the unit. With trimpath, the debug information names the package's files
// relative to the package directory (the unit is then given to clang by its absolute path, so
// that the prefix map applies to it).
std::vector<CompileJob> planCompiles(const Package& pkg, const Toolchain& tc, const Target& target,
                                     llvm::ArrayRef<std::string> cxxflags,
                                     llvm::ArrayRef<std::string> cflags, bool trimpath,
                                     const WorkDir& work);

// Ends job.argv with the output arguments, as every compile the cache takes ends: dependencyFlag
// (-MD, or -MMD when the command asks for that format) -MF depfilePath -c -o objectPath source.
// The command ID leaves out all of them but the source.
void appendOutputArguments(CompileJob& job, const std::string& source,
                           llvm::StringRef dependencyFlag = "-MD");

// Fills in each job's command ID and, if lookUp, looks its object up in the cache, made plainly
// or through its PCH; a job found there is marked cached, with its deps, diagnostics and the
// cache's object file. With pchs, the jobs not found are planned through their PCHs (see
// above); parallel is how many compiles run at once.
void findCachedObjects(std::vector<CompileJob>& jobs, Cache& cache, bool trimpath, bool lookUp,
                       PCHBuilds* pchs = nullptr, int parallel = 1);

// Runs the jobs not cached, and the PCH builds they wait for, at most `parallel` processes at
// once.
// Units start in input order. -v (verbose) names each unit as it starts, -x (trace) prints its
// command; -n (trace.dryRun()) prints without running. Each job's diagnostics are printed when it
// ends, and kept.
llvm::Error runCompiles(llvm::MutableArrayRef<CompileJob> jobs, PCHBuilds* pchs, int parallel,
                        bool verbose, const CommandTrace& trace);

// After runCompiles: reads what each compiled job read, hashes it, and records the object in
// the cache unless a file changed while it compiled (or a header of its PCH did).
void cacheCompiledObjects(llvm::MutableArrayRef<CompileJob> jobs, Cache& cache);

// The job's clang command without its output files (the dependency list and the object in the
// work directory), as editors and clangd read it from compile_commands.json.
std::vector<std::string> toolCommand(const CompileJob& job);

// Replaces file by bytes: written beside it under a temporary name and renamed, so that a reader
// (clang, another build) sees one whole version or the other, and the file is new (make compares
// its time).
std::error_code replaceFile(const std::string& file, llvm::StringRef bytes);

// The action ID a job's object is stored under: its command ID and its dependencies.
std::string objectActionID(const CompileJob& job);
