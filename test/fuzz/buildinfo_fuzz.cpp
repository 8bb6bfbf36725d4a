// libFuzzer target: the .go.buildinfo blob reader and the modinfo text parser, on arbitrary
// bytes. Neither may crash, hang or read out of bounds (ASan watches); whatever parses must
// print back to text that parses to the same thing.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "formats/buildinfo.h"
#include "gocc/modinfo.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  buildinfo::Strings s;
  if (buildinfo::decode(data, size, &s) == nullptr) {
    if (s.versionSize == 0) abort();
    gocc::debug::ParseBuildInfo(std::string_view(s.modinfo ? s.modinfo : "", s.modinfoSize));
  }
  // The bytes as modinfo text directly.
  auto bi =
      gocc::debug::ParseBuildInfo(std::string_view(reinterpret_cast<const char*>(data), size));
  if (bi) {
    std::string text = bi->String();
    auto again = gocc::debug::ParseBuildInfo(text);
    if (!again || again->String() != text) abort();  // String and ParseBuildInfo are inverses
  }
  return 0;
}
