// Stamping: what gocc records about a build inside the executable, in Go's formats: the build
// information (section .go.buildinfo, read by `go version -m` and gocc::debug::ReadBuildInfo)
// and the build ID (note .note.gocc.buildid).
#pragma once

#include "gocc/modinfo.h"
#include "target.h"

#include <cstdint>
#include <string>
#include <vector>

// The facts of one build that go into its build information.
struct BuildFacts {
  std::string programPath;  // the package's directory, or its first file
  std::string projectDir;   // the git work tree holding the program, else its directory
  bool trimpath = false;    // -trimpath: no absolute paths (both become base names)
  bool staticLink = false;  // -static: glibc linked in
  std::vector<std::string> cxxflags;
  std::vector<std::string> cflags;
  std::vector<std::string> ldflags;
  Target target;
  std::string buildMode = "exe";  // -buildmode: exe, c-shared, c-archive
};

// The project a program belongs to: the top of the git work tree holding dir (the nearest
// directory upwards with a .git, GIT_CEILING_DIRECTORIES honoured), else dir.
std::string projectDirectory(const std::string& dir);

// The version string: the toolchain and the Clang it compiles with, "gocc0.1.0 clang19.1.7".
std::string toolchainVersion();

// The build information for facts: path, mod, one dep per library linked, build settings in
// Go's order, and the git state of the project when it is a work tree.
gocc::debug::BuildInfo describeBuild(const BuildFacts& facts);

// The .go.buildinfo blob for bi, with target's pointer size, padded to a multiple of 16 with at
// least one zero byte.
std::string encodeBuildInfo(const gocc::debug::BuildInfo& bi, const Target& target);
