// gocc/debug.h — what a program knows about how it was built, and its stack limit (the
// counterpart of Go's runtime/debug: ReadBuildInfo, SetMaxStack). The driver embeds the information
// in every executable (section .go.buildinfo, in Go's layout, so `go version -m` reads it too);
// `gocc info -m` prints the same text as BuildInfo::String. The types and the text form are in
// gocc/modinfo.h, which the driver shares.
#pragma once
#include <cstdint>
#include <optional>

#include <gocc/modinfo.h>

// gocc's runtime is built with hidden visibility; what this header declares is its interface.
#pragma GCC visibility push(default)

namespace gocc::debug {

// ReadBuildInfo returns the build information embedded in the running executable, or
// nothing if it has none.
std::optional<BuildInfo> ReadBuildInfo();

// SetMaxStack sets the largest stack a goroutine may have, in bytes, and returns the previous
// setting (initially 1 GB, Go's limit on 64-bit systems). gocc's stacks do not grow: a
// goroutine gets its whole stack when it starts (64 KiB, or what gocc::stack_size asks for),
// so the limit applies to goroutines started after the call, whose stacks are cut to it
// (rounded up to whole pages, and never below 8 KiB); a goroutine that then needs more dies
// of "stack overflow", as a Go goroutine growing past the limit does. Goroutines already
// running, the main one included, keep their stacks.
std::int64_t SetMaxStack(std::int64_t bytes);

}  // namespace gocc::debug

#pragma GCC visibility pop
