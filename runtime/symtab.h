// symtab.h — the executable's own layout and its pc→function/file/line table, as the
// runtime finds them (Go: symtab.go's moduledata, findfunc, funcline). The linker script
// defines the symbols these come from.
#pragma once
#include "formats/buildinfo.h"
#include "formats/pclntab.h"
#include "runtime2.h"

// Marks a declaration of a symbol the linker script defines: weak in a library build, whose
// archive the host links without gocc's script (the symbol is 0 there: symtab.cpp).
#ifdef GOCC_LIBRARY
#define SCRIPT_SYMBOL __attribute__((weak))
#else
#define SCRIPT_SYMBOL
#endif

namespace runtime {

using initFunc = void (*)(int, char**, char**);

struct moduledata {
  uintptr text, etext;            // the code: .text's bounds
  uintptr noptrdata, enoptrdata;  // initialized data (.data)
  uintptr bss, ebss;
  uintptr end;  // end of the image in memory
  // Init tasks: the constructors of the libraries linked in (runtime, libgcc, libstdc++),
  // then the program's own .init_array, in the order the linker placed them.
  struct initGroup {
    const char* name;
    initFunc* start;
    initFunc* end;
  };
  initGroup libinit[3];
  initFunc* initarray;
  initFunc* einitarray;
  // The pc→function/file/line table (.gopclntab, between runtime.pclntab and
  // runtime.epclntab). Not ok() when the binary carries none: see modulesinit.
  pclntab::Table pcln;
};

extern moduledata firstmoduledata;

// modulesinit: fill firstmoduledata from the linker script's symbols and verify it and its
// pclntab, from schedinit (Go: modulesinit, moduledataverify).
extern "C" void modulesinit() GO_NAME(modulesinit);

// The function containing pc (Go: findfunc): a binary search of the pclntab's functab.
// Invalid if pc is in no function of the table (or the binary has no table).
// findfunc, funcname and funcline allocate nothing and take no lock: they run in signal
// handlers and while the scheduler is in any state.
pclntab::Func findfunc(uintptr pc);
// f's name as the table has it (demangled C++: "ns::T::f(int)", "main"), or nullptr.
const char* funcname(const pclntab::Func& f);
// The source file and line of pc in f (Go: funcline). For a return address, pass pc-1:
// the call instruction's line, not the next statement's. False if the table does not say.
bool funcline(const pclntab::Func& f, uintptr pc, const char** file, int32* line);

// The source frames at pc in f, innermost first: one per inlined call pc lies in, then f
// itself at the outermost call site (pclntab::InlineUnwinder over the program's table).
// Pass pc-1 for a return address, as for funcline.
pclntab::InlineUnwinder inlineFrames(const pclntab::Func& f, uintptr pc);

// The build information embedded in the executable (section .go.buildinfo), decoded in
// place; false if there is none or it is damaged (debug.cpp).
bool ownBuildInfo(buildinfo::Strings* out);

}  // namespace runtime
