// os_linux.h — what the runtime needs from Linux, as Go's os_linux.go: the process's
// arguments and auxiliary vector, CPU count, page sizes, futexes, threads, time, raw I/O.
#pragma once
#include "runtime2.h"

namespace runtime {

// The bootstrap steps of this file, from rt0_go (Go: args, sysargs, osinit).
// args: keep argc/argv, read envp and the auxiliary vector, register ld.so's finalizer.
extern "C" void args(int32 c, char** v, void (*rtldFini)()) GO_NAME(args);
// osinit: count the CPUs and check the page size.
extern "C" void osinit() GO_NAME(osinit);

// Filled by args() from the initial stack, before anything else runs.
extern int32 argc;
extern char** argv;
extern char** envp;
extern uintptr physPageSize;              // AT_PAGESZ
extern const uint8_t* startupRandomData;  // AT_RANDOM: 16 bytes from the kernel
extern uint64 hwcap;                      // AT_HWCAP
extern uintptr vdsoBase;                  // AT_SYSINFO_EHDR: the vDSO's ELF header
extern uintptr phdrAddr;                  // AT_PHDR: the executable's program headers, in memory
extern uint64 phdrCount;                  // AT_PHNUM

// Monotonic time in nanoseconds (clock_gettime through the vDSO).
int64 nanotime();
void usleep(uint32 usec);
void osyield();

// Futexes on 32-bit words: sleep while *addr == val (ns < 0: no timeout), wake n sleepers.
void futexsleep(std::atomic<uint32>* addr, uint32 val, int64 ns);
void futexwakeup(std::atomic<uint32>* addr, uint32 n);

// Start an OS thread for mp that runs mstart on its own (pthread-allocated) g0 stack.
void newosproc(m* mp);

// Raw write(2) to a file descriptor, retrying on partial writes: the runtime prints without
// stdio so that it works while stdio is locked, on any stack, and in a signal handler.
void writeErr(const char* buf, size_t n);

[[noreturn]] void exit(int32 code);

}  // namespace runtime
