// The linker script: the runtime ships a template (linux.ld.in) in which ${NAME} stands for
// a value only the driver knows per build; the driver writes the instantiated script into the work
// directory and links with -T. Keeping the layout in the runtime's template, not in the driver,
// lets the runtime change its sections without a driver change.
#pragma once

#include "target.h"
#include "toolchain.h"
#include "trace.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>

using TemplateVars = std::map<std::string, std::string>;

// The values every link fills in: ENTRY (the runtime's entry symbol), TEXT_START (the address
// the image is laid out from, as in Go) and ARCH_SYMBOLS (on amd64 gocc_goamd64, the level).
TemplateVars linkerScriptVars(const Target& target);

// Reads the toolchain's template, replaces each ${NAME} in it with vars[NAME], and writes the
// result to outputPath. A name not in vars, or an unterminated ${, is an internal error: the
// runtime's template and the driver disagree.
llvm::Error writeLinkerScript(const Toolchain& tc, const TemplateVars& vars,
                              const std::string& outputPath, const CommandTrace& trace);
