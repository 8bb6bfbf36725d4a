// Reading ELF executables and objects of every gocc target (64- and 32-bit little-endian):
// open a file, find a section by name, get its address and bytes, its symbols.
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
#include <optional>
#include <string>
#include <variant>
#include <vector>

// A section header's fields and its name (the same for either ELF class).
struct ElfSection {
  llvm::StringRef name;
  uint32_t index;   // in the section header table
  uint32_t type;    // sh_type
  uint64_t flags;   // sh_flags
  uint64_t offset;  // sh_offset
  uint64_t addr;    // sh_addr
  uint64_t bytes;   // sh_size
  uint64_t address() const { return addr; }
  uint64_t size() const { return bytes; }
};

// A symbol table entry's fields and its name (nullopt: its name lies outside the string table).
struct ElfSymbol {
  std::optional<llvm::StringRef> name;
  uint64_t value;
  uint64_t size;
  uint8_t type;     // STT_*
  uint8_t binding;  // STB_*
  uint16_t shndx;
};

// A little-endian ELF file, 64-bit (amd64, arm64) or 32-bit (386), whose section table and
// section names have been checked. LLVM's ELFFile is a template over the class; this class
// holds one of the two and answers in 64-bit values whichever it is.
class ElfFile {
public:
  // Reads the regular file at path whole (readBinaryFile) and views it as ELF.
  static llvm::Expected<ElfFile> open(const std::string& path);
  // Views bytes, which must outlive the ElfFile, as ELF. The reasons: "not an ELF file",
  // "not a little-endian ELF file", "malformed ELF file: <LLVM's first line>".
  static llvm::Expected<ElfFile> view(llvm::MemoryBufferRef bytes);

  bool is64() const { return std::holds_alternative<llvm::object::ELF64LEFile>(elf_); }
  uint16_t machine() const;   // e_machine: EM_X86_64, EM_386, ...
  uint16_t fileType() const;  // e_type: ET_EXEC, ET_DYN, ET_REL
  uint64_t entry() const;     // e_entry
  llvm::MemoryBufferRef bytes() const { return bytes_; }
  // Every section, in header order.
  const std::vector<ElfSection>& sections() const { return sections_; }
  // The first section named name, or nullptr.
  const ElfSection* section(llvm::StringRef name) const;
  // The section's bytes (none for SHT_NOBITS). The reason: "truncated file: section <name>
  // lies past its end".
  llvm::Expected<llvm::StringRef> contents(const ElfSection& section) const;
  // The entries of a SHT_SYMTAB or SHT_DYNSYM section. The reason: "bad symbol table: ...".
  llvm::Expected<std::vector<ElfSymbol>> symbols(const ElfSection& table) const;

private:
  using Variant = std::variant<llvm::object::ELF64LEFile, llvm::object::ELF32LEFile>;
  ElfFile(llvm::MemoryBufferRef bytes, Variant elf) : bytes_(bytes), elf_(std::move(elf)) {}
  template <class ELFT>
  static llvm::Expected<ElfFile> viewAs(llvm::MemoryBufferRef bytes);

  std::unique_ptr<llvm::MemoryBuffer> owned_;  // set by open
  llvm::MemoryBufferRef bytes_;
  Variant elf_;
  std::vector<ElfSection> sections_;
};

// The whole of a file that is to be read as a binary. Only a regular file is read: /dev/zero,
// a FIFO or a terminal would never end. The error's text is the reason, without the name.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readBinaryFile(const std::string& path);
