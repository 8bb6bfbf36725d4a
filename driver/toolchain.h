// Where gocc's pieces are.
//
// The toolchain root is laid out like an installed gocc (and like the build tree):
//   <root>/bin/gocc                                 this driver
//   <root>/lib/gocc/libgoccrt.a                     the runtime, linked into every program
//   <root>/lib/gocc/goccrt_static.o                 linked into static programs besides
//   <root>/lib/gocc/linker-scripts/linux_amd64.ld.in the linker-script template
//   <root>/include/gocc/runtime.h                   the header user programs include
// The root is $GOCCROOT if set, else found from the running executable, so a moved tree still
// works. Clang and the system libraries are fixed when gocc is configured (config.h).
#pragma once

#include "llvm/Support/Error.h"

#include <string>

struct Toolchain {
  std::string root;
  std::string clangxx;    // compiles C++ units
  std::string clang;      // compiles C units
  std::string gccLibDir;  // holds libstdc++.a and libgcc_eh.a

  std::string runtimeLibrary() const { return root + "/lib/gocc/libgoccrt.a"; }
  std::string staticStartObject() const { return root + "/lib/gocc/goccrt_static.o"; }
  std::string linkerScriptTemplate() const {
    return root + "/lib/gocc/linker-scripts/linux_amd64.ld.in";
  }
  std::string includeDir() const { return root + "/include"; }
};

// Locates the toolchain and checks that the runtime is there, so that a broken installation is
// reported before anything is compiled.
llvm::Expected<Toolchain> findToolchain();
