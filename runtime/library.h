// library.h — the runtime inside a library (gocc build -buildmode=c-shared|c-archive): see
// library.cpp.
#pragma once
#include "runtime2.h"

namespace runtime {

// Set by the library's initializer before anything else runs (Go: islibrary || isarchive):
// runtime.main returns before main_main, checkdead never reports, and a fault outside the
// library's code is the host's.
extern bool islibrary;

// From runtime.main once the init tasks have run: the exported functions may run now.
void libraryInitDone();

}  // namespace runtime
