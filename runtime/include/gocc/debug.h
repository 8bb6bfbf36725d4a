// gocc/debug.h — what a program knows about how it was built (the counterpart of Go's
// runtime/debug build-info API). The driver embeds the information in every executable
// (section .go.buildinfo, in Go's layout, so `go version -m` reads it too); `gocc info -m`
// prints the same text as BuildInfo::String. The types and the text form are in
// gocc/modinfo.h, which the driver shares.
#pragma once
#include <optional>

#include <gocc/modinfo.h>

// gocc's runtime is built with hidden visibility; what this header declares is its interface.
#pragma GCC visibility push(default)

namespace gocc::debug {

// ReadBuildInfo returns the build information embedded in the running executable, or
// nothing if it has none.
std::optional<BuildInfo> ReadBuildInfo();

}  // namespace gocc::debug

#pragma GCC visibility pop
