// buildinfo.h — the `.go.buildinfo` blob: Go's layout for a binary's toolchain version and
// module information, so that `go version -m` and Go's debug/buildinfo read gocc binaries.
// The driver writes it before linking and reads it in `gocc info`; the runtime reads its own
// (gocc::debug::ReadBuildInfo). docs/buildinfo.md describes the layout; Go's
// debug/buildinfo/buildinfo.go is the authority.
//
//   0   "\xff Go buildinf:"  magic, 14 bytes
//   14  pointer size: the target's (8 on amd64, 4 on 386); with inline strings nothing
//       pointer-sized follows, but Go's reader checks it is 4 or 8
//   15  flags: 0x2 = the strings follow inline (Go 1.18+), little-endian
//   16  16 zero bytes (pointers in the pre-1.18 format)
//   32  uvarint length + the version string ("gocc0.1.0 clang19.1.7")
//       uvarint length + the modinfo string: 16-byte start sentinel, the text, 16-byte end
//       sentinel
//       zero padding: at least one byte (Go's reader insists that something follows the
//       last string) up to a multiple of 16
//
// The reader is bounds-checked and allocation-free (the runtime calls it on its own image;
// `gocc info` on any file, so corrupt input must give an error, never a wild read).
#pragma once
#include <stddef.h>
#include <stdint.h>

#include <string>
#include <string_view>

namespace buildinfo {

constexpr char kMagic[] = "\xff Go buildinf:";  // 14 bytes + the NUL the literal adds
constexpr size_t kMagicSize = 14;
constexpr size_t kHeaderSize = 32;
constexpr size_t kAlign = 16;
constexpr uint8_t kFlagInline = 0x2;
// Go's module-info framing (cmd/go/internal/modload: infoStart, infoEnd).
constexpr uint8_t kStartSentinel[16] = {0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02,
                                        0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6};
constexpr uint8_t kEndSentinel[16] = {0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72,
                                      0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2};

struct Strings {
  const char* version = nullptr;
  size_t versionSize = 0;
  const char* modinfo = nullptr;  // the text only, sentinels stripped; empty if unframed
  size_t modinfoSize = 0;
};

namespace detail {
// A uvarint-prefixed string at *p (Go's decodeString). Go's reader also refuses a string
// that reaches the very end of its data, but it reads 64 KiB of the segment, past the
// section; given the section alone, a string may end where the section does.
inline bool decodeString(const uint8_t** p, const uint8_t* end, const char** s, size_t* n) {
  uint64_t u = 0;
  for (int shift = 0;; shift += 7) {
    if (*p >= end || shift > 63) return false;
    uint8_t b = *(*p)++;
    u |= uint64_t(b & 0x7f) << shift;
    if ((b & 0x80) == 0) break;
  }
  if (u > uint64_t(end - *p)) return false;
  *s = reinterpret_cast<const char*>(*p);
  *n = size_t(u);
  *p += u;
  return true;
}
}  // namespace detail

// Decodes the blob at data (size bytes; the section's contents). Returns nullptr and fills
// out, or says what is wrong.
inline const char* decode(const uint8_t* data, size_t size, Strings* out) {
  if (!data || size < kHeaderSize) return "build info shorter than its header";
  for (size_t i = 0; i < kMagicSize; i++)
    if (data[i] != uint8_t(kMagic[i])) return "no build info magic";
  if (data[14] != 4 && data[14] != 8) return "bad pointer size in build info";
  if ((data[15] & kFlagInline) == 0) return "build info not in the inline-string format";
  if ((data[15] & 1) != 0) return "big-endian build info";
  const uint8_t* p = data + kHeaderSize;
  const uint8_t* end = data + size;
  Strings s;
  if (!detail::decodeString(&p, end, &s.version, &s.versionSize))
    return "bad version string in build info";
  if (s.versionSize == 0) return "empty version in build info";
  const char* mod;
  size_t modSize;
  if (!detail::decodeString(&p, end, &mod, &modSize)) return "bad module info string in build info";
  // Go's rule: framed text ends in '\n' just before the end sentinel.
  if (modSize >= 33 && mod[modSize - 17] == '\n') {
    s.modinfo = mod + 16;
    s.modinfoSize = modSize - 32;
  }
  *out = s;
  return nullptr;
}

// The blob for a version and a modinfo text, for a target with pointers of ptrSize bytes
// (the driver's side; decode's inverse).
inline std::string encode(std::string_view version, std::string_view modinfo, uint8_t ptrSize = 8) {
  std::string blob(kMagic, kMagicSize);
  blob += char(ptrSize);
  blob += char(kFlagInline);  // little-endian, inline strings
  blob.resize(kHeaderSize, '\0');
  auto appendUvarint = [&](uint64_t v) {
    for (; v >= 0x80; v >>= 7) blob += char(uint8_t(v) | 0x80);
    blob += char(v);
  };
  appendUvarint(version.size());
  blob += version;
  appendUvarint(sizeof kStartSentinel + modinfo.size() + sizeof kEndSentinel);
  blob.append(reinterpret_cast<const char*>(kStartSentinel), sizeof kStartSentinel);
  blob += modinfo;
  blob.append(reinterpret_cast<const char*>(kEndSentinel), sizeof kEndSentinel);
  blob.resize((blob.size() / kAlign + 1) * kAlign, '\0');  // at least one byte follows
  return blob;
}

}  // namespace buildinfo
