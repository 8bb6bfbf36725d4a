// runtime1.cpp — self-checks, arguments, environment and GODEBUG (Go: runtime1.go).
#include "runtime1.h"

#include <bit>
#include <climits>
#include <cstring>

#include "os_linux.h"
#include "print.h"
#include "stack.h"
#include "traceback.h"

namespace runtime {

dbgVars debug;

namespace {
std::string_view* argslice;  // goargs: the arguments, as the runtime sees them
int32 nargs;
std::string_view* envs;  // goenvs: "KEY=value" strings
int32 nenvs;

// Compiler barrier: keep check's tests from being constant-folded away.
template <typename T>
T opaque(T v) {
  asm volatile("" : "+r"(v));
  return v;
}
}  // namespace

// check: the runtime's assumptions about the compiler and the machine, tested at run time
// as Go's check does: type sizes, atomic operations (CAS, exchange, add, and/or), and
// floating-point NaN behaviour. Any failure is fatal.
extern "C" void check() {
  static_assert(sizeof(int8_t) == 1 && sizeof(int16_t) == 2 && sizeof(int32) == 4 &&
                sizeof(int64) == 8);
  static_assert(sizeof(void*) == PTR_SIZE && sizeof(uintptr) == PTR_SIZE);
  if (sizeof(gobuf) != sizeof(uintptr)) throw_("check: bad gobuf size");

  std::atomic<uint32> z{1};
  uint32 expected = 2;
  if (z.compare_exchange_strong(expected, 3) || z.load() != 1 || expected != 1) throw_("cas1");
  expected = 1;
  if (!z.compare_exchange_strong(expected, 2) || z.load() != 2) throw_("cas2");
  std::atomic<uint64> z64{~uint64(0)};
  uint64 e64 = 0;
  if (z64.compare_exchange_strong(e64, 1) || z64.load() != ~uint64(0)) throw_("cas64 failed");
  e64 = ~uint64(0);
  if (!z64.compare_exchange_strong(e64, 1) || z64.load() != 1) throw_("cas64 failed");
  if (z64.fetch_add(opaque(uint64(0xffffffff))) != 1 || z64.load() != 0x100000000ull)
    throw_("xadd64 failed");
  if (z64.exchange(opaque(uint64(7))) != 0x100000000ull || z64.load() != 7) throw_("xchg64 failed");

  std::atomic<uint8_t> b{0x11};
  b.fetch_or(opaque(uint8_t(0x22)));
  if (b.load() != 0x33) throw_("atomicor8");
  b.fetch_and(opaque(uint8_t(0x0f)));
  if (b.load() != 0x03) throw_("atomicand8");

  // All-ones bit patterns are NaNs, as in Go's check. Built from bits, not std::nan, so
  // the runtime needs nothing from libm (the linker then drops libm.so when unused).
  double nan = std::bit_cast<double>(opaque(~uint64(0)));
  if (nan == nan) throw_("float64nan");
  if (!(nan != nan)) throw_("float64nan1");
  float fnan = std::bit_cast<float>(opaque(~uint32(0)));
  if (fnan == fnan) throw_("float32nan");

  if ((defaultStackSize & (defaultStackSize - 1)) != 0)
    throw_("defaultStackSize is not power-of-2");
}

// goargs: the process's arguments as the runtime keeps them (Go: os.Args' source).
extern "C" void goargs() {
  nargs = argc;
  argslice =
      static_cast<std::string_view*>(malloc(sizeof(std::string_view) * (nargs > 0 ? nargs : 1)));
  for (int32 i = 0; i < nargs; i++) argslice[i] = argv[i];
}

// goenvs: a snapshot of the environment block the kernel gave the process.
extern "C" void goenvs() {
  nenvs = 0;
  while (envp[nenvs]) nenvs++;
  envs = static_cast<std::string_view*>(malloc(sizeof(std::string_view) * (nenvs > 0 ? nenvs : 1)));
  for (int32 i = 0; i < nenvs; i++) envs[i] = envp[i];
}

std::string_view gogetenv(std::string_view key) {
  for (int32 i = 0; i < nenvs; i++) {
    std::string_view e = envs[i];
    if (e.size() > key.size() && e[key.size()] == '=' && e.substr(0, key.size()) == key)
      return e.substr(key.size() + 1);
  }
  return {};
}

bool atoi32(std::string_view s, int32* out) {
  bool neg = false;
  if (!s.empty() && s[0] == '-') {
    neg = true;
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  int64 v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
    if (v > int64(INT32_MAX) + 1) return false;
  }
  if (neg) v = -v;
  if (v > INT32_MAX || v < INT32_MIN) return false;
  *out = int32(v);
  return true;
}

// parsedebugvars: GODEBUG is a comma-separated list of key=value. Like Go, fields without
// '=', unknown keys and values that are not integers are ignored. Then GOTRACEBACK, with
// Go's setTraceback (traceback.cpp).
extern "C" void parsedebugvars() {
  struct {
    std::string_view name;
    int32* value;
  } const vars[] = {
      {"inittrace", &debug.inittrace},
      {"schedtrace", &debug.schedtrace},
      {"scheddetail", &debug.scheddetail},
      {"stackmprotect", &debug.stackmprotect},
  };
  std::string_view rest = gogetenv("GODEBUG");
  while (!rest.empty()) {
    std::string_view field = rest;
    size_t comma = rest.find(',');
    if (comma == std::string_view::npos) {
      rest = {};
    } else {
      field = rest.substr(0, comma);
      rest.remove_prefix(comma + 1);
    }
    size_t eq = field.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = field.substr(0, eq), value = field.substr(eq + 1);
    for (const auto& v : vars) {
      int32 n;
      if (v.name == key && atoi32(value, &n)) *v.value = n;
    }
  }
  setTraceback(gogetenv("GOTRACEBACK"));
}

}  // namespace runtime
