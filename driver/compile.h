// Compiling: each source unit becomes one object in the work directory, by one clang process.
//
// Clang is exec'd rather than run in-process: a unit's time goes to parsing headers, not to
// starting clang (measured: <iostream> hello world 355 ms exec'd vs ~300 ms in-process), and
// separate processes give parallelism and crash isolation for free. Up to -p processes run at a
// time. Clang's diagnostics go straight to the user's stderr. When a unit fails, the units already
// running finish (so their diagnostics are complete) but no new one starts.
#pragma once

#include "package.h"
#include "toolchain.h"
#include "trace.h"
#include "workdir.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

struct CompileJob {
  const SourceUnit* unit;
  std::string objectPath;         // <work>/<n>_<stem>.o, n counting from 1 in input order
  std::vector<std::string> argv;  // argv[0] is the clang to run
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

// Runs the jobs, at most `parallel` at once. -v (verbose) names each unit as it starts, -x (trace)
// prints its command.
llvm::Error runCompiles(llvm::ArrayRef<CompileJob> jobs, int parallel, bool verbose,
                        const CommandTrace& trace);
