// debug.cpp — the program reads its own build information (Go: runtime/debug.ReadBuildInfo)
// and sets the goroutine stack limit (Go: debug.SetMaxStack).
// The driver puts the blob in section .go.buildinfo; the linker script brackets it with
// runtime.buildinfo/runtime.ebuildinfo, so the program finds it in memory without opening
// its own file.
#include "gocc/debug.h"
#include "stack.h"
#include "symtab.h"

extern "C" {
SCRIPT_SYMBOL extern const uint8_t runtime_buildinfo[] asm("runtime.buildinfo");
SCRIPT_SYMBOL extern const uint8_t runtime_ebuildinfo[] asm("runtime.ebuildinfo");
}

namespace runtime {

bool ownBuildInfo(buildinfo::Strings* out) {
  size_t size = size_t(runtime_ebuildinfo - runtime_buildinfo);
  return size > 0 && buildinfo::decode(runtime_buildinfo, size, out) == nullptr;
}

}  // namespace runtime

namespace gocc::debug {

std::optional<BuildInfo> ReadBuildInfo() {
  buildinfo::Strings s;
  if (!::runtime::ownBuildInfo(&s)) return std::nullopt;
  std::optional<BuildInfo> bi =
      ParseBuildInfo(std::string_view(s.modinfo ? s.modinfo : "", s.modinfoSize));
  if (bi) bi->GoVersion.assign(s.version, s.versionSize);
  return bi;
}

std::int64_t SetMaxStack(std::int64_t bytes) {
  // Go: a negative limit is taken as it comes; here it would wrap to a huge size, so it is 0.
  return std::int64_t(::runtime::maxstacksize.exchange(bytes > 0 ? ::runtime::uintptr(bytes) : 0));
}

}  // namespace gocc::debug
