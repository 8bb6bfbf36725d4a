// Tiny ELF relocatable objects holding data the driver makes (build information, the build
// ID note, the pc table), so that the linker lays them out like any other input section:
// the linker script decides where they go and brackets them with symbols.
#pragma once

#include "target.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>

struct ObjectSection {
  llvm::StringRef name;  // e.g. ".go.buildinfo"
  uint32_t type;         // llvm::ELF::SHT_PROGBITS, SHT_NOTE, ...
  uint64_t flags;        // llvm::ELF::SHF_ALLOC | ...
  uint64_t align;
  llvm::StringRef contents;
};

// The kind of ELF object a target's linker takes: its class and machine.
struct ElfKind {
  bool is64;         // ELFCLASS64 (amd64) or ELFCLASS32 (386)
  uint16_t machine;  // llvm::ELF::EM_X86_64, EM_386, ...
};

// The kind of target's objects.
ElfKind elfKindOf(const Target& target);

// Writes a little-endian relocatable of the given kind at path holding one section and no
// symbols or relocations.
llvm::Error writeSectionObject(const std::string& path, const ObjectSection& section, ElfKind kind);
