// The pclntab step of gocc build: Go's pc→function/file/line table for a linked executable.
//
// gocc links twice (docs/pclntab.md). The first link gives the final code at its final
// addresses; buildPclntab reads that executable with LLVM's Object and DWARF libraries —
// the functions from its symbol table, the files and lines from its DWARF line tables, the
// SP offsets from its .eh_frame — and encodes the table (formats/pclntab_encode.h).
// writePclntabObject wraps the table in a one-section relocatable object, gopclntab.o, which
// the second link places last (linker-scripts/linux.ld.in), and checkTextUnchanged
// proves that nothing moved: the second executable's .text has the same address, size and
// bytes as the first's.
#pragma once

#include "elfobject.h"
#include "formats/pclntab.h"
#include "target.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

class ElfFile;

namespace llvm {
class DWARFContext;
}

// File names in the table are the paths Clang recorded (comp_dir joined with the line
// table's directory and name, as llvm-symbolizer prints them), then rewritten by the first
// matching prefix: -trimpath maps the package directory to "" and gocc's source tree to
// "gocc/".
struct PathRewrite {
  std::vector<std::pair<std::string, std::string>> prefixes;  // from, to (from ends in '/')
  std::string apply(llvm::StringRef path) const;
};

// A table read out of a file (gocc tool addr2line, gocc info): copied to 8-aligned memory, as
// the reader wants its header aligned and a damaged file's offsets need not be, then checked
// as the runtime checks it at start-up, against the address of the file's .text and the
// instruction size quantum and pointer size of its machine (ELF e_machine).
struct LoadedPclntab {
  std::vector<uint64_t> storage;
  pclntab::Table table;
  // Returns nullptr, or what is wrong with the table.
  const char* load(llvm::StringRef bytes, uint64_t textAddr, uint16_t machine) {
    const ArchInfo* arch = archForMachine(machine);
    if (arch && bytes.size() > 7 && uint8_t(bytes[7]) != arch->ptrSize) return "bad pointer size";
    storage.assign((bytes.size() + 7) / 8, 0);
    std::memcpy(storage.data(), bytes.data(), bytes.size());
    const char* why = table.init(reinterpret_cast<const uint8_t*>(storage.data()), bytes.size(),
                                 arch ? uint8_t(arch->pcQuantum) : 0);
    return why ? why : table.verify(textAddr);
  }
};

// Builds the table (its bytes) for the executable at exePath.
llvm::Expected<std::vector<uint8_t>> buildPclntab(const std::string& exePath,
                                                  const PathRewrite& rewrite);

// name's short form (formats/funcname.h): every outermost template argument list "<...>".
std::string shortFuncName(const std::string& name);

// The full names of the source frames at a pc, from an executable's DWARF, for gocc tool
// addr2line: the table stores the names of inlined-only functions in their short form
// (buildPclntab), the DWARF has them whole.
class DwarfFrameNames {
public:
  // nullptr if the executable has no DWARF (.debug_info): stripped, or linked with -s.
  static llvm::Expected<std::unique_ptr<DwarfFrameNames>> open(const std::string& path);
  ~DwarfFrameNames();
  // The demangled names, innermost inlined call first, then the function holding pc; "" for
  // a frame whose DIE names no function. Empty where the DWARF does not describe pc.
  std::vector<std::string> at(uint64_t pc);

private:
  DwarfFrameNames() = default;
  std::unique_ptr<ElfFile> file_;
  std::unique_ptr<llvm::object::ObjectFile> object_;
  std::unique_ptr<llvm::DWARFContext> dwarf_;
};

// Writes table as a relocatable object of the target's ELF class and machine holding one
// SHF_ALLOC, read-only section, .gopclntab, aligned to 32 (Go's alignment for it).
llvm::Error writePclntabObject(llvm::ArrayRef<uint8_t> table, const std::string& objectPath,
                               const Target& target);

// Fails with an internal error unless the two executables' .text sections have the same
// address, size and contents, and every other allocated section of before (but .gopclntab)
// the same address and size in after.
llvm::Error checkTextUnchanged(const std::string& before, const std::string& after);
