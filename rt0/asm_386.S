// The runtime's 386 assembly (Go: asm_386.s): the start of the bootstrap, and the goroutine
// context switch. Everything else is C++. The calls follow the i386 System V ABI (cdecl):
// arguments on the stack, %esp 16-byte aligned at every call (what clang and GCC assume on
// Linux), %ebx %esi %edi %ebp callee-saved, results in %eax.
//
// The current g lives in the thread-local runtime_g, an initial-exec TLS slot of the
// executable: glibc points %gs at the thread's TCB, so %gs:runtime_g@ntpoff addresses it
// directly (Go's 386 port keeps g in %gs-relative TLS as well, set up by its own ldt0setup
// when there is no libc; here glibc has set %gs already).
//
// A switched-out goroutine's context is on its own stack, at g.sched.sp:
//   edi esi ebx ebp <return address>
// i.e. the callee-saved registers of the ABI (SAVED_REGS in asm_offsets.h, the frame pointer
// last). A goroutine only ever leaves its stack by calling mcall, so the caller-saved
// registers are dead by the ABI's own rules. x87 and SSE control words are not saved: the
// ABI makes them callee-preserved and no runtime code changes them.

#include "../runtime/asm_offsets.h"

#define get_g(reg)	movl %gs:runtime_g@ntpoff, reg
#define set_g(reg)	movl reg, %gs:runtime_g@ntpoff

	.text

// _rt0_386: common to all 386 systems that start with argc/argv on the stack. Go's copies
// them into its frame and jumps; ours passes them to rt0_go in registers:
// %eax argc, %ecx argv, %edx ld.so's finalizer (as the kernel/ld.so left it).
	.globl	_rt0_386
	.hidden	_rt0_386
	.type	_rt0_386, @function
_rt0_386:
	.cfi_startproc
	.cfi_undefined %eip
	movl	0(%esp), %eax		// argc
	leal	4(%esp), %ecx		// argv
	jmp	"runtime.rt0_go"
	.cfi_endproc
	.size	_rt0_386, .-_rt0_386

// runtime.rt0_go(argc in %eax, argv in %ecx, rtld_fini in %edx): make g0 and m0, then run
// the bootstrap steps in Go's order. Jumped to, not called. Never returns: mstart schedules
// the main goroutine, which exits the process.
//
// In a static program (gocc build -static) glibc is not initialized yet: rt0_go first hands
// over to runtime.libcstart (rt0/libcstart_linux_386.S, linked only into static programs;
// the weak reference is 0 in the others), which calls __libc_start_main with the
// continuation below as "main". glibc sets up TLS (%gs) and its ifuncs and calls it back on
// the same stack as main(argc, argv, envp); there is no ld.so finalizer.
	.weak	"runtime.libcstart"
	.hidden	"runtime.libcstart"
	.globl	"runtime.rt0_go"
	.type	"runtime.rt0_go", @function
"runtime.rt0_go":
	.cfi_startproc
	.cfi_undefined %eip
	movl	$"runtime.libcstart", %ebx
	testl	%ebx, %ebx
	jz	.Lrt0_go_start
	movl	$.Lrt0_go_libcmain, %esi	// the continuation, for libcstart
	jmp	*%ebx
.Lrt0_go_libcmain:
	movl	4(%esp), %eax		// main's argc
	movl	8(%esp), %ecx		// main's argv
	xorl	%edx, %edx		// no finalizer
.Lrt0_go_start:
	xorl	%ebp, %ebp
	// Keep argc, argv and rtld_fini in callee-saved registers, on an even stack.
	movl	%eax, %esi
	movl	%ecx, %edi
	movl	%edx, %ebx
	andl	$~15, %esp

	// g0 runs on the OS stack: give it the top 64 KiB of it, as Go does.
	leal	(-64*1024+104)(%esp), %eax
	movl	%eax, "runtime.g0"+G_STACK_LO
	movl	%esp, "runtime.g0"+G_STACK_HI

	// ld.so set up this thread's TLS; make sure the slot for g works: store through %gs,
	// read back through the thread pointer's linear address (the TCB's self pointer at
	// %gs:0, as on amd64).
	movl	$0x123, %gs:runtime_g@ntpoff
	movl	%gs:0, %eax
	cmpl	$0x123, runtime_g@ntpoff(%eax)
	je	.Ltls_ok
	call	"runtime.abort"
