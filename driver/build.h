// gocc build: from source files to an executable.
#pragma once

#include "cache.h"
#include "flags.h"
#include "library.h"
#include "package.h"
#include "toolchain.h"
#include "workdir.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

// The build flags, shared by gocc build and gocc run (see "gocc help build").
struct BuildOptions {
  std::string output;         // -o (gocc build only)
  bool forceRebuild = false;  // -a: nothing from the cache, no up-to-date output left alone
  bool dryRun = false;        // -n: print the commands, run none
  bool verbose = false;
  bool trace = false;                    // -x
  bool keepWork = false;                 // -work
  bool trimpath = false;                 // -trimpath
  bool staticLink = false;               // -static: glibc, libstdc++ and libgcc all linked in
  BuildMode buildMode = BuildMode::Exe;  // -buildmode (gocc build only)
  std::string debugTrace;                // -debug-trace=file
  int parallel;                          // -p
  std::vector<std::string> cxxflags;     // for C++ units
  std::vector<std::string> cflags;       // for C units
  std::vector<std::string> ldflags;

  BuildOptions();
};

// Defines -a, -n, -v, -x, -work, -trimpath, -static, -p, -cxxflags, -cflags and -ldflags on flags,
// stored in opts.
void addBuildFlags(FlagSet& flags, BuildOptions& opts);

// Everything a build needs before it starts: the checked environment and the resolved inputs.
struct BuildSetup {
  Target target;
  Toolchain toolchain;
  Package package;
};
// Refuses -cxxflags, -cflags and -ldflags that would take over a step gocc owns (-E, -o, -pie, -e
// ...).
llvm::Expected<BuildSetup> prepareBuild(llvm::ArrayRef<std::string> inputs,
                                        const BuildOptions& opts);

// Refuses linker flags that would take over a step gocc owns (-o, -pie, -shared, -e, -T ...),
// as prepareBuild refuses them in -ldflags; option names where they came from in the message.
llvm::Error checkReservedLdflags(llvm::StringRef option, llvm::ArrayRef<std::string> flags);

// Creates the work directory, saying where it is for -x and -work.
llvm::Expected<WorkDir> createWorkDir(const BuildOptions& opts);

// Builds setup's program into outputPath, using work for everything on the way and cache for
// what earlier builds made.
llvm::Error buildProgram(const BuildSetup& setup, const BuildOptions& opts, const WorkDir& work,
                         Cache& cache, const std::string& outputPath);

// gocc build [-o output] [build flags] [files|dirs]; returns the exit status.
int cmdBuild(llvm::ArrayRef<std::string> args);
