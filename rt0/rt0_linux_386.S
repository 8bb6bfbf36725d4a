// The ELF entry point of every gocc program on linux/386 (Go: rt0_linux_386.s).
//
// ld.so has loaded the program and its shared libraries and initialized glibc (TLS through
// %gs, stdio, malloc); it then jumps here with the initial process stack:
//   0(%esp) argc, 4(%esp) argv[0..argc-1], NULL, envp..., NULL, auxv pairs
// and %edx holding ld.so's finalizer (the i386 ELF ABI's register for it). There is no
// crt1.o and no _start.

	.text
	.globl	_rt0_386_linux
	.type	_rt0_386_linux, @function
_rt0_386_linux:
	.cfi_startproc
	.cfi_undefined %eip	// the outermost frame: unwinders and gdb's bt stop here
	jmp	_rt0_386
	.cfi_endproc
	.size	_rt0_386_linux, .-_rt0_386_linux

	.section .note.GNU-stack,"",@progbits
