// libFuzzer target: gocc info's reader (driver/inspect.cpp) on arbitrary files: ELF headers,
// section tables, the build information, the build ID note and the pc table header, all
// untrusted. It must answer with a value or an error, never crash (ASan watches).
#include <cstdint>

#include "inspect.h"

#include "llvm/Support/MemoryBuffer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  llvm::StringRef bytes(reinterpret_cast<const char*>(data), size);
  auto info = inspectBinary(llvm::MemoryBufferRef(bytes, "fuzz"));
  if (!info) llvm::consumeError(info.takeError());
  return 0;
}
