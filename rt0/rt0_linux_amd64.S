// The ELF entry point of every gocc program on linux/amd64 (Go: rt0_linux_amd64.s).
//
// ld.so has loaded the program and its shared libraries and initialized glibc (TLS, stdio,
// malloc); it then jumps here with the initial process stack:
//   0(%rsp) argc, 8(%rsp) argv[0..argc-1], NULL, envp..., NULL, auxv pairs
// and %rdx holding ld.so's finalizer. There is no crt1.o and no _start.

	.text
	.globl	_rt0_amd64_linux
	.type	_rt0_amd64_linux, @function
_rt0_amd64_linux:
	.cfi_startproc
	.cfi_undefined rip	// the outermost frame: unwinders and gdb's bt stop here
	jmp	_rt0_amd64
	.cfi_endproc
	.size	_rt0_amd64_linux, .-_rt0_amd64_linux

	.section .note.GNU-stack,"",@progbits