.Ltls_ok:
	// g = g0; m0.g0 = g0; g0.m = m0.
	movl	$"runtime.g0", %ecx
	set_g(%ecx)
	movl	$"runtime.m0", %eax
	movl	%ecx, M_G0(%eax)
	movl	%eax, G_M(%ecx)
	cld

	call	"runtime.check"
	subl	$4, %esp		// 3 arguments + 4 bytes: the call sees an even stack
	pushl	%ebx			// rtld_fini
	pushl	%edi			// argv
	pushl	%esi			// argc
	call	"runtime.args"
	addl	$16, %esp
	call	"runtime.osinit"
	call	"runtime.schedinit"

	// Create a goroutine to start the program: runtime.main (goid 1, the main goroutine).
	subl	$8, %esp
	pushl	$0
	pushl	$"runtime.main"
	call	"runtime.newproc"
	addl	$16, %esp

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
	pushl	%ebp
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset %ebp, 0
	movl	%esp, %ebp
	subl	$8, %esp		// return address + ebp + 8: even at the call below
	get_g(%eax)
	movl	%esp, G_SCHED_SP(%eax)
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
	pushl	%ebp
	.cfi_adjust_cfa_offset 4
	.cfi_rel_offset %ebp, 0
	pushl	%ebx
	.cfi_adjust_cfa_offset 4
	pushl	%esi
	.cfi_adjust_cfa_offset 4
	pushl	%edi
	.cfi_adjust_cfa_offset 4
	movl	20(%esp), %ecx		// fn, above the 4 registers and the return address
	get_g(%eax)			// gp, fn's argument
	movl	%esp, G_SCHED_SP(%eax)
	movl	G_M(%eax), %edx
	movl	M_G0(%edx), %edx
	set_g(%edx)
	movl	G_SCHED_SP(%edx), %esp
	andl	$~15, %esp
	xorl	%ebp, %ebp
	subl	$12, %esp
	pushl	%eax
	call	*%ecx
	call	"runtime.abort"		// fn returned
	.cfi_endproc
	.size	"runtime.mcall", .-"runtime.mcall"

// runtime.gogo(gp): on g0, switch to goroutine gp and resume it where it left (the return
// from its mcall, or runtime.goexit's first instruction for a new goroutine).
	.globl	"runtime.gogo"
	.type	"runtime.gogo", @function
"runtime.gogo":
	.cfi_startproc
	movl	4(%esp), %eax
	set_g(%eax)
	movl	G_SCHED_SP(%eax), %esp
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
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
	.cfi_undefined %eip	// unwinding (throw, gdb's bt) ends cleanly here
	xorl	%ebp, %ebp
	andl	$~15, %esp
	get_g(%eax)
	subl	$12, %esp
	pushl	%eax
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
	pushl	%ebp
	.cfi_def_cfa_offset 8
	.cfi_offset %ebp, -8
	movl	%esp, %ebp
	.cfi_def_cfa_register %ebp
	pushl	%ebx
	.cfi_offset %ebx, -12
	pushl	%esi
	.cfi_offset %esi, -16
	get_g(%ebx)
	movl	G_M(%ebx), %eax
	movl	M_G0(%eax), %esi
	movl	8(%ebp), %ecx		// fn
	movl	12(%ebp), %edx		// arg
	cmpl	%ebx, %esi
	je	1f
	set_g(%esi)
	movl	G_SCHED_SP(%esi), %esp
1:
	andl	$~15, %esp
	subl	$12, %esp
	pushl	%edx
	call	*%ecx
	set_g(%ebx)
	leal	-8(%ebp), %esp
	popl	%esi
	popl	%ebx
	popl	%ebp
	.cfi_def_cfa %esp, 4
	ret
	.cfi_endproc
	.size	"runtime.systemstack", .-"runtime.systemstack"

// main_main: the program's main function (Go's main.main), as the runtime calls it:
// main(argc, argv, envp) fits every form of C++ main the ABI allows (cdecl: the caller
// pops the arguments, so a main that takes fewer ignores the rest).
	.globl	main_main
	.hidden	main_main
	.type	main_main, @function
main_main:
	.cfi_startproc
	jmp	main
	.cfi_endproc
	.size	main_main, .-main_main

	.section .note.GNU-stack,"",@progbits
