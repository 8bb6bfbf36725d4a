// gocc/export.h — functions a library exports to its C host (Go: //export in cgo).
//
// A gocc program built as a library (gocc build -buildmode=c-shared or -buildmode=c-archive)
// offers its host the functions marked with GOCC_EXPORT, by their plain C names:
//
//   #include <gocc/export.h>
//
//   GOCC_EXPORT(int Add(int a, int b)) { return a + b; }
//   GOCC_EXPORT(void Fill(char* buf, size_t n)) { ... }
//
// The macro takes the function's declaration, as C would write it: return type, name,
// parameters. Such a function has C linkage and default visibility, and the declaration is
// recorded in the object (a non-loaded section, .gocc.export), from which the build writes
// the host's header, libx.h beside libx.so or libx.a, as Go's cgo writes the header of
// //export functions. Its types must be C's: the scalar types, those of <stdint.h>,
// <stddef.h> and <stdbool.h>, and pointers, also to structs the header leaves incomplete
// (struct thing*); a declaration C cannot compile (a reference, a class, a template) stops
// the build with a one-line error naming the function.
//
// The host may call an export from any of its threads, at any time: a call made before the
// library's runtime has finished starting (its static constructors included) waits for it
// (docs/bootstrap.md, "The library sequence"). The function runs on the host's thread and may
// do whatever a gocc program may: throw and catch exceptions, start goroutines with gocc::go,
// use channels (the host's thread then waits by sleeping, as a std::thread of a program
// does). An exception it lets escape is a panic, which ends the process with Go's report.
//
// In a program (gocc build, -buildmode=exe) GOCC_EXPORT only gives the function C linkage.
#pragma once

#ifdef __cplusplus
#define GOCC_EXPORT_LINKAGE extern "C"
#else
#define GOCC_EXPORT_LINKAGE
#endif

#define GOCC_EXPORT(declaration)                                               \
  __asm__(".pushsection .gocc.export,\"\",@progbits\n\t.asciz \"" #declaration \
          "\"\n\t.popsection");                                                \
  GOCC_EXPORT_LINKAGE __attribute__((visibility("default"), used)) declaration
