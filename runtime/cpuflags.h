// cpuflags.h — what the processor can do (Go: internal/cpu, cpuflags_amd64.go,
// cpu_arm64_hwcap.go).
#pragma once
#include "runtime2.h"

namespace runtime {

// cpuinit: detect the CPU's features, from schedinit (Go: cpuinit). amd64: refuse to run
// below the x86-64 level the program was built for. 386: refuse a CPU without SSE2 when the
// program was built with it (GO386=sse2). arm64: switch the atomics to LSE when the CPU has
// them.
extern "C" void cpuinit() GO_NAME(cpuinit);

#if defined(__x86_64__) || defined(__i386__)

struct x86Features {
  bool hasMMX, hasSSE2;  // what Go's 386 port checks (MMX) and compiles for (SSE2)
  bool hasSSE3, hasSSSE3, hasSSE41, hasSSE42, hasPOPCNT, hasCX16, hasLAHF;  // x86-64-v2
  bool hasAVX, hasAVX2, hasBMI1, hasBMI2, hasF16C, hasFMA, hasLZCNT, hasMOVBE, hasOSXSAVE;  // v3
  bool hasAVX512F, hasAVX512BW, hasAVX512CD, hasAVX512DQ, hasAVX512VL;                      // v4
  bool hasERMS, hasRDTSCP;
};
extern x86Features x86;

// The x86-64 microarchitecture level (1–4) this machine supports (amd64 programs).
int32 cpuLevel();

#elif defined(__aarch64__)

// Go's cpu.ARM64, the features that have a reader here: the LSE atomics (ARMv8.1's CAS,
// SWP, LDADD...), which the runtime's and the program's atomic operations use from cpuinit
// on when present (cpuflags.cpp).
struct arm64Features {
  bool hasATOMICS;
};
extern arm64Features arm64;

#endif

}  // namespace runtime
