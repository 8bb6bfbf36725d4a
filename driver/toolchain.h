// Where gocc's pieces are.
//
// The toolchain root is laid out like an installed gocc (and like the build tree), with one
// runtime directory per target, as Go's pkg/<GOOS>_<GOARCH>:
//   <root>/bin/gocc                                   this driver
//   <root>/lib/gocc/linux_<goarch>/libgoccrt.a        the runtime, linked into every program
//   <root>/lib/gocc/linux_<goarch>/goccrt_static.o    linked into static programs besides
//   <root>/lib/gocc/linux_<goarch>_lib/libgoccrt.a    the runtime of library builds
//   <root>/lib/gocc/linker-scripts/linux.ld.in        the linker-script template
//   <root>/lib/gocc/linker-scripts/c-archive.ld       a c-archive member's code layout
//   <root>/include/gocc/runtime.h                     the header user programs include
// The root is $GOCCROOT if set, else found from the running executable, so a moved tree still
// works. Clang and the system libraries are fixed when gocc is configured (config.h).
#pragma once

#include "target.h"

#include "llvm/Support/Error.h"

#include <string>

struct Toolchain {
  std::string root;
  std::string clangxx;  // compiles C++ units
  std::string clang;    // compiles C units

  std::string runtimeDir(const Target& t) const { return root + "/lib/gocc/" + t.osArch(); }
  std::string runtimeLibrary(const Target& t) const { return runtimeDir(t) + "/libgoccrt.a"; }
  std::string staticStartObject(const Target& t) const {
    return runtimeDir(t) + "/goccrt_static.o";
  }
  std::string linkerScriptTemplate() const { return root + "/lib/gocc/linker-scripts/linux.ld.in"; }
  // The runtime of library builds (-buildmode=c-shared|c-archive): position-independent, with
  // the library's initializer and no libc interposition (runtime/library.cpp).
  std::string libraryRuntimeLibrary(const Target& t) const {
    return runtimeDir(t) + "_lib/libgoccrt.a";
  }
  // The c-archive member's second partial link (driver/build.cpp, archive).
  std::string archiveLinkerScript() const { return root + "/lib/gocc/linker-scripts/c-archive.ld"; }
  std::string includeDir() const { return root + "/include"; }
};

// Locates the toolchain and checks that the target's runtime is there, so that a broken
// installation, or a target this gocc was built without, is reported before anything is
// compiled.
llvm::Expected<Toolchain> findToolchain(const Target& target);
