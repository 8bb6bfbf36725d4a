// The runtime's amd64 assembly (Go: asm_amd64.s): the start of the bootstrap, and the
// goroutine context switch. Everything else is C++.
//
// The current g lives in the thread-local runtime_g, an initial-exec TLS slot: in an
// executable its offset from %fs is a link-time constant (%fs:runtime_g@tpoff); in a library
// build (-fPIC, gocc build -buildmode=c-shared|c-archive) the offset is read from the GOT,
// where ld.so put it when it placed the library's TLS in the static TLS block (docs/ports.md).
//
// A switched-out goroutine's context is on its own stack, at g.sched.sp:
//   r15 r14 r13 r12 rbx rbp <return address>
// i.e. the callee-saved registers of the SysV ABI. A goroutine only ever leaves its stack by
// calling mcall, so the caller-saved registers are dead by the ABI's own rules.

#include "../runtime/asm_offsets.h"

// The library runtime is told apart by GOCC_LIBRARY, not __PIC__: clang's default -fPIE
// defines that in the program's runtime too.
#ifdef GOCC_LIBRARY
// %r10 is free at every set_g: it carries no argument and nothing lives in it across these.
#define get_g(reg)	movq runtime_g@gottpoff(%rip), reg; movq %fs:(reg), reg
#define set_g(reg)	movq runtime_g@gottpoff(%rip), %r10; movq reg, %fs:(%r10)
#else
#define get_g(reg)	movq %fs:runtime_g@tpoff, reg
#define set_g(reg)	movq reg, %fs:runtime_g@tpoff
#endif

	.text

// _rt0_amd64: common to all amd64 systems that start with argc/argv on the stack.
	.globl	_rt0_amd64
	.hidden	_rt0_amd64
	.type	_rt0_amd64, @function
_rt0_amd64:
	.cfi_startproc
	.cfi_undefined rip
	movq	0(%rsp), %rdi		// argc
	leaq	8(%rsp), %rsi		// argv
	// %rdx: ld.so's finalizer, passed on untouched
	jmp	"runtime.rt0_go"
	.cfi_endproc
	.size	_rt0_amd64, .-_rt0_amd64

#ifdef GOCC_LIBRARY
// _rt0_amd64_lib(argc, argv, envp): common to the amd64 systems whose loaders call a library's
// initializers with (argc, argv, envp) (Go: _rt0_amd64_lib). Go saves the arguments and starts
// rt0_go on a new thread so that the initializer returns at once; runtime.libinit (library.cpp)
// does both. Returns to the loader.
	.globl	_rt0_amd64_lib
	.hidden	_rt0_amd64_lib
	.type	_rt0_amd64_lib, @function
_rt0_amd64_lib:
	.cfi_startproc
	jmp	"runtime.libinit"
	.cfi_endproc
	.size	_rt0_amd64_lib, .-_rt0_amd64_lib
#endif

// runtime.rt0_go(argc, argv, rtld_fini): make g0 and m0, then run the bootstrap steps in
// Go's order. Never returns: mstart schedules the main goroutine, which exits the process.
//
// In a static program (gocc build -static) glibc is not initialized yet: rt0_go first hands
// over to runtime.libcstart (rt0/libcstart_linux_amd64.S, linked only into static programs;
// the weak reference is 0 in the others), which calls __libc_start_main with the continuation
// below as "main". glibc sets up TLS and its ifuncs and calls it back on the same stack, with
// (argc, argv, envp); there is no ld.so finalizer.
	.weak	"runtime.libcstart"
	.hidden	"runtime.libcstart"
	.globl	"runtime.rt0_go"
	.type	"runtime.rt0_go", @function
"runtime.rt0_go":
	.cfi_startproc
	.cfi_undefined rip
#ifdef GOCC_LIBRARY
	// A library build never starts glibc: the host did (rt0_linux_amd64.S).
	jmp	.Lrt0_go_start
#else
	movl	$"runtime.libcstart", %eax
	testl	%eax, %eax
	jz	.Lrt0_go_start
#endif
	leaq	.Lrt0_go_libcmain(%rip), %rcx
	jmp	*%rax
.Lrt0_go_libcmain:
	xorl	%edx, %edx		// envp in a main's third argument: not a finalizer
.Lrt0_go_start:
	xorl	%ebp, %ebp
	// Keep argc, argv and rtld_fini in callee-saved registers, on an even stack.
	movq	%rdi, %r12
	movq	%rsi, %r13
	movq	%rdx, %r14
	andq	$~15, %rsp

	// g0 runs on the OS stack: give it the top 64 KiB of it, as Go does.
	leaq	"runtime.g0"(%rip), %rdi
	leaq	(-64*1024+104)(%rsp), %rbx
	movq	%rbx, G_STACK_LO(%rdi)
	movq	%rsp, G_STACK_HI(%rdi)

	// ld.so set up this thread's TLS; make sure the slot for g works: store through %fs,
	// read back through the thread pointer's linear address (the TCB's self pointer).
#ifdef GOCC_LIBRARY
	movq	runtime_g@gottpoff(%rip), %rcx
#else
	movq	$runtime_g@tpoff, %rcx
#endif
	movq	$0x123, %fs:(%rcx)
	movq	%fs:0, %rax
	cmpq	$0x123, (%rax,%rcx)
	je	tls_ok
	call	"runtime.abort"
