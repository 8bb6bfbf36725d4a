// Reading ELF executables: open a file, find a section by name, get its address and bytes.
// gocc reads back what it builds (the pclntab step, the build ID, `gocc info`, `gocc tool
// addr2line`), and `gocc info` and addr2line read any file a user names, so every byte is
// untrusted: all reads go through LLVM's ELFFile accessors, which check each offset and
// index they follow against the file (ELFObjectFile's SectionRef/SymbolRef conveniences
// trust some; test/fuzz/inspect_fuzz.cpp found one). A file that is not ELF, is truncated or
// malformed gives an error whose text is a one-line reason without the file's name, which
// the caller adds. Writing objects is elfobject.h's.
#pragma once

#include "llvm/Object/ELF.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/MemoryBufferRef.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

// A section header and its name.
struct ElfSection {
  llvm::StringRef name;
  const llvm::object::ELF64LE::Shdr* header;
  uint64_t address() const { return header->sh_addr; }
  uint64_t size() const { return header->sh_size; }
};

// A 64-bit little-endian ELF file whose section table and section names have been checked.
class ElfFile {
public:
  // Reads the regular file at path whole (readBinaryFile) and views it as ELF.
  static llvm::Expected<ElfFile> open(const std::string& path);
  // Views bytes, which must outlive the ElfFile, as ELF. The reasons: "not an ELF file",
  // "not a 64-bit little-endian ELF file", "malformed ELF file: <LLVM's first line>".
  static llvm::Expected<ElfFile> view(llvm::MemoryBufferRef bytes);

  // The checked accessors, for what this class does not wrap (headers, symbols).
  const llvm::object::ELF64LEFile& elf() const { return elf_; }
  llvm::MemoryBufferRef bytes() const { return bytes_; }
  // Every section, in header order.
  const std::vector<ElfSection>& sections() const { return sections_; }
  // The first section named name, or nullptr.
  const ElfSection* section(llvm::StringRef name) const;
  // The section's bytes (none for SHT_NOBITS). The reason: "truncated file: section <name>
  // lies past its end".
  llvm::Expected<llvm::StringRef> contents(const ElfSection& section) const;

private:
  ElfFile(llvm::MemoryBufferRef bytes, llvm::object::ELF64LEFile elf)
      : bytes_(bytes), elf_(std::move(elf)) {}

  std::unique_ptr<llvm::MemoryBuffer> owned_;  // set by open
  llvm::MemoryBufferRef bytes_;
  llvm::object::ELF64LEFile elf_;
  std::vector<ElfSection> sections_;
};

// The whole of a file that is to be read as a binary. Only a regular file is read: /dev/zero,
// a FIFO or a terminal would never end. The error's text is the reason, without the name.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readBinaryFile(const std::string& path);
