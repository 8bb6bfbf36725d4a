// quote.h — Go's strconv.Quote (fmt's %q) for text from outside: the driver names an
// environment variable's or a build setting's value in an error message this way, so that a
// newline or a control byte in it cannot split the one-line error or reach the terminal raw.
// The build information's text form quotes its keys and values with the same function
// (modinfo.cpp), so both agree with Go's.
#pragma once

#include <string>
#include <string_view>

namespace gocc::debug {

// s in double quotes, with '"', '\\', control characters, C1 controls and invalid UTF-8
// escaped as Go's strconv.Quote escapes them; valid UTF-8 printable text is kept.
std::string goQuote(std::string_view s);

}  // namespace gocc::debug
