// runtime1.h — arguments, environment and GODEBUG (Go: runtime1.go).
#pragma once
#include <string_view>

#include "runtime2.h"

namespace runtime {

// The bootstrap steps of this file, in the order they run: check from rt0_go; goargs,
// goenvs and parsedebugvars from schedinit (Go: the functions of these names).
// check: the runtime's assumptions about the compiler and the machine, tested at run time.
extern "C" void check() GO_NAME(check);
// goargs, goenvs: snapshots of argv and of the environment block.
extern "C" void goargs() GO_NAME(goargs);
extern "C" void goenvs() GO_NAME(goenvs);
// parsedebugvars: read GODEBUG into debug, and GOTRACEBACK.
extern "C" void parsedebugvars() GO_NAME(parsedebugvars);

// GODEBUG settings, read once by parsedebugvars. Unknown keys and bad values are ignored,
// as Go ignores them.
struct dbgVars {
  int32 inittrace = 0;    // inittrace=1: one line per init task
  int32 schedtrace = 0;   // schedtrace=X: scheduler summary every X ms (from sysmon)
  int32 scheddetail = 0;  // scheddetail=1 with schedtrace: per-P and per-M detail
  // stackmprotect=1: stack guard pages from mprotect, as on kernels without
  // MADV_GUARD_INSTALL (stack.cpp)
  int32 stackmprotect = 0;
};
extern dbgVars debug;

// The value of environment variable key, or an empty view; read from the process's
// environment block (envs), so it works before libc's environment functions are safe to call
// from the runtime and does not see later setenv calls, as Go's gogetenv.
std::string_view gogetenv(std::string_view key);

// Decimal integer in s, Go's atoi32: false on anything but [-]digits that fit.
bool atoi32(std::string_view s, int32* out);

}  // namespace runtime
