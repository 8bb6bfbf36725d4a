// stubs.h — the runtime's functions written in assembly (rt0/asm_<arch>.S), declared once
// for the C++ side (Go: stubs.go). Nothing checks the assembly against these declarations: a
// change to one of these functions' arguments in the .S file must be made here too. The
// assembly's own calls into C++ (runtime.check, args, osinit, schedinit, newproc, mstart0,
// goexit1, abort) go to functions declared in those functions' headers or files.
#pragma once
#include "runtime2.h"

namespace runtime {

// mcall(fn): switch from the current goroutine to its M's g0 and call fn(gp) there, gp's
// context saved so that gogo(gp) later returns from this mcall. fn must not return.
extern "C" void mcall(void (*fn)(g*)) asm("runtime.mcall");
// gogo(gp): on g0, switch to gp and resume it where it left.
extern "C" [[noreturn]] void gogo(g* gp) asm("runtime.gogo");
// goexit: every goroutine's outermost frame; its address is where a new goroutine's first
// gogo "returns" to (newproc1 lays out the frame). Never called from C++.
extern "C" void goexit() asm("runtime.goexit");
// mstart: the entry of every M on its g0 stack (rt0_go for m0, mstartThread for others).
extern "C" void mstart() asm("runtime.mstart");
// systemstack(fn, arg): run fn(arg) on the M's g0 stack and return to the caller's stack.
extern "C" void systemstack(void (*fn)(void*), void* arg) asm("runtime.systemstack");
// main_main: the program's main (Go: main.main), called as main(argc, argv, envp).
extern "C" int main_main(int argc, char** argv, char** envp);

}  // namespace runtime
