// The ELF entry point of every gocc program on linux/arm64 (Go: rt0_linux_arm64.s).
//
// ld.so has loaded the program and its shared libraries and initialized glibc (TLS, stdio,
// malloc); it then jumps here with the initial process stack:
//   [sp] argc, [sp+8] argv[0..argc-1], NULL, envp..., NULL, auxv pairs
// and x0 holding ld.so's finalizer (the AArch64 ELF ABI's process entry). x29 and x30 hold
// nothing: there is no caller. There is no crt1.o and no _start.

	.text
	.globl	_rt0_arm64_linux
	.type	_rt0_arm64_linux, %function
_rt0_arm64_linux:
	.cfi_startproc
	.cfi_undefined x30	// the outermost frame: unwinders and gdb's bt stop here
	b	_rt0_arm64
	.cfi_endproc
	.size	_rt0_arm64_linux, .-_rt0_arm64_linux

	.section .note.GNU-stack,"",%progbits
