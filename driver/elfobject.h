// Tiny ELF relocatable objects holding data the driver makes (build information, the build
// ID note, the pc table), so that the linker lays them out like any other input section:
// the linker script decides where they go and brackets them with symbols.
#pragma once

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

// Writes a little-endian relocatable for machine (an ELF e_machine: elfMachine in target.h;
// ELF32 for EM_386, else ELF64) at path holding one section and no symbols or relocations.
llvm::Error writeSectionObject(const std::string& path, uint16_t machine,
                               const ObjectSection& section);
