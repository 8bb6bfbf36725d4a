#include "toolchain.h"

#include "config.h"
#include "errors.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cstdlib>

// The root is two levels above the executable's real path: <root>/bin/gocc.
static llvm::Expected<std::string> rootFromExecutable() {
  llvm::SmallString<256> exe;
  if (std::error_code ec = llvm::sys::fs::real_path("/proc/self/exe", exe))
    return fail("cannot find the gocc executable: /proc/self/exe: " + errnoText(ec));
  return llvm::sys::path::parent_path(llvm::sys::path::parent_path(exe)).str();
}

llvm::Expected<Toolchain> findToolchain(const Target& target) {
  Toolchain tc;
  if (const char* env = std::getenv("GOCCROOT"); env && *env) {
    tc.root = env;
  } else {
    auto root = rootFromExecutable();
    if (!root) return root.takeError();
    tc.root = *root;
  }
  tc.clangxx = GOCC_CLANGXX;
  tc.clang = GOCC_CLANG;

  std::string runtime = tc.runtimeLibrary(target);
  if (llvm::sys::fs::exists(runtime)) return tc;
  // A root with some runtime is a gocc built without this target; one with none is no root.
  for (const ArchInfo& a : knownArches())
    if (llvm::sys::fs::exists(tc.runtimeLibrary(Target{&a})))
      return fail("GOARCH=" + target.goarch() + ": this gocc has no runtime for " +
                  target.osArch() + " (" + runtime + "): install " + target.arch->packages +
                  " and build gocc again");
  return fail("cannot find the runtime: " + runtime +
              ": no such file or directory (is GOCCROOT right?)");
}
