// arch.h — what the C++ side of the runtime needs to know about the processor it runs on
// (Go: runtime/internal/sys's arch_*.go, signal_<arch>.go's sigctxt, procyield in
// asm_<arch>.s). Everything else in runtime/ is the same C++ on amd64, arm64 and 386; the
// assembly (rt0/asm_<arch>.S) and the context layout (asm_offsets.h) are the other
// per-architecture parts.
//
// Every target keeps a frame record at the frame pointer: [fp] = the caller's frame pointer,
// [fp+ptrsize] = the return address (amd64: rbp, pushed by the prologue; 386: ebp, the same;
// arm64: x29, stored with x30 by the prologue's stp). So traceback.cpp's walk is the same on
// all, given that every function has one: the driver and CMake compile with
// -fno-omit-frame-pointer, and on arm64,
// where clang leaves leaf functions without a frame record unless told otherwise, also with
// -mno-omit-leaf-frame-pointer (a fault in a leaf would otherwise hide its caller).
#pragma once
#include <sys/ucontext.h>

#include "runtime2.h"

namespace runtime {

#if defined(__x86_64__)
// The instruction size quantum (Go: sys.PCQuantum), the pclntab's minLC.
constexpr uint8_t pcQuantum = 1;
// The DWARF number of the frame-pointer register, for the unwinder's _Unwind_GetGR.
constexpr int dwarfFrameRegister = 6;  // rbp
// Spin-wait hint (Go: procyield's PAUSE).
inline void procyield(int n) {
  for (int i = 0; i < n; i++) __builtin_ia32_pause();
}
// The interrupted state a signal handler is given (Go: sigctxt).
inline uintptr sigctxtPC(const ucontext_t* uc) { return uintptr(uc->uc_mcontext.gregs[REG_RIP]); }
inline uintptr sigctxtSP(const ucontext_t* uc) { return uintptr(uc->uc_mcontext.gregs[REG_RSP]); }
inline uintptr sigctxtFP(const ucontext_t* uc) { return uintptr(uc->uc_mcontext.gregs[REG_RBP]); }
#elif defined(__aarch64__)
constexpr uint8_t pcQuantum = 4;        // every instruction is 4 bytes
constexpr int dwarfFrameRegister = 29;  // x29
// Go's procyield on arm64 is YIELD, a hint that costs about nothing on cores without SMT.
inline void procyield(int n) {
  for (int i = 0; i < n; i++) asm volatile("yield" ::: "memory");
}
inline uintptr sigctxtPC(const ucontext_t* uc) { return uintptr(uc->uc_mcontext.pc); }
inline uintptr sigctxtSP(const ucontext_t* uc) { return uintptr(uc->uc_mcontext.sp); }
inline uintptr sigctxtFP(const ucontext_t* uc) { return uintptr(uc->uc_mcontext.regs[29]); }
#elif defined(__i386__)
constexpr uint8_t pcQuantum = 1;
constexpr int dwarfFrameRegister = 5;  // ebp (the i386 psABI's numbering)
inline void procyield(int n) {
  for (int i = 0; i < n; i++) __builtin_ia32_pause();
}
inline uintptr sigctxtPC(const ucontext_t* uc) { return uintptr(uc->uc_mcontext.gregs[REG_EIP]); }
inline uintptr sigctxtSP(const ucontext_t* uc) { return uintptr(uc->uc_mcontext.gregs[REG_ESP]); }
inline uintptr sigctxtFP(const ucontext_t* uc) { return uintptr(uc->uc_mcontext.gregs[REG_EBP]); }
#else
#error "gocc's runtime supports amd64, arm64 and 386"
#endif

}  // namespace runtime
