// print.h — the runtime's own printing (Go: print.go) and its fatal path (Go: throw).
//
// Output goes to fd 2 with write(2), never through stdio: the runtime prints while stdio
// may be locked by the code it interrupts, on small stacks, and (later) in signal handlers.
// One print call assembles its whole line in a buffer on the stack and writes it at once,
// so lines from different threads do not interleave.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "runtime2.h"

namespace runtime {

struct hex {  // print(hex(x)) writes 0x...
  uint64 v;
  explicit hex(uint64 x) : v(x) {}
  explicit hex(const void* p) : v(reinterpret_cast<uintptr>(p)) {}
};

struct printbuf {
  char buf[1024];
  size_t n = 0;
  void put(const char* s, size_t len);
  void put(std::string_view s) { put(s.data(), s.size()); }
  void putUint(uint64 v);
  void putInt(int64 v);
  void putHex(uint64 v);
  void flush();
};

inline void printarg(printbuf& b, std::string_view s) { b.put(s); }
inline void printarg(printbuf& b, const char* s) {
  b.put(s ? std::string_view(s) : std::string_view("<nil>"));
}
inline void printarg(printbuf& b, char* s) { printarg(b, static_cast<const char*>(s)); }
inline void printarg(printbuf& b, bool v) { b.put(v ? "true" : "false"); }
inline void printarg(printbuf& b, hex h) { b.putHex(h.v); }
template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
inline void printarg(printbuf& b, T v) {
  if constexpr (std::is_signed_v<T>)
    b.putInt(v);
  else
    b.putUint(v);
}

template <typename... Args>
void print(const Args&... args) {
  printbuf b;
  (printarg(b, args), ...);
  b.flush();
}

// Where this thread's prints go: into buf (at most size bytes, the rest dropped) until
// printToStderr, which returns how many bytes buf got (Go: g.writebuf, for runtime.Stack).
void printToBuffer(char* buf, size_t size);
size_t printToStderr();

// throw: the runtime found itself in a state it cannot continue from. Prints
// "fatal error: <reason>" and exits with status 2, as Go does.
[[noreturn]] void throw_(const char* reason) GO_NAME(throw);

// fatal: the same for errors that are the user's, not the runtime's (Go 1.19: fatal).
[[noreturn]] void fatal(const char* reason) GO_NAME(fatal);

}  // namespace runtime

extern "C" [[noreturn]] void runtime_abort() asm("runtime.abort");
