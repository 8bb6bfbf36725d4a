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

#ifdef GOCC_LIBRARY
// The initializer of a library build (gocc build -buildmode=c-shared|c-archive; Go:
// rt0_linux_amd64.s's _rt0_amd64_linux_lib). glibc calls it with (argc, argv, envp) in
// %rdi/%rsi/%rdx: ld.so for a shared library (at start-up or in dlopen), __libc_start_main
// for an archive linked into the host. It is the only entry of the library's .init_array;
// the constructors of the library's own code and of its C++ library run later, from
// runtime.main, once the runtime is up (docs/bootstrap.md, "The library sequence").
	.globl	_rt0_amd64_linux_lib
	.type	_rt0_amd64_linux_lib, @function
_rt0_amd64_linux_lib:
	.cfi_startproc
	jmp	_rt0_amd64_lib
	.cfi_endproc
	.size	_rt0_amd64_linux_lib, .-_rt0_amd64_linux_lib

	// A section of its own, so that the library's linker script can keep it alone in
	// .init_array; a host's default script puts it in its .init_array with the rest.
	.section .init_array.gocc_rt0,"aw",@init_array
	.p2align 3
	.quad	_rt0_amd64_linux_lib
#endif

	.section .note.GNU-stack,"",@progbits
