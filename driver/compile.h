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
#pragma once

#include "cache.h"
#include "package.h"
#include "toolchain.h"
#include "trace.h"
#include "workdir.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

// A file a compile read (the source or a header), and its content ID.
struct Dependency {
  std::string path;  // as clang named it in its dependency list
  std::string id;
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
};

// The flags every unit of a gocc program is compiled with, whatever its language and
// optimisation level (frame pointers, stack-clash probes, a section per function and object,
// gocc's headers, the GOAMD64 level's -march): gocc build's units and gocc c++'s compiles alike.
std::vector<std::string> goccProgramFlags(const Toolchain& tc, int goamd64Level);

// The clang command of each unit: gocc's defaults (-std, -O2, -g, goccProgramFlags), then -cxxflags
// for a C++ unit or -cflags for a C one (so they can override the defaults; a C++ standard never
// reaches a C unit), then the unit. With trimpath, the debug information names the package's files
// relative to the package directory (the unit is then given to clang by its absolute path, so
// that the prefix map applies to it).
std::vector<CompileJob> planCompiles(const Package& pkg, const Toolchain& tc, int goamd64Level,
                                     llvm::ArrayRef<std::string> cxxflags,
                                     llvm::ArrayRef<std::string> cflags, bool trimpath,
                                     const WorkDir& work);

// Fills in each job's command ID and, if lookUp, looks its object up in the cache; a job found
// there is marked cached, with its deps, diagnostics and the cache's object file.
void findCachedObjects(std::vector<CompileJob>& jobs, Cache& cache, bool trimpath, bool lookUp);

// Runs the jobs not cached, at most `parallel` at once. -v (verbose) names each unit as it
// starts, -x (trace) prints its command; -n (trace.dryRun()) prints without running. Each job's
// diagnostics are printed when it ends, and kept.
llvm::Error runCompiles(llvm::MutableArrayRef<CompileJob> jobs, int parallel, bool verbose,
                        const CommandTrace& trace);

// After runCompiles: reads what each compiled job read, hashes it, and records the object in
// the cache unless a file changed while it compiled.
void cacheCompiledObjects(llvm::MutableArrayRef<CompileJob> jobs, Cache& cache);

// The job's clang command without its output files (the dependency list and the object in the
// work directory), as editors and clangd read it from compile_commands.json.
std::vector<std::string> toolCommand(const CompileJob& job);

// The action ID a job's object is stored under: its command ID and its dependencies.
std::string objectActionID(const CompileJob& job);
