// Offsets of the fields that the assembly in rt0/ touches. Shared by the .S files and by
// runtime2.h, which static_asserts each one against the real struct layout.
#pragma once
#define G_SCHED_SP 0   // g.sched.sp: saved stack pointer of a switched-out goroutine
#define G_STACK_LO 8   // g.stack.lo
#define G_STACK_HI 16  // g.stack.hi
#define G_M 24         // g.m
#define M_G0 0         // m.g0
#define M_CURG 8       // m.curg
