// extern.cpp — the public runtime API declared in gocc/runtime.h (Go: extern.go, debug.go).
#include "gocc/runtime.h"

#include <string>

#include "buildinfo.h"
#include "lock_futex.h"
#include "print.h"
#include "proc.h"
#include "symtab.h"

#ifndef GOCC_VERSION
#error "GOCC_VERSION must be defined by the build"
#endif

namespace gocc::runtime {

int GOMAXPROCS(int n) {
  namespace rt = ::runtime;
  rt::lock(&rt::sched.lock);
  int ret = rt::gomaxprocs;
  rt::unlock(&rt::sched.lock);
  if (n <= 0 || n == ret) return ret;
  if (n > 1024) n = 1024;
  rt::g* gp = rt::getg();
  if (!gp || !gp->m || gp != gp->m->curg || !gp->m->p)
    rt::fatal("GOMAXPROCS called from a thread that is not running a goroutine");
  rt::stopTheWorld();
  rt::startTheWorld(n);
  return ret;
}

int NumCPU() { return ::runtime::ncpu; }

int NumGoroutine() { return ::runtime::gcount(); }

// The version embedded in the executable (Go: runtime.buildVersion, which the linker sets):
// the toolchain and the Clang that compiled it. A binary without build information (the
// runtime's own unit tests) reports the runtime's version.
const char* Version() {
  static const std::string version = [] {
    buildinfo::Strings s;
    return ::runtime::ownBuildInfo(&s) ? std::string(s.version, s.versionSize) : std::string("gocc" GOCC_VERSION);
  }();
  return version.c_str();
}

}  // namespace gocc::runtime
