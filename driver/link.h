// Linking: lld's ELF linker, run inside gocc (lld::lldMain) rather than exec'd, which saves
// starting ld.lld and loading its libLLVM: for an <iostream> hello world, ~25 ms in-process against
// ~43 ms exec'ing ld.lld-19 with the same arguments (median of 20 each).
//
// The program gets the gocc runtime as a whole archive (its entry point and initializers are not
// referenced by user code), libstdc++ and libgcc statically, and glibc dynamically: static
// libstdc++ avoids loading and relocating the 2 MB shared one at every start. With -static glibc
// is linked statically too; then the runtime's start goes through __libc_start_main
// (goccrt_static.o), which sets up what ld.so would have (TLS, ifunc relocation).
#pragma once

#include "toolchain.h"
#include "trace.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

// How glibc is linked: dynamically (the default), or statically with everything else
// (gocc build -static: one self-contained file; the runtime then starts glibc through
// __libc_start_main, see docs/bootstrap.md).
// A shared library (gocc build -buildmode=c-shared) links glibc dynamically too, as a shared
// object (-shared) exporting what versionScript says, with the library builds' runtime.
enum class LinkMode { Dynamic, Static, Shared };

// The ld.lld command line (argv[0] = "ld.lld") that links objects into outputPath.
// versionScript: for LinkMode::Shared, the file listing what the library exports.
std::vector<std::string> linkCommand(const Toolchain& tc, const Target& target, LinkMode mode,
                                     const std::string& linkerScript,
                                     llvm::ArrayRef<std::string> objects,
                                     llvm::ArrayRef<std::string> ldflags,
                                     const std::string& outputPath,
                                     const std::string& versionScript = "");

// The ld.lld command line that links objects and the library builds' runtime into one
// relocatable object (ld -r), the member of a c-archive.
std::vector<std::string> partialLinkCommand(const Toolchain& tc, const Target& target,
                                            llvm::ArrayRef<std::string> objects,
                                            const std::string& outputPath);

// Runs lld in-process. Its diagnostics go to stderr unchanged; a missing main gets one more line
// saying what the user must write. Its standard output goes to lldOutput if given, else to
// stdout.
llvm::Error link(llvm::ArrayRef<std::string> command, const CommandTrace& trace,
                 std::string* lldOutput = nullptr);

// ldflags without the flags that strip symbols or debug information (-s, -S, -x, -X and their
// long forms): the first of gocc's two links keeps them, because the pclntab is built from
// them, and they do not change the layout of anything loaded. The second link strips, so
// `-ldflags=-s` gives, as in Go, a binary without symbols or DWARF that still explains itself.
std::vector<std::string> withoutStripping(llvm::ArrayRef<std::string> ldflags);

// glibc's link-time warnings, for static links: the functions libc.a marks, with the text of
// the member's .gnu.warning.<function> section (GNU ld prints it when an object refers to the
// function; lld ignores such sections). Most are about what a static glibc cannot do without
// the shared libraries at run time: the NSS look-ups (getpwnam, getaddrinfo ...) and dlopen.
using GlibcWarnings = std::map<std::string, std::string>;

// The warnings of the libc.a a static link finds (the first in the search path).
llvm::Expected<GlibcWarnings> staticGlibcWarnings(const Toolchain& tc, const Target& target);

// lld flags that make it report, on its standard output, every reference to a marked function.
std::vector<std::string> traceWarnedFunctions(const GlibcWarnings& warnings);

// One line on stderr, "gocc: warning: <glibc's text>", for each marked function that lldOutput
// (the output of a link with traceWarnedFunctions) shows referred to, in name order.
void printGlibcWarnings(const GlibcWarnings& warnings, llvm::StringRef lldOutput);
