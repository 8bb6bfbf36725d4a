// The work directory: where a build keeps what it makes on the way to the executable (the objects,
// the instantiated linker script and, for gocc run, the executable itself). It is $WORK in -x
// output. Created with mkdtemp as $TMPDIR/gocc-buildXXXXXX, so concurrent builds never collide;
// removed when the build ends, successful or not, unless -work asks to keep it for inspection.
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

class WorkDir {
public:
  static llvm::Expected<WorkDir> create(bool keep);

  WorkDir(WorkDir&& other) noexcept : dir(std::move(other.dir)), keep(other.keep) {
    other.dir.clear();
  }
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;
  ~WorkDir();

  const std::string& path() const { return dir; }
  std::string file(llvm::StringRef name) const { return dir + "/" + name.str(); }

private:
  WorkDir(std::string dir, bool keep) : dir(std::move(dir)), keep(keep) {}

  std::string dir;
  bool keep;
};
