// Linking: lld's ELF linker, run inside gocc (lld::lldMain) rather than exec'd, which saves
// starting ld.lld and loading its libLLVM: for an <iostream> hello world, ~25 ms in-process against
// ~43 ms exec'ing ld.lld-19 with the same arguments (median of 20 each).
//
// The program gets the gocc runtime as a whole archive (its entry point and initializers are not
// referenced by user code), libstdc++ and libgcc statically, and glibc dynamically: static
// libstdc++ avoids loading and relocating the 2 MB shared one at every start, and glibc must stay
// dynamic because the runtime starts the program without __libc_start_main (static glibc would
// then lack TLS and ifunc relocation).
#pragma once

#include "toolchain.h"
#include "trace.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

// The ld.lld command line (argv[0] = "ld.lld") that links objects into outputPath.
std::vector<std::string> linkCommand(const Toolchain& tc, const std::string& linkerScript,
                                     llvm::ArrayRef<std::string> objects,
                                     llvm::ArrayRef<std::string> ldflags,
                                     const std::string& outputPath);

// Runs lld in-process. Its diagnostics go to stderr unchanged; a missing main gets one more line
// saying what the user must write.
llvm::Error link(llvm::ArrayRef<std::string> command, const CommandTrace& trace);

// ldflags without the flags that strip symbols or debug information (-s, -S, -x, -X and their
// long forms): the first of gocc's two links keeps them, because the pclntab is built from
// them, and they do not change the layout of anything loaded. The second link strips, so
// `-ldflags=-s` gives, as in Go, a binary without symbols or DWARF that still explains itself.
std::vector<std::string> withoutStripping(llvm::ArrayRef<std::string> ldflags);
