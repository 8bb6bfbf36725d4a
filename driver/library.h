// Library build modes: gocc build -buildmode=c-shared (libx.so) and -buildmode=c-archive
// (libx.a), each with libx.h, the host's header, as Go's cgo writes one (docs/ports.md).
//
// What a library build adds to a program's:
//   - every unit is compiled position-independent (-fPIC), and linked with the runtime of
//     library builds (<root>/lib/gocc/linux_amd64_lib/libgoccrt.a), whose initializer
//     _rt0_amd64_linux_lib starts the runtime in the host (runtime/library.cpp);
//   - the exports: each GOCC_EXPORT(declaration) (gocc/export.h) leaves its declaration in
//     the object's .gocc.export section. The driver reads them, checks that C can compile each
//     (the header must be C), renames the function's symbol to gocc.export.<name> in its
//     object and gives the name to a stub (exportStubs) that waits, on a call made before the
//     runtime's init tasks have run, until they have (runtime.exportEnter), then jumps to it;
//   - c-shared links a shared object with the program's script (gocc_init_array for the
//     constructors, runtime.main runs them) and a version script that exports the exports
//     only; c-archive links the objects, the stubs and the runtime into one relocatable object
//     with the constructors renamed into gocc_init_array, all code in one section with its
//     table beside it, and every symbol but the exports local, and archives it.
#pragma once

#include "toolchain.h"
#include "trace.h"
#include "workdir.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

enum class BuildMode { Exe, CShared, CArchive };

// What an exported function's symbol is renamed to (the prefix of gocc.export.<name>), so that
// its stub can have its C name.
inline constexpr char kExportPrefix[] = "gocc.export.";

// -buildmode's value: exe or default (a program), c-shared, c-archive. Go's other modes
// (archive, shared, plugin, pie) are "-buildmode=X not supported on linux/amd64", anything else
// "buildmode=X not supported", as go build says them; both usage errors (exit status 2).
llvm::Expected<BuildMode> parseBuildMode(llvm::StringRef value);

// "exe", "c-shared", "c-archive": as the build information records -buildmode.
const char* buildModeName(BuildMode mode);

// What a library build names its output when -o is not given: the program's name with Go's
// suffix for the mode (.so, .a); and the header beside an output (libx.so → libx.h).
std::string libraryOutputName(const std::string& programName, BuildMode mode);
std::string libraryHeaderPath(const std::string& outputPath);

// One GOCC_EXPORT of the program.
struct Export {
  std::string name;         // the C name the host calls
  std::string declaration;  // as written in the macro
  std::string object;       // the object defining it
  std::string unit;         // its source, for messages
};

// The exports recorded in objects (units[i] compiled into objects[i]), in the order of the
// units and, within one, of the source. A record whose name cannot be found, or a name
// exported twice, is an error naming the unit.
llvm::Expected<std::vector<Export>> readExports(llvm::ArrayRef<std::string> objects,
                                                llvm::ArrayRef<std::string> units);

// The host's header for the exports: C declarations, in a C++-compatible wrapper. Runs clang on
// it as C first, and, if that fails, on each declaration alone, so that the error names the
// export C cannot express (with clang's reason).
llvm::Expected<std::string> exportHeader(const Toolchain& tc, llvm::ArrayRef<Export> exports,
                                         const std::string& programName, BuildMode mode,
                                         const WorkDir& work, const CommandTrace& trace);

// The assembly of the exports' stubs; with goamd64Level > 0 (an archive, linked without the
// linker script that defines it) also the runtime's gocc_goamd64 symbol.
std::string exportStubs(llvm::ArrayRef<Export> exports, int goamd64Level);

// Assembles the stubs' source into object with clang (position-independent code needs no flag
// for hand-written assembly).
llvm::Error assemble(const Toolchain& tc, const std::string& source, const std::string& object,
                     const CommandTrace& trace);

// The lld version script of a shared library: the exports global, everything else local.
std::string exportVersionScript(llvm::ArrayRef<Export> exports);

// Edits of one object file, made in-process with LLVM's objcopy library.
struct ObjectEdits {
  std::map<std::string, std::string> renameSymbols;
  std::map<std::string, std::string> renameSections;
  std::vector<std::string> removeSections;  // by name (".group": every COMDAT group)
  std::vector<std::string> keepGlobal;      // when not empty: every other defined symbol local
};
// The -x line shows the equivalent llvm-objcopy command.
llvm::Error rewriteObject(const std::string& input, const std::string& output,
                          const ObjectEdits& edits, const CommandTrace& trace);

// The object's .init_array sections (.init_array and .init_array.<priority>), which an archive
// renames into gocc_init_array.
llvm::Expected<std::vector<std::string>> initArraySections(const std::string& object);

// Writes a c-archive member's table as a one-section object: gocc_pclntab, a name the host's
// linker brackets with __start_/__stop_ symbols, which the runtime reads it by, kept by
// --gc-sections (SHF_GNU_RETAIN) though nothing refers to it by a relocation.
llvm::Error writeArchiveTableObject(const Target& target, llvm::ArrayRef<uint8_t> table,
                                    const std::string& objectPath);

// Writes bytes to path, replacing what is there (replaceFile: never half written).
llvm::Error writeFile(const std::string& path, llvm::StringRef bytes);

// Writes an archive holding the one object member (ar rcs output member).
llvm::Error writeArchive(const std::string& member, const std::string& output,
                         const CommandTrace& trace);
