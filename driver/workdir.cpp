#include "workdir.h"

#include "errors.h"

#include "llvm/Support/FileSystem.h"

#include <stdlib.h>
#include <cerrno>
#include <cstdlib>

llvm::Expected<WorkDir> WorkDir::create(bool keep) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/gocc-buildXXXXXX";
  if (!mkdtemp(pattern.data()))
    return fail("creating work directory: " + pattern + ": " + errnoText(errno));
  return WorkDir(pattern, keep);
}

WorkDir::~WorkDir() {
  if (!dir.empty() && !keep) llvm::sys::fs::remove_directories(dir, /*IgnoreErrors=*/true);
}
