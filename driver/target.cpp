#include "target.h"

#include "errors.h"

#include <cstdlib>

llvm::Expected<int> goamd64Level() {
  const char* env = std::getenv("GOAMD64");
  llvm::StringRef value = env ? env : "";
  if (value.empty() || value == "v1") return 1;
  if (value == "v2") return 2;
  if (value == "v3") return 3;
  if (value == "v4") return 4;
  return fail(2, "invalid GOAMD64 value \"" + value + "\": must be v1, v2, v3 or v4");
}

std::string marchForLevel(int level) {
  if (level == 1) return "-march=x86-64";
  return "-march=x86-64-v" + std::to_string(level);
}
