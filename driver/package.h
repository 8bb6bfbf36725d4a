// What a build is made of: the command line's inputs resolved into a list of source units.
//
// A program is either the source files named on the command line (from any directories: C++ has
// no packages to keep them together) or, like a Go package, all the source files directly inside
// one directory (sorted by name, not recursive). With no inputs the
// directory is the current one. The inputs also give the default name of the executable, as go
// build names it: after the first file (without extension) or after the directory.
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

enum class Language { C, CXX };

struct SourceUnit {
  std::string path;  // as the user gave it (or the directory joined with the file name)
  Language language;
};

struct Package {
  std::vector<SourceUnit> units;
  // Prebuilt inputs named on the command line (.o objects, .a archives), absolute: linked after
  // the compiled units, in the order given. gocc c++ links also put the linker arguments whose
  // place among the inputs matters (-lfoo, --whole-archive, -Bstatic ...) here, in their
  // command line's order; such an entry starts with '-' (isLinkerArgument), a file never does.
  std::vector<std::string> prebuilt;
  std::string defaultOutputName;
  // The package directory, absolute and without dots: the directory named, or the first file's
  // (-trimpath shows paths relative to it).
  std::string dir;
  std::string mainFile;  // absolute: the first file, when files were named; else empty
  // What the build information calls the program: the directory, or the first file.
  const std::string& programPath() const { return mainFile.empty() ? dir : mainFile; }
};

// True for the extensions gocc compiles: .cpp .cc .cxx (C++) and .c (C).
bool isSourceFileName(llvm::StringRef path);
// True for the prebuilt inputs gocc links as they are: .o and .a.
bool isPrebuiltFileName(llvm::StringRef path);
// True for an entry of Package::prebuilt that is a linker argument rather than a file.
inline bool isLinkerArgument(llvm::StringRef prebuilt) { return prebuilt.starts_with("-"); }

// The directories -trimpath renames besides the package directory itself (which becomes ""):
// each directory of a named source that lies outside it, as "<dir>/" → its path relative to the
// package directory ("../lib/"). Sources in subdirectories need none: the package directory's
// own prefix covers them.
std::vector<std::pair<std::string, std::string>> outsideSourceDirs(const Package& pkg);

// p made absolute, without . and .. components.
llvm::Expected<std::string> absolutePath(llvm::StringRef p);

// Resolves the inputs (files, or one directory; none means ".") into a package. Named files are
// sources, from any directories (the first one's is the package directory), and objects or
// archives to link with them; at least one must be a source. Mixing a
// directory with other inputs is a usage error; a missing input, a file that is neither, or a
// directory without sources ends the build.
llvm::Expected<Package> loadPackage(llvm::ArrayRef<std::string> inputs);
