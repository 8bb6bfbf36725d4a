// mgc.h — what a C++ runtime keeps of Go's garbage collector: gcenable and the background
// scavenger (Go: mgc.go, mgcscavenge.go). See mgc.cpp.
#pragma once
#include "runtime2.h"

namespace runtime {

// gcenable: start the background scavenger and wait until it runs, from runtime.main
// (Go: gcenable).
extern "C" void gcenable() GO_NAME(gcenable);

// bgscavenge: the scavenger goroutine's function (Go: bgscavenge). A system goroutine.
void bgscavenge(void* c) asm("runtime.bgscavenge");

// wakeScavenger: from sysmon; wake the scavenger if pooled stacks have been idle long enough.
void wakeScavenger(int64 now);

}  // namespace runtime
