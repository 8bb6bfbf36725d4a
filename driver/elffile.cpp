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
  if (data.size() >= llvm::ELF::EI_NIDENT) {
    if (data[llvm::ELF::EI_DATA] != llvm::ELF::ELFDATA2LSB)
      return reason("not a little-endian ELF file");
    if (data[llvm::ELF::EI_CLASS] == llvm::ELF::ELFCLASS32)
      return viewAs<llvm::object::ELF32LE>(bytes);
  }
  return viewAs<llvm::object::ELF64LE>(bytes);
}

template <class ELFT>
llvm::Expected<ElfFile> ElfFile::viewAs(llvm::MemoryBufferRef bytes) {
  auto elf = llvm::object::ELFFile<ELFT>::create(bytes.getBuffer());
  if (!elf) return malformed(elf.takeError());
  ElfFile file(bytes, std::move(*elf));
  const auto& e = std::get<llvm::object::ELFFile<ELFT>>(file.elf_);
  auto headers = e.sections();
  if (!headers) return malformed(headers.takeError());
  auto names = e.getSectionStringTable(*headers);
  if (!names) return malformed(names.takeError());
  uint32_t index = 0;
  for (const auto& h : *headers) {
    auto name = e.getSectionName(h, *names);
    if (!name) return malformed(name.takeError());
    file.sections_.push_back(
        {*name, index++, h.sh_type, h.sh_flags, h.sh_offset, h.sh_addr, h.sh_size});
  }
  return std::move(file);
}

uint16_t ElfFile::machine() const {
  return std::visit([](const auto& e) -> uint16_t { return e.getHeader().e_machine; }, elf_);
}

uint16_t ElfFile::fileType() const {
  return std::visit([](const auto& e) -> uint16_t { return e.getHeader().e_type; }, elf_);
}

uint64_t ElfFile::entry() const {
  return std::visit([](const auto& e) -> uint64_t { return e.getHeader().e_entry; }, elf_);
}

const ElfSection* ElfFile::section(llvm::StringRef name) const {
  for (const ElfSection& s : sections_)
    if (s.name == name) return &s;
  return nullptr;
}

llvm::Expected<llvm::StringRef> ElfFile::contents(const ElfSection& section) const {
  // The headers were read whole by view, so the index is in range.
  auto bytes = std::visit(
      [&](const auto& e) { return e.getSectionContents((*e.sections())[section.index]); }, elf_);
  if (!bytes) {
    llvm::consumeError(bytes.takeError());
    return reason("truncated file: section " + section.name + " lies past its end");
  }
  return llvm::toStringRef(*bytes);
}

llvm::Expected<std::vector<ElfSymbol>> ElfFile::symbols(const ElfSection& table) const {
  return std::visit(
      [&](const auto& e) -> llvm::Expected<std::vector<ElfSymbol>> {
        const auto& header = (*e.sections())[table.index];
        auto syms = e.symbols(&header);
        if (!syms) return reason("bad symbol table: " + llvm::toString(syms.takeError()));
        auto names = e.getStringTableForSymtab(header);
        if (!names) return reason("bad symbol table: " + llvm::toString(names.takeError()));
        std::vector<ElfSymbol> out;
        out.reserve(syms->size());
        for (const auto& sym : *syms) {
          std::optional<llvm::StringRef> name;
          if (auto n = sym.getName(*names))
            name = *n;
          else
            llvm::consumeError(n.takeError());
          out.push_back({name, uint64_t(sym.st_value), uint64_t(sym.st_size), sym.getType(),
                         sym.getBinding(), uint16_t(sym.st_shndx)});
        }
        return out;
      },
      elf_);
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
