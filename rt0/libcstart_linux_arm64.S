// The start of a static gocc program (gocc build -static) on linux/arm64: linked only into
// static executables (lib/gocc/linux_arm64/goccrt_static.o), beside the runtime. What it is
// for is the same as on amd64 (rt0/libcstart_linux_amd64.S): a static glibc initializes
// itself (TLS, the IRELATIVE relocations of its ifuncs, auxv, tunables, stdio) only inside
// __libc_start_main, so runtime.rt0_go calls this first and gets its continuation called
// back as "main" (docs/bootstrap.md, "The static sequence").

	.text

// runtime.libcstart(argc, argv, rtld_fini, main): never returns. Called by runtime.rt0_go on
// the process's initial stack (sp points at argc), as crt1.o's _start would call
// __libc_start_main(main, argc, argv, init, fini, rtld_fini, stack_end).
	.globl	"runtime.libcstart"
	.hidden	"runtime.libcstart"
	.type	"runtime.libcstart", %function
"runtime.libcstart":
	.cfi_startproc
	.cfi_undefined x30
	mov	x5, x2			// rtld_fini: the kernel passes 0, there is no ld.so
	mov	x2, x1			// argv
	mov	x1, x0			// argc
	mov	x0, x3			// main: rt0_go's continuation
	mov	x3, #0			// init and fini: unused by glibc 2.34 and later
	mov	x4, #0
	mov	x6, sp			// stack_end (glibc's __libc_stack_end)
	mov	x29, #0
	mov	x30, #0
	bl	__libc_start_main
	brk	#0			// __libc_start_main never returns
	.cfi_endproc
	.size	"runtime.libcstart", .-"runtime.libcstart"

// _init and _fini: glibc's static start-up calls _init after .preinit_array and its exit path
// calls _fini after .fini_array. A gocc program has no crti.o/crtn.o, hence no .init or
// .fini code: both are empty.
	.globl	_init
	.hidden	_init
	.type	_init, %function
_init:
	ret
	.size	_init, .-_init

	.globl	_fini
	.hidden	_fini
	.type	_fini, %function
_fini:
	ret
	.size	_fini, .-_fini

// _dl_relocate_static_pie: glibc's start-up calls it to relocate a static PIE. A gocc program
// is not position-independent, so it does nothing, as crt1.o's own (empty) definition does for
// non-PIE static programs.
	.globl	_dl_relocate_static_pie
	.hidden	_dl_relocate_static_pie
	.type	_dl_relocate_static_pie, %function
_dl_relocate_static_pie:
	ret
	.size	_dl_relocate_static_pie, .-_dl_relocate_static_pie

	.section .note.GNU-stack,"",%progbits
