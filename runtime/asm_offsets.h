// Offsets of the fields that the assembly in rt0/ touches, and the layout of the context a
// switched-out goroutine keeps on its stack. Shared by the .S files and by the C++ side:
// runtime2.h static_asserts each field offset against the real struct layout.
#pragma once
#define G_SCHED_SP 0   // g.sched.sp: saved stack pointer of a switched-out goroutine
#define G_STACK_LO 8   // g.stack.lo
#define G_STACK_HI 16  // g.stack.hi
#define G_M 24         // g.m
#define M_G0 0         // m.g0
#define M_CURG 8       // m.curg

// The context mcall pushes and gogo pops (rt0/asm_<arch>.S): CTX_SIZE bytes at g.sched.sp,
// the callee-saved registers of the ABI, among them the caller's frame pointer at CTX_FP and
// the return address into mcall's caller at CTX_PC. newproc1 lays out a new goroutine's
// first one (gostartcall), tracebacks of parked goroutines start from it.
#if defined(__x86_64__)
// r15 r14 r13 r12 rbx rbp <return address>
#define CTX_FP 40
#define CTX_PC 48
#define CTX_SIZE 56
#elif defined(__aarch64__)
// x29 x30 (a frame record, so the frame-pointer chain runs through it), x19..x28, d8..d15
#define CTX_FP 0
#define CTX_PC 8
#define CTX_SIZE 160
#else
#error "gocc's runtime supports amd64 and arm64"
#endif
