// The linker script: the runtime ships a template (linux.ld.in) in which ${NAME} stands for
// a value only the driver knows per build; the driver writes the instantiated script into the work
// directory and links with -T. Keeping the layout in the runtime's template, not in the driver,
// lets the runtime change its sections without a driver change.
#pragma once

#include "link.h"
#include "target.h"
#include "toolchain.h"
#include "trace.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>

using TemplateVars = std::map<std::string, std::string>;

// The values every link fills in: ENTRY (the runtime's entry symbol; a shared library's
// initializer, <entry>_lib), TEXT_START (the address the image is laid out from, as in Go; 0
// for a shared library), ARCH_SYMBOLS (on amd64 gocc_goamd64, the level), INIT_ARRAY (the
// output section of the constructors runtime.main runs: .init_array in a program,
// .gocc_init_array in a shared library), LIBRARY_INIT_ARRAY (a shared library's
// .init_array, holding its initializer alone; empty in a program) and TLS_ALIGN (a static
// program's TLS segment starts at its alignment: see the template).
TemplateVars linkerScriptVars(const Target& target, LinkMode mode = LinkMode::Dynamic);

// Reads the toolchain's template, replaces each ${NAME} in it with vars[NAME], and writes the
// result to outputPath. A name not in vars, or an unterminated ${, is an internal error: the
// runtime's template and the driver disagree.
llvm::Error writeLinkerScript(const Toolchain& tc, const TemplateVars& vars,
                              const std::string& outputPath, const CommandTrace& trace);
