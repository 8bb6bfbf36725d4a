#include "buildid.h"

#include "elffile.h"
#include "errors.h"
#include "sha256.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"

#include <cstring>

namespace {

std::string sha256Hex(llvm::StringRef bytes) {
  std::array<uint8_t, 32> digest = sha256(bytes);
  return llvm::toHex(llvm::ArrayRef<uint8_t>(digest.data(), kBuildIDHashDigits / 2),
                     /*LowerCase=*/true);
}

void put32(std::string& out, uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }

constexpr size_t kDescSize = 2 * kBuildIDHashDigits + 1;
// The note's layout: 12-byte header, the name padded to 4, the description padded to 4.
constexpr size_t kNameSize = kBuildIDNoteName.size() + 1;
constexpr size_t kDescOffset = 12 + (kNameSize + 3) / 4 * 4;

}  // namespace

void BuildIDHasher::add(llvm::StringRef label, llvm::StringRef bytes) {
  // Length-prefixed, so that no two different input lists hash the same bytes.
  data += std::to_string(label.size()) + ":" + label.str() + std::to_string(bytes.size()) + ":";
  data += bytes;
}

std::string BuildIDHasher::hex() { return sha256Hex(data); }

std::string buildIDNote(llvm::StringRef inputsHex) {
  std::string note;
  put32(note, kNameSize);
  put32(note, kDescSize);
  put32(note, kBuildIDNoteType);
  note += kBuildIDNoteName;
  note.resize(kDescOffset, '\0');
  note += inputsHex.str() + "/" + std::string(kBuildIDHashDigits, '0');
  note.resize((note.size() + 3) / 4 * 4, '\0');
  return note;
}

llvm::Expected<std::string> parseBuildIDNote(llvm::StringRef note) {
  auto malformed = [] {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "malformed build ID note");
  };
  if (note.size() < kDescOffset + kDescSize) return malformed();
  uint32_t namesz, descsz, type;
  memcpy(&namesz, note.data(), 4);
  memcpy(&descsz, note.data() + 4, 4);
  memcpy(&type, note.data() + 8, 4);
  if (namesz != kNameSize || descsz != kDescSize || type != kBuildIDNoteType ||
      note.substr(12, kNameSize) != llvm::StringRef(kBuildIDNoteName.data(), kNameSize))
    return malformed();
  return note.substr(kDescOffset, kDescSize).str();
}

std::optional<std::string> readInputsID(const std::string& path) {
  auto exe = ElfFile::open(path);
  if (!exe) {
    llvm::consumeError(exe.takeError());
    return std::nullopt;
  }
  const ElfSection* note = exe->section(kBuildIDSection);
  if (!note) return std::nullopt;
  auto contents = exe->contents(*note);
  if (!contents) {
    llvm::consumeError(contents.takeError());
    return std::nullopt;
  }
  auto id = parseBuildIDNote(*contents);
  if (!id) {
    llvm::consumeError(id.takeError());
    return std::nullopt;
  }
  return id->substr(0, kBuildIDHashDigits);
}

llvm::Error stampContentHash(const std::string& path) {
  auto exe = ElfFile::open(path);
  if (!exe) return fail(path + ": " + llvm::toString(exe.takeError()));
  const ElfSection* note = exe->section(kBuildIDSection);
  if (!note) return fail(path + ": no build ID");
  auto contents = exe->contents(*note);
  if (!contents) return fail(path + ": " + llvm::toString(contents.takeError()));
  if (auto id = parseBuildIDNote(*contents); !id)
    return fail(path + ": " + llvm::toString(id.takeError()));
  std::string content = sha256Hex(exe->bytes().getBuffer());
  // Written in place: the note is already in the file, only its last 32 digits change.
  std::error_code ec;
  int fd;
  if ((ec = llvm::sys::fs::openFileForReadWrite(path, fd, llvm::sys::fs::CD_OpenExisting,
                                                llvm::sys::fs::OF_None)))
    return fail("open " + path + ": " + errnoText(ec));
  off_t at = off_t(note->offset + kDescOffset + kBuildIDHashDigits + 1);
  ssize_t n = pwrite(fd, content.data(), content.size(), at);
  close(fd);
  if (n != ssize_t(content.size()))
    return fail("write " + path + ": " +
                errnoText(std::error_code(errno, std::generic_category())));
  return llvm::Error::success();
}
