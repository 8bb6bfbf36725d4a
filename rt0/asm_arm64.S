// The runtime's arm64 assembly (Go: asm_arm64.s): the start of the bootstrap, and the
// goroutine context switch. Everything else is C++.
//
// The current g lives in the thread-local runtime_g, the same initial-exec TLS slot as on
// amd64, so the C++ runtime reads it the same way on both. It is addressed from the thread
// pointer (TPIDR_EL0) with :tprel: relocations (local-exec: the runtime is always part of
// the executable). Go's arm64 port keeps g in a register (R28) and saves it to TLS only
// around cgo calls; gocc's code is C and C++ compiled by clang, for which x28 is an ordinary
// callee-saved register, so a register of its own would mean reserving x28 (-ffixed-x28)
// in every unit, libstdc++ and glibc included, which cannot be done for the prebuilt ones.
//
// A switched-out goroutine's context is on its own stack, at g.sched.sp (CTX_SIZE bytes,
// runtime/asm_offsets.h):
//   +0 x29 x30   +16 x19..x28   +96 d8..d15
// i.e. the callee-saved registers of the AAPCS64 (the low halves of v8-v15 are the callee-
// saved part of the vector registers). x29/x30 first make it a frame record: the frame-
// pointer chain of a parked goroutine runs through it. A goroutine only ever leaves its
// stack by calling mcall, so the caller-saved registers are dead by the ABI's own rules.

#include "../runtime/asm_offsets.h"

