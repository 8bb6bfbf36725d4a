// gocc/debug.h — what a program knows about how it was built (the counterpart of Go's
// runtime/debug build-info API). The driver embeds the information in every executable
// (section .go.buildinfo, in Go's layout, so `go version -m` reads it too); `gocc info -m`
// prints the same text as BuildInfo::String.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// gocc's runtime is built with hidden visibility; what this header declares is its interface.
#pragma GCC visibility push(default)

namespace gocc::debug {

// A module: for gocc, the program's project (Main) or a library linked into it (Deps).
struct Module {
  std::string Path;
  std::string Version;
  std::string Sum;
  std::shared_ptr<const Module> Replace;  // a replacement, in Go's format; gocc writes none
};

// One key=value build setting, e.g. {"GOAMD64", "v1"} or {"-cxxflags", "-O3"}.
struct BuildSetting {
  std::string Key;
  std::string Value;
};

struct BuildInfo {
  std::string GoVersion;  // the toolchain, e.g. "gocc0.1.0 clang19.1.7"
  std::string Path;       // the program
  Module Main;
  std::vector<Module> Deps;
  std::vector<BuildSetting> Settings;

  // The text form Go uses (runtime/debug.BuildInfo.String): a "go" line with the version,
  // then path, mod, dep and build lines, tab-separated.
  std::string String() const;
};

// ReadBuildInfo returns the build information embedded in the running executable, or
// nothing if it has none.
std::optional<BuildInfo> ReadBuildInfo();

// ParseBuildInfo parses the text form (without the "go" line, as embedded). On a malformed
// line it returns nothing and, if err is given, says why, as Go's does.
std::optional<BuildInfo> ParseBuildInfo(std::string_view data, std::string* err = nullptr);

}  // namespace gocc::debug

#pragma GCC visibility pop
