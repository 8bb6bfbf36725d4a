// cpuflags.h — what the processor can do (Go: internal/cpu, cpuflags_amd64.go).
#pragma once
#include "runtime2.h"

namespace runtime {

// cpuinit: detect the CPU's features (x86) and refuse to run below the level the program was
// built for, from schedinit (Go: cpuinit).
extern "C" void cpuinit() GO_NAME(cpuinit);

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

}  // namespace runtime
