// symtab.h — the executable's own layout, as the runtime finds it (Go: symtab.go's
// moduledata). The linker script defines the symbols these come from.
#pragma once
#include "buildinfo.h"
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

// The build information embedded in the executable (section .go.buildinfo), decoded in
// place; false if there is none or it is damaged (debug.cpp).
bool ownBuildInfo(buildinfo::Strings* out);

// The executable's ELF symbol table, read from /proc/self/exe, to name functions for
// GODEBUG=inittrace (which may be slow; the pc→line table will replace it).
class elfSymtab {
 public:
  elfSymtab();  // maps the file; found() is false if it has no usable symbol table
  ~elfSymtab();
  elfSymtab(const elfSymtab&) = delete;
  elfSymtab& operator=(const elfSymtab&) = delete;
  // The name of the function containing pc, into buf. False if unknown.
  bool funcName(uintptr pc, char* buf, size_t size) const;

 private:
  void* map_ = nullptr;
  size_t mapSize_ = 0;
  const void* syms_ = nullptr;  // Elf64_Sym[nsyms_]
  uint64 nsyms_ = 0;
  const char* strs_ = nullptr;
  uint64 strsSize_ = 0;
};

}  // namespace runtime
