// Standard-header precompiled headers: most of a C++ unit's compile time goes to parsing the
// standard headers it includes, and those are the same headers, with the same flags, in unit
// after unit. A unit whose source opens with a run of standard #includes can therefore be
// compiled from a precompiled header (PCH) of that run, built once and cached.
//
// The prefix. standardPrefix reads the leading run of `#include <name>` directives that name
// standard headers (the C++ library's, the C library's, and gocc's own <gocc/...>), before
// which the unit has nothing but blank lines, comments and `#pragma once`. The PCH is built from
// a generated header holding exactly those #include lines, with the unit's own compile flags.
//
// Why the PCH'd compile is the plain one. Compiled with -include-pch, clang starts the unit in
// the state the generated header leaves (its macros, declarations and the headers it included),
// then reads the whole unit as usual; the unit's own #include lines of the prefix find their
// headers already included (include guards or #pragma once) and add nothing. That state is the
// one the plain compile reaches at the end of the prefix exactly when nothing before the
// prefix's includes can change how they are read: no macro defined or undefined, no pragma, no
// conditional, no line continuation, no other include. Hence the rule that only comments, blank
// lines and #pragma once (which marks the main file itself, not the headers) may precede them,
// and that the run stops at the first line of any other kind. Angle-bracket includes are found
// through the include path alone, never relative to the including file, so the generated header,
// which lives elsewhere, finds the same files. The prefix is limited to standard headers because
// those are the ones shared by many units and rarely edited; a project header would be as
// correct but would rebuild the PCH on every edit.
//
// What differs, measured on clang 19 (docs/pch.md): the object's code, data, symbols,
// relocations and line table are byte for byte the plain compile's. The debug information lacks
// what clang emits only for declarations it reads from source, never from an AST file: the
// DW_TAG_imported_declaration entries of the prefix headers' using-declarations (`using
// ::printf;` in namespace std) and the declarations only they refer to. Diagnostics are the
// plain compile's, except that a diagnostic inside a prefix header shows the generated header in
// its include stack; mentionsPCH finds such output so that the driver can compile the unit
// again without the PCH and show that compile's diagnostics instead.
#pragma once

#include "package.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

// True for a header of the language's standard library as named inside <...>: for C++ the
// C++ library's headers (C++23 and before), their C counterparts (<cstdio>) and the C
// library's own (<stdio.h>); for C the C library's (C23 and before). gocc's <gocc/...> headers
// count as standard in both.
bool isStandardHeader(llvm::StringRef name, Language language);

struct StandardPrefix {
  struct Include {
    std::string header;  // as written between < and >
    unsigned line;       // 1-based line of the #include in the unit
  };
  std::vector<Include> includes;  // in the unit's order; never empty

  // The generated header the PCH is built from: one `#include <header>` line per include.
  std::string headerText() const;
};

// The unit's standard-header prefix, or nothing when the unit does not open with one (see the
// rule above).
std::optional<StandardPrefix> standardPrefix(llvm::StringRef sourceText, Language language);

// The files of one PCH, all in one directory named after its key: the PCH records the
// generated header's path and the unit's diagnostics may show it, so the directory must be
// where the PCH is used, not a temporary one.
struct PCHFiles {
  std::string header;  // <dir>/std.h: headerText()
  std::string pch;     // <dir>/std.pch
  std::string deps;    // <dir>/std.d: every header the PCH read (clang's -MD output)
  static PCHFiles in(llvm::StringRef dir);
};

// The command that builds files.pch from files.header, given the unit's compile command (argv[0]
// the clang to run, then its flags, "-c", "-o OBJECT" and last the source, as planCompiles makes
// it): the same clang and flags without -c, -o and the source, so that the PCH is made in the
// language, standard, target, macros and include path of the unit (clang refuses a PCH whose
// settings differ), plus
//   -x c++-header / c-header   the generated header is compiled as a header
//   -Xclang -fno-pch-timestamp no modification times in the PCH: clang then checks each
//                              header's size only, the cache key checks contents, and the PCH
//                              is the same bytes from one build to the next
//   -MD -MF files.deps         the headers it read, for the cache's key
// Dependency-output flags of the unit (-MD, -MMD, -MF, -MT, -MQ) are left out. Validation is left
// on (no -fno-validate-pch): a header that changed under a cached PCH makes the compile with it
// fail loudly instead of reading stale declarations.
std::vector<std::string> pchBuildCommand(llvm::ArrayRef<std::string> unitArgv, Language language,
                                         const PCHFiles& files);

// The unit's compile command using the PCH: -include-pch PCH before the source.
std::vector<std::string> withPCH(llvm::ArrayRef<std::string> unitArgv, llvm::StringRef pch);

// The PCH's lookup key, known before it is built (it names the PCH's directory): SHA-256, in
// hex, of the compiler's identity (gocc's and clang's versions), the build command's flags
// without its output paths, and the generated header's text. A PCH so found is current only if
// every header its dependency file lists still has the bytes it had when the PCH was built: the
// cache keeps those hashes beside it, as it does for a compile's headers.
std::string pchLookupKey(llvm::StringRef compilerIdentity, llvm::ArrayRef<std::string> unitArgv,
                         const StandardPrefix& prefix);

// True when the unit's flags include a file before the source (-include, -imacros, -include-pch):
// the PCH would then not be what the plain compile reads before its prefix.
bool flagsIncludeFiles(llvm::ArrayRef<std::string> unitArgv);

// True when the unit's flags may name a file or directory relative to the working directory (an
// -I, -isystem, -include, --sysroot... whose path does not start with '/', or any separate
// value that does not): the same flags then find other headers elsewhere, so the PCH's lookup
// key must include the working directory.
bool flagsNameRelativePaths(llvm::ArrayRef<std::string> unitArgv);

// The files a Make-style dependency file lists after its target's colon, in order, with
// escaped spaces and line continuations undone.
std::vector<std::string> parseDependencyFile(llvm::StringRef text);

// True when clang's diagnostics of a compile with the PCH name the PCH's files: a diagnostic
// arose inside a prefix header and its include stack goes through the generated header where the
// plain compile shows the unit's #include line, or clang refused the PCH (a header changed size
// since it was built). Either way the unit must be compiled again without it.
bool mentionsPCH(llvm::StringRef diagnostics, const PCHFiles& files);