tls_ok:
	// g = g0; m0.g0 = g0; g0.m = m0.
	leaq	"runtime.g0"(%rip), %rcx
	set_g(%rcx)
	leaq	"runtime.m0"(%rip), %rax
	movq	%rcx, M_G0(%rax)
	movq	%rax, G_M(%rcx)
	cld

	call	"runtime.check"
	movq	%r12, %rdi
	movq	%r13, %rsi
	movq	%r14, %rdx
	call	"runtime.args"
	call	"runtime.osinit"
	call	"runtime.schedinit"

	// Create a goroutine to start the program: runtime.main (goid 1, the main goroutine).
	leaq	"runtime.main"(%rip), %rdi
	xorl	%esi, %esi
	call	"runtime.newproc"

	// Start this M: it schedules the main goroutine and never comes back.
	call	"runtime.mstart"
	call	"runtime.abort"
	.cfi_endproc
	.size	"runtime.rt0_go", .-"runtime.rt0_go"

// runtime.mstart: entry of every M on its g0 stack. Records where g0's stack restarts for
// each later mcall (this frame: nothing above it is live once scheduling begins).
	.globl	"runtime.mstart"
	.type	"runtime.mstart", @function
"runtime.mstart":
	.cfi_startproc
	pushq	%rbp			// keeps the stack 16-byte aligned at the call below
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset rbp, 0
	movq	%rsp, %rbp
	get_g(%rax)
	movq	%rsp, G_SCHED_SP(%rax)
	call	"runtime.mstart0"
	call	"runtime.abort"
	.cfi_endproc
	.size	"runtime.mstart", .-"runtime.mstart"

// runtime.mcall(fn): switch from the current goroutine to its M's g0 and call fn(gp) there.
// Saves gp's context so that gogo(gp) later returns from this call. fn must not return.
	.globl	"runtime.mcall"
	.type	"runtime.mcall", @function
"runtime.mcall":
	.cfi_startproc
	pushq	%rbp
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset rbp, 0
	pushq	%rbx
	.cfi_adjust_cfa_offset 8
	pushq	%r12
	.cfi_adjust_cfa_offset 8
	pushq	%r13
	.cfi_adjust_cfa_offset 8
	pushq	%r14
	.cfi_adjust_cfa_offset 8
	pushq	%r15
	.cfi_adjust_cfa_offset 8
	movq	%rdi, %r11		// fn
	get_g(%rdi)			// gp, fn's argument
	movq	%rsp, G_SCHED_SP(%rdi)
	movq	G_M(%rdi), %rax
	movq	M_G0(%rax), %rax
	set_g(%rax)
	movq	G_SCHED_SP(%rax), %rsp
	andq	$~15, %rsp
	xorl	%ebp, %ebp
	call	*%r11
	call	"runtime.abort"		// fn returned
	.cfi_endproc
	.size	"runtime.mcall", .-"runtime.mcall"

// runtime.gogo(gp): on g0, switch to goroutine gp and resume it where it left (the return
// from its mcall, or runtime.goexit's first instruction for a new goroutine).
	.globl	"runtime.gogo"
	.type	"runtime.gogo", @function
"runtime.gogo":
	.cfi_startproc
	set_g(%rdi)
	movq	G_SCHED_SP(%rdi), %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.cfi_endproc
	.size	"runtime.gogo", .-"runtime.gogo"

// runtime.goexit: the outermost frame of every goroutine. newproc1 puts its address where
// gogo will "return" to; it runs the goroutine's function and then exits the goroutine.
// (In Go, goexit is a fake return address under the function; here it is a real caller.)
	.globl	"runtime.goexit"
	.type	"runtime.goexit", @function
"runtime.goexit":
	.cfi_startproc
	.cfi_undefined rip	// unwinding (throw, gdb's bt) ends cleanly here
	xorl	%ebp, %ebp
	andq	$~15, %rsp
	get_g(%rdi)
	call	"runtime.goexit1"
	call	"runtime.abort"
	.cfi_endproc
	.size	"runtime.goexit", .-"runtime.goexit"

// runtime.systemstack(fn, arg): run fn(arg) on the M's g0 stack, then return to the caller's
// goroutine stack. Called on g0 already, it just calls fn.
	.globl	"runtime.systemstack"
	.type	"runtime.systemstack", @function
"runtime.systemstack":
	.cfi_startproc
	pushq	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset rbp, -16
	movq	%rsp, %rbp
	.cfi_def_cfa_register rbp
	pushq	%rbx
	.cfi_offset rbx, -24
	pushq	%r12
	.cfi_offset r12, -32
	get_g(%rbx)
	movq	G_M(%rbx), %rax
	movq	M_G0(%rax), %r12
	movq	%rdi, %rax
	movq	%rsi, %rdi
	cmpq	%rbx, %r12
	je	1f
	set_g(%r12)
	movq	G_SCHED_SP(%r12), %rsp
	andq	$~15, %rsp
1:
	call	*%rax
	set_g(%rbx)
	leaq	-16(%rbp), %rsp
	popq	%r12
	popq	%rbx
	popq	%rbp
	.cfi_def_cfa rsp, 8
	ret
	.cfi_endproc
	.size	"runtime.systemstack", .-"runtime.systemstack"

// main_main: the program's main function (Go's main.main), as the runtime calls it:
// main(argc, argv, envp) fits every form of C++ main the ABI allows. A library has no main:
// its runtime.main returns before main_main (runtime/library.cpp), which is never reached.
	.globl	main_main
	.hidden	main_main
	.type	main_main, @function
main_main:
	.cfi_startproc
#ifdef GOCC_LIBRARY
	call	"runtime.abort"
#else
	jmp	main
#endif
	.cfi_endproc
	.size	main_main, .-main_main

	.section .note.GNU-stack,"",@progbits
