// Offsets of the fields that the assembly in rt0/ touches. Shared by the .S files and by
// runtime2.h, which static_asserts each one against the real struct layout.
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

// A switched-out goroutine's saved context (mcall pushes it, gogo pops it; g.sched.sp points
// at its first word): SAVED_REGS callee-saved registers of the ABI, the frame pointer last,
// then the return address into mcall's caller.
//   amd64: r15 r14 r13 r12 rbx rbp <ret>      386: edi esi ebx ebp <ret>
#if defined(__x86_64__)
#define SAVED_REGS 6
#elif defined(__i386__)
#define SAVED_REGS 4
#endif
#define SAVED_FP ((SAVED_REGS - 1) * PTR_SIZE)  // offset of the saved frame pointer from sched.sp
#define SAVED_PC (SAVED_REGS * PTR_SIZE)        // offset of the return address from sched.sp
