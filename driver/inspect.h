// What a gocc executable says about itself, read from its file: the build information, the
// build ID, the entry point, the sections, and the pc table's figures. The reader behind
// `gocc info`. Every byte of the file is untrusted: a truncated or corrupt file gives an
// error saying what is wrong, never a crash (test/fuzz/inspect_fuzz.cpp fuzzes it).
#pragma once

#include "gocc/modinfo.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/MemoryBufferRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct SectionRange {
  std::string name;
  uint64_t start, end;
};

struct PcTableFigures {
  int64_t nfunc;
  uint64_t nfiles;
  uint64_t size;  // bytes of .gopclntab
};

struct BinaryInfo {
  gocc::debug::BuildInfo build;  // GoVersion is the toolchain version
  std::string modinfo;           // the embedded text, as `go version -m` prints it
  bool is64 = true;              // a 64-bit ELF file (amd64); false: 32-bit (386)
  uint64_t entry = 0;
  std::string entrySymbol;             // empty if no symbol is at the entry
  std::string buildID;                 // empty if the note is missing
  std::vector<SectionRange> sections;  // the allocated ones, in header order (gdb's info files)
  std::optional<PcTableFigures> pclntab;
  std::string goarch;   // from the ELF header's machine (a GOARCH setting must agree)
  std::string goamd64;  // from the build settings, "" if absent
  std::string go386;    // from the build settings, "" if absent
};

// Reads file's bytes. The error says why it is not a readable gocc executable: not ELF, a
// truncated or malformed ELF, no build information (not built by gocc), built by another
// toolchain (Go), corrupt build information, a corrupt pc table.
llvm::Expected<BinaryInfo> inspectBinary(llvm::MemoryBufferRef file);
