// The start of a static gocc program (gocc build -static) on linux/amd64: linked only into
// static executables (lib/gocc/goccrt_static.o), beside the runtime.
//
// In a dynamic program ld.so has initialized glibc before the entry point runs. In a static
// one nothing has: the thread pointer (%fs) is 0, the IRELATIVE relocations of glibc's ifuncs
// (strlen, memcpy, ...) are not applied, and glibc's own state (auxv, tunables, CPU features,
// stdio) is unset. The functions that do that are private to libc.a and are run by one public
// function, __libc_start_main. So runtime.rt0_go, first thing, calls runtime.libcstart (a weak
// reference: 0 in a dynamic program), which calls __libc_start_main with a continuation of
// rt0_go as its "main". glibc initializes itself, runs .preinit_array, _init and the
// __init_array_start..__init_array_end range (which the linker script leaves empty: the
// constructors are the runtime's init tasks, run by runtime.main), and calls the continuation,
// which goes on with the bootstrap (docs/bootstrap.md, "The static sequence").

	.text

// runtime.libcstart(argc, argv, rtld_fini, main): never returns. Called by runtime.rt0_go on the
// process's initial stack (%rsp points at argc), as crt1.o's _start would call
// __libc_start_main(main, argc, argv, init, fini, rtld_fini, stack_end).
	.globl	"runtime.libcstart"
	.hidden	"runtime.libcstart"
	.type	"runtime.libcstart", @function
"runtime.libcstart":
	.cfi_startproc
	.cfi_undefined rip
	movq	%rdx, %r9		// rtld_fini: the kernel passes 0, there is no ld.so
	movq	%rsi, %rdx		// argv
	movl	%edi, %esi		// argc
	movq	%rcx, %rdi		// main: rt0_go's continuation
	xorl	%ecx, %ecx		// init and fini: unused by glibc 2.34 and later
	xorl	%r8d, %r8d
	andq	$~15, %rsp
	pushq	%rax			// keeps the stack 16-byte aligned at the call
	pushq	%rsp			// stack_end (glibc's __libc_stack_end)
	call	__libc_start_main
	hlt				// __libc_start_main never returns
	.cfi_endproc
	.size	"runtime.libcstart", .-"runtime.libcstart"

#include "libcstart_stubs.S.inc"

	.section .note.GNU-stack,"",@progbits
