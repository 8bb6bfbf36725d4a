// The start of a static gocc program (gocc build -static) on linux/386: linked only into
// static executables (lib/gocc/linux_386/goccrt_static.o), beside the runtime. The same
// sequence as rt0/libcstart_linux_amd64.S, which explains it: runtime.rt0_go calls
// runtime.libcstart (a weak reference: 0 in a dynamic program), which calls
// __libc_start_main with a continuation of rt0_go as its "main"; glibc initializes itself
// (TLS through %gs, the ifuncs' IRELATIVE relocations, stdio) and calls the continuation,
// which goes on with the bootstrap (docs/bootstrap.md, "The static sequence").

	.text

// runtime.libcstart: jumped to by runtime.rt0_go on the process's initial stack (%esp points
// at argc) with %eax argc, %ecx argv, %edx rtld_fini (0: there is no ld.so) and %esi the
// continuation. Calls __libc_start_main(main, argc, argv, init, fini, rtld_fini, stack_end),
// all on the stack (cdecl), as crt1.o's _start would. Never returns.
	.globl	"runtime.libcstart"
	.hidden	"runtime.libcstart"
	.type	"runtime.libcstart", @function
"runtime.libcstart":
	.cfi_startproc
	.cfi_undefined %eip
	andl	$~15, %esp
	pushl	%eax			// keeps the stack 16-byte aligned at the call
	pushl	%esp			// stack_end (glibc's __libc_stack_end)
	pushl	%edx			// rtld_fini
	pushl	$0			// fini and init: unused by glibc 2.34 and later
	pushl	$0
	pushl	%ecx			// argv
	pushl	%eax			// argc
	pushl	%esi			// main: rt0_go's continuation
	call	__libc_start_main
	hlt				// __libc_start_main never returns
	.cfi_endproc
	.size	"runtime.libcstart", .-"runtime.libcstart"

#include "libcstart_stubs.S.inc"

	.section .note.GNU-stack,"",@progbits