// get_g(reg): reg = runtime_g. Uses x16 (IP0, free at any call boundary).
#define get_g(reg)					\
	mrs	x16, tpidr_el0;				\
	add	x16, x16, #:tprel_hi12:runtime_g, lsl #12;	\
	ldr	reg, [x16, #:tprel_lo12_nc:runtime_g]
// set_g(reg): runtime_g = reg. Uses x16.
#define set_g(reg)					\
	mrs	x16, tpidr_el0;				\
	add	x16, x16, #:tprel_hi12:runtime_g, lsl #12;	\
	str	reg, [x16, #:tprel_lo12_nc:runtime_g]

	.text

// _rt0_arm64: common to arm64 systems that start with argc/argv on the stack.
	.globl	_rt0_arm64
	.hidden	_rt0_arm64
	.type	_rt0_arm64, %function
_rt0_arm64:
	.cfi_startproc
	.cfi_undefined x30
	mov	x2, x0			// ld.so's finalizer, passed on
	ldr	x0, [sp]		// argc
	add	x1, sp, #8		// argv
	b	"runtime.rt0_go"
	.cfi_endproc
	.size	_rt0_arm64, .-_rt0_arm64

// runtime.rt0_go(argc, argv, rtld_fini): make g0 and m0, then run the bootstrap steps in
// Go's order. Never returns: mstart schedules the main goroutine, which exits the process.
//
// In a static program (gocc build -static) glibc is not initialized yet: rt0_go first hands
// over to runtime.libcstart (rt0/libcstart_linux_arm64.S, linked only into static programs;
// the weak reference is 0 in the others), which calls __libc_start_main with the continuation
// below as "main". glibc sets up TLS and its ifuncs and calls it back on the same stack, with
// (argc, argv, envp); there is no ld.so finalizer.
	.weak	"runtime.libcstart"
	.hidden	"runtime.libcstart"
	.globl	"runtime.rt0_go"
	.type	"runtime.rt0_go", %function
"runtime.rt0_go":
	.cfi_startproc
	.cfi_undefined x30
	movz	x9, #:abs_g3:"runtime.libcstart"
	movk	x9, #:abs_g2_nc:"runtime.libcstart"
	movk	x9, #:abs_g1_nc:"runtime.libcstart"
	movk	x9, #:abs_g0_nc:"runtime.libcstart"
	cbz	x9, .Lrt0_go_start
	adr	x3, .Lrt0_go_libcmain
	br	x9
.Lrt0_go_libcmain:
	mov	x2, #0			// envp in a main's third argument: not a finalizer
.Lrt0_go_start:
	mov	x29, #0
	mov	x30, #0
	// Keep argc, argv and rtld_fini in callee-saved registers, on an aligned stack.
	mov	x19, x0
	mov	x20, x1
	mov	x21, x2
	mov	x9, sp
	and	x9, x9, #~15
	mov	sp, x9

	// g0 runs on the OS stack: give it the top 64 KiB of it, as Go does.
	adrp	x0, "runtime.g0"
	add	x0, x0, :lo12:"runtime.g0"
	mov	x10, #(64*1024-104)
	sub	x10, x9, x10
	str	x10, [x0, #G_STACK_LO]
	str	x9, [x0, #G_STACK_HI]

	// ld.so set up this thread's TLS; make sure the slot for g works: store through the
	// address set_g computes (two 12-bit halves of the offset from the thread pointer), read
	// it back through the whole offset added to TPIDR_EL0 in one register: the same "does
	// TLS work" test as amd64's %fs store and linear-address load.
	mov	x10, #0x123
	set_g(x10)
	mrs	x11, tpidr_el0
	movz	x12, #:tprel_g1:runtime_g
	movk	x12, #:tprel_g0_nc:runtime_g
	ldr	x13, [x11, x12]
	cmp	x13, #0x123
	b.eq	.Ltls_ok
	bl	"runtime.abort"
.Ltls_ok:
	// g = g0; m0.g0 = g0; g0.m = m0.
	set_g(x0)
	adrp	x1, "runtime.m0"
	add	x1, x1, :lo12:"runtime.m0"
	str	x0, [x1, #M_G0]
	str	x1, [x0, #G_M]

	bl	"runtime.check"
	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	bl	"runtime.args"
	bl	"runtime.osinit"
	bl	"runtime.schedinit"

	// Create a goroutine to start the program: runtime.main (goid 1, the main goroutine).
	adrp	x0, "runtime.main"
	add	x0, x0, :lo12:"runtime.main"
	mov	x1, #0
	bl	"runtime.newproc"

	// Start this M: it schedules the main goroutine and never comes back.
	bl	"runtime.mstart"
	bl	"runtime.abort"
	.cfi_endproc
	.size	"runtime.rt0_go", .-"runtime.rt0_go"

// runtime.mstart: entry of every M on its g0 stack. Records where g0's stack restarts for
// each later mcall (this frame: nothing above it is live once scheduling begins).
	.globl	"runtime.mstart"
	.type	"runtime.mstart", %function
"runtime.mstart":
	.cfi_startproc
	stp	x29, x30, [sp, #-16]!
	.cfi_def_cfa_offset 16
	.cfi_offset x29, -16
	.cfi_offset x30, -8
	mov	x29, sp
	get_g(x0)
	mov	x1, sp
	str	x1, [x0, #G_SCHED_SP]
	bl	"runtime.mstart0"
	bl	"runtime.abort"
	.cfi_endproc
	.size	"runtime.mstart", .-"runtime.mstart"

// runtime.mcall(fn): switch from the current goroutine to its M's g0 and call fn(gp) there.
// Saves gp's context so that gogo(gp) later returns from this call. fn must not return.
	.globl	"runtime.mcall"
	.type	"runtime.mcall", %function
"runtime.mcall":
	.cfi_startproc
	sub	sp, sp, #CTX_SIZE
	.cfi_def_cfa_offset CTX_SIZE
	stp	x29, x30, [sp, #0]
	.cfi_offset x29, -CTX_SIZE
	.cfi_offset x30, -CTX_SIZE+8
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	stp	d8, d9, [sp, #96]
	stp	d10, d11, [sp, #112]
	stp	d12, d13, [sp, #128]
	stp	d14, d15, [sp, #144]
	mov	x9, x0			// fn
	get_g(x0)			// gp, fn's argument
	mov	x10, sp
	str	x10, [x0, #G_SCHED_SP]
	ldr	x11, [x0, #G_M]
	ldr	x11, [x11, #M_G0]
	set_g(x11)
	ldr	x10, [x11, #G_SCHED_SP]
	and	x10, x10, #~15
	mov	sp, x10
	// On g0 now, below mstart's frame: fn's frames are the bottom of g0's stack.
	.cfi_def_cfa sp, 0
	.cfi_undefined x30
	mov	x29, #0
	blr	x9
	bl	"runtime.abort"		// fn returned
	.cfi_endproc
	.size	"runtime.mcall", .-"runtime.mcall"

// runtime.gogo(gp): on g0, switch to goroutine gp and resume it where it left (the return
// from its mcall, or runtime.goexit's first instruction for a new goroutine).
	.globl	"runtime.gogo"
	.type	"runtime.gogo", %function
"runtime.gogo":
	.cfi_startproc
	set_g(x0)
	ldr	x10, [x0, #G_SCHED_SP]
	mov	sp, x10
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	d8, d9, [sp, #96]
	ldp	d10, d11, [sp, #112]
	ldp	d12, d13, [sp, #128]
	ldp	d14, d15, [sp, #144]
	ldp	x29, x30, [sp, #0]
	add	sp, sp, #CTX_SIZE
	ret
	.cfi_endproc
	.size	"runtime.gogo", .-"runtime.gogo"

// runtime.goexit: the outermost frame of every goroutine. newproc1 puts its address where
// gogo will "return" to; it runs the goroutine's function and then exits the goroutine.
// (In Go, goexit is a fake return address under the function; here it is a real caller.)
	.globl	"runtime.goexit"
	.type	"runtime.goexit", %function
"runtime.goexit":
	.cfi_startproc
	.cfi_undefined x30	// unwinding (throw, gdb's bt) ends cleanly here
	mov	x29, #0
	mov	x30, #0
	get_g(x0)
	bl	"runtime.goexit1"
	bl	"runtime.abort"
	.cfi_endproc
	.size	"runtime.goexit", .-"runtime.goexit"

// runtime.systemstack(fn, arg): run fn(arg) on the M's g0 stack, then return to the caller's
// goroutine stack. Called on g0 already, it just calls fn.
	.globl	"runtime.systemstack"
	.type	"runtime.systemstack", %function
"runtime.systemstack":
	.cfi_startproc
	stp	x29, x30, [sp, #-32]!
	.cfi_def_cfa_offset 32
	.cfi_offset x29, -32
	.cfi_offset x30, -24
	mov	x29, sp
	.cfi_def_cfa x29, 32
	stp	x19, x20, [sp, #16]
	.cfi_offset x19, -16
	.cfi_offset x20, -8
	get_g(x19)
	ldr	x9, [x19, #G_M]
	ldr	x20, [x9, #M_G0]
	mov	x9, x0
	mov	x0, x1
	cmp	x19, x20
	b.eq	1f
	set_g(x20)
	ldr	x10, [x20, #G_SCHED_SP]
	and	x10, x10, #~15
	mov	sp, x10
1:
	blr	x9
	set_g(x19)
	mov	sp, x29
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #32
	.cfi_def_cfa sp, 0
	.cfi_restore x29
	.cfi_restore x30
	.cfi_restore x19
	.cfi_restore x20
	ret
	.cfi_endproc
	.size	"runtime.systemstack", .-"runtime.systemstack"

// main_main: the program's main function (Go's main.main), as the runtime calls it:
// main(argc, argv, envp) fits every form of C++ main the ABI allows.
	.globl	main_main
	.hidden	main_main
	.type	main_main, %function
main_main:
	.cfi_startproc
	b	main
	.cfi_endproc
	.size	main_main, .-main_main

	.section .note.GNU-stack,"",%progbits
