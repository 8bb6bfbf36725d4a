// symtab.h — the executable's own layout, as the runtime finds it (Go: symtab.go's
// moduledata). The linker script defines the symbols these come from.
#pragma once
#include "runtime2.h"

namespace runtime {

using initFunc = void (*)(int, char**, char**);

struct moduledata {
  uintptr text, etext;             // the code: .text's bounds
  uintptr noptrdata, enoptrdata;   // initialized data (.data)
  uintptr bss, ebss;
  uintptr end;                     // end of the image in memory
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
};

extern moduledata firstmoduledata;

// The name of the function containing pc, from the executable's ELF symbol table
// (/proc/self/exe): for GODEBUG=inittrace, which is allowed to be slow. False if unknown.
bool elfFuncName(uintptr pc, char* buf, size_t size);

}  // namespace runtime
