// Offsets of the fields that the assembly in rt0/ touches, and the layout of the context a
// switched-out goroutine keeps on its stack. Shared by the .S files and by the C++ side:
// runtime2.h static_asserts each field offset against the real struct layout.
//
// The fields are pointer-sized and come first in their structs, so each offset is a multiple
// of the target's pointer size (__SIZEOF_POINTER__, which the compiler predefines for the
// assembler too): 8 on amd64 and arm64, 4 on 386.
#pragma once
#define PTR_SIZE __SIZEOF_POINTER__
#define G_SCHED_SP (0 * PTR_SIZE)  // g.sched.sp: saved stack pointer of a switched-out goroutine
#define G_STACK_LO (1 * PTR_SIZE)  // g.stack.lo
#define G_STACK_HI (2 * PTR_SIZE)  // g.stack.hi
#define G_M (3 * PTR_SIZE)         // g.m
#define M_G0 (0 * PTR_SIZE)        // m.g0
#define M_CURG (1 * PTR_SIZE)      // m.curg

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
#elif defined(__i386__)
// edi esi ebx ebp <return address>
#define CTX_FP 12
#define CTX_PC 16
#define CTX_SIZE 20
#else
#error "gocc's runtime supports amd64, arm64 and 386"
#endif
