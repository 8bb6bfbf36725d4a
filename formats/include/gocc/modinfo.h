// gocc/modinfo.h — build information: its types and its text form (Go: runtime/debug's
// BuildInfo, Module, BuildSetting, String and ParseBuildInfo, in mod.go). The driver writes
// the text into every executable (inside .go.buildinfo, formats/buildinfo.h) and reads it
// back in `gocc info`; a program reads its own through gocc/debug.h, which includes this
// header. modinfo.cpp implements both directions once, for the driver and for libgoccrt.a.
//
// Lines end in '\n' and fields are separated by tabs:
//   path  <program>
//   mod   <path> <version> <sum>          dep lines alike; "=>" lines give a replacement
//   build <key>=<value>                   key and value quoted as Go's strconv.Quote when
//                                         they hold spaces, tabs, quotes or newlines
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

// ParseBuildInfo parses the text form (without the "go" line, as embedded). On a malformed
// line it returns nothing and, if err is given, says why, as Go's does.
std::optional<BuildInfo> ParseBuildInfo(std::string_view data, std::string* err = nullptr);

}  // namespace gocc::debug

#pragma GCC visibility pop
