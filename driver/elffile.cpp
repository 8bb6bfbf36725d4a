#include "elffile.h"

#include "errors.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Support/FileSystem.h"

namespace {

llvm::Error reason(const llvm::Twine& why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), why);
}

// LLVM's messages for a malformed ELF are long and technical; the first clause says it.
llvm::Error malformed(llvm::Error err) {
  std::string text = llvm::toString(std::move(err));
  return reason("malformed ELF file: " + llvm::StringRef(text).split('\n').first);
}

}  // namespace

llvm::Expected<ElfFile> ElfFile::open(const std::string& path) {
  auto buffer = readBinaryFile(path);
  if (!buffer) return buffer.takeError();
  auto file = view((*buffer)->getMemBufferRef());
  if (file) file->owned_ = std::move(*buffer);
  return file;
}

llvm::Expected<ElfFile> ElfFile::view(llvm::MemoryBufferRef bytes) {
  llvm::StringRef data = bytes.getBuffer();
  if (!data.starts_with(llvm::ELF::ElfMagic)) return reason("not an ELF file");
  // A file too short for the identification bytes is malformed, which create says.
  if (data.size() >= llvm::ELF::EI_NIDENT && (data[llvm::ELF::EI_CLASS] != llvm::ELF::ELFCLASS64 ||
                                              data[llvm::ELF::EI_DATA] != llvm::ELF::ELFDATA2LSB))
    return reason("not a 64-bit little-endian ELF file");
  auto elf = llvm::object::ELF64LEFile::create(data);
  if (!elf) return malformed(elf.takeError());
  ElfFile file(bytes, std::move(*elf));
  auto headers = file.elf_.sections();
  if (!headers) return malformed(headers.takeError());
  auto names = file.elf_.getSectionStringTable(*headers);
  if (!names) return malformed(names.takeError());
  for (const auto& header : *headers) {
    auto name = file.elf_.getSectionName(header, *names);
    if (!name) return malformed(name.takeError());
    file.sections_.push_back({*name, &header});
  }
  return std::move(file);
}

const ElfSection* ElfFile::section(llvm::StringRef name) const {
  for (const ElfSection& s : sections_)
    if (s.name == name) return &s;
  return nullptr;
}

llvm::Expected<llvm::StringRef> ElfFile::contents(const ElfSection& section) const {
  auto bytes = elf_.getSectionContents(*section.header);
  if (!bytes) {
    llvm::consumeError(bytes.takeError());
    return reason("truncated file: section " + section.name + " lies past its end");
  }
  return llvm::toStringRef(*bytes);
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readBinaryFile(const std::string& path) {
  llvm::sys::fs::file_status st;
  if (std::error_code ec = llvm::sys::fs::status(path, st))
    return llvm::createStringError(ec, errnoText(ec));
  if (llvm::sys::fs::is_directory(st))
    return llvm::createStringError(std::make_error_code(std::errc::is_a_directory),
                                   "is a directory");
  if (!llvm::sys::fs::is_regular_file(st))
    return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                   "not a regular file");
  auto buf = llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buf) return llvm::createStringError(buf.getError(), errnoText(buf.getError()));
  return std::move(*buf);
}
