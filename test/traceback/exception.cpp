// An uncaught C++ exception is a panic: "panic: " + what() (or the thrown value, or its
// type), a blank line, the goroutine's stack from the throwing frame in Go's format (runtime
// frames hidden; lines of return addresses are the calls' lines), exit status 2.
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t std 2>&1; echo status=$?' | FileCheck %s --check-prefix=STD
// RUN: bash -c '%t custom 2>&1; echo status=$?' | FileCheck %s --check-prefix=CUSTOM
// RUN: bash -c '%t cstring 2>&1; echo status=$?' | FileCheck %s --check-prefix=CSTRING
// RUN: bash -c '%t int 2>&1; echo status=$?' | FileCheck %s --check-prefix=INT
// RUN: bash -c '%t noexcept 2>&1; echo status=$?' | FileCheck %s --check-prefix=NOEXCEPT
// RUN: bash -c '%t terminate 2>&1; echo status=$?' | FileCheck %s --check-prefix=TERMINATE
// RUN: bash -c '%t caught 2>&1; echo status=$?' | FileCheck %s --check-prefix=CAUGHT
// An exception whose what() faults: the fault handler finds this thread already printing.
// RUN: bash -c '%t badwhat 2>&1; echo status=$?' | FileCheck %s --check-prefix=BADWHAT
#include <cstring>
#include <exception>
#include <stdexcept>

// STD: panic: out of range: 42
// STD-EMPTY:
// STD-NEXT: goroutine 1 [running]:
// CUSTOM: panic: (geo::Point)
// CUSTOM-EMPTY:
// CUSTOM-NEXT: goroutine 1 [running]:
// CSTRING: panic: a C string
// CSTRING-EMPTY:
// INT: panic: 42
// INT-EMPTY:
// std::terminate without an exception is the program's own fatal error (Go's fatal).
// TERMINATE: fatal error: std::terminate called without an active exception
// TERMINATE-EMPTY:
// TERMINATE-NEXT: goroutine 1 [running]:

namespace geo {
struct Point {
  int x;
};
struct Shape {
  __attribute__((noinline)) int area(int scale);
};
}  // namespace geo

volatile int sink;

// One throw per function: an optimizer merges the calls of several throws in one function
// into a single call site that has no line of its own (line 0).
__attribute__((noinline)) void throwStd() { throw std::runtime_error("out of range: 42"); }
// STD-NEXT: throwStd()
// STD-NEXT: {{^	/.*}}exception.cpp:[[@LINE-2]] +0x{{[0-9a-f]+$}}
__attribute__((noinline)) void throwCustom() { throw geo::Point{3}; }
// CUSTOM-NEXT: throwCustom()
// CUSTOM-NEXT: exception.cpp:[[@LINE-2]] +0x
__attribute__((noinline)) void throwCString() { throw "a C string"; }
// CSTRING: exception.cpp:[[@LINE-1]] +0x
__attribute__((noinline)) void throwInt() { throw 42; }
// INT: exception.cpp:[[@LINE-1]] +0x
__attribute__((noinline)) void callTerminate() { std::terminate(); }
// TERMINATE-NEXT: callTerminate()
// TERMINATE-NEXT: exception.cpp:[[@LINE-2]] +0x
struct BadWhat : std::exception {
  const char* what() const noexcept override {
    return *static_cast<const char* volatile*>(nullptr);
  }
};
__attribute__((noinline)) void throwBadWhat() { throw BadWhat(); }
// what() runs before the crash is claimed, as Go's preprintpanics calls Error() first: its
// fault is a panic of its own, with what() on top.
// BADWHAT: panic: runtime error: invalid memory address or nil pointer dereference
// BADWHAT: goroutine 1 [running]:
// BADWHAT-NEXT: BadWhat::what() const
// BADWHAT-NEXT: exception.cpp:[[@LINE-9]] +0x
// BADWHAT-NOT: panic during panic
// BADWHAT: status=2

__attribute__((noinline)) void thrower(const char* what) {
  if (strcmp(what, "std") == 0) throwStd();
  // STD-NEXT: thrower(char const*)
  // STD-NEXT: {{^	/.*}}exception.cpp:[[@LINE-2]] +0x{{[0-9a-f]+$}}
  if (strcmp(what, "custom") == 0) throwCustom();
  // CUSTOM-NEXT: thrower(char const*)
  // CUSTOM-NEXT: exception.cpp:[[@LINE-2]] +0x
  if (strcmp(what, "cstring") == 0) throwCString();
  if (strcmp(what, "int") == 0) throwInt();
  if (strcmp(what, "terminate") == 0) callTerminate();
  // TERMINATE-NEXT: thrower(char const*)
  // TERMINATE-NEXT: exception.cpp:[[@LINE-2]] +0x
  if (strcmp(what, "badwhat") == 0) throwBadWhat();
  sink = 1;
}

int geo::Shape::area(int scale) {
  thrower(scale == 1 ? "std" : "other");
  // STD-NEXT: geo::Shape::area(int)
  // STD-NEXT: {{^	/.*}}exception.cpp:[[@LINE-2]] +0x{{[0-9a-f]+$}}
  return sink * scale;
}

// The exception escapes a noexcept function: std::terminate runs from its landing pad,
// after the throwing frames were unwound, so the stack starts in that function.
__attribute__((noinline)) void mustNotThrow(const char* what) noexcept {
  // NOEXCEPT: panic: out of range: 42
  // NOEXCEPT-EMPTY:
  // NOEXCEPT-NEXT: goroutine 1 [running]:
  // NOEXCEPT-NEXT: mustNotThrow(char const*)
  // NOEXCEPT-NEXT: exception.cpp:
  thrower(what);
  sink = 2;
}

int main(int argc, char** argv) {
  const char* mode = argv[1];
  if (strcmp(mode, "std") == 0) {
    geo::Shape s;
    sink = s.area(1);
    // STD-NEXT: {{^}}main{{$}}
    // STD-NEXT: {{^	/.*}}exception.cpp:[[@LINE-2]] +0x{{[0-9a-f]+$}}
    // STD-NEXT: status=2
  } else if (strcmp(mode, "noexcept") == 0) {
    mustNotThrow("std");
    // NOEXCEPT-NEXT: {{^}}main{{$}}
    // NOEXCEPT-NEXT: exception.cpp:[[@LINE-2]] +0x
    // NOEXCEPT-NEXT: status=2
  } else if (strcmp(mode, "caught") == 0) {
    try {
      thrower("std");
    } catch (const std::exception&) {
      sink = 3;
    }
    return 0;
  } else {
    thrower(mode);
    // CUSTOM-NEXT: {{^}}main{{$}}
    // CUSTOM-NEXT: exception.cpp:[[@LINE-2]] +0x
    // CUSTOM-NEXT: status=2
    // CSTRING: {{^}}main{{$}}
    // CSTRING-NEXT: exception.cpp:[[@LINE-5]] +0x
    // CSTRING-NEXT: status=2
    // INT: {{^}}main{{$}}
    // INT-NEXT: exception.cpp:[[@LINE-8]] +0x
    // INT-NEXT: status=2
    // TERMINATE-NEXT: {{^}}main{{$}}
    // TERMINATE-NEXT: exception.cpp:[[@LINE-11]] +0x
    // TERMINATE-NEXT: status=2
  }
  sink = 4;
  return 0;
}

// A caught exception is no panic.
// CAUGHT-NOT: panic
// CAUGHT: status=0
