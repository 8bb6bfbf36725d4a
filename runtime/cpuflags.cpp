// cpuflags.cpp — CPU feature detection and the GOAMD64 level check (Go: internal/cpu and
// the needs_check block of rt0_go).
//
// The driver compiles a program for an x86-64 level (GOAMD64=v1..v4, default v1) and
// records it in the executable as the absolute symbol gocc_goamd64 (the generated linker
// script defines it). cpuinit refuses to go on when the CPU is below that level, with Go's
// message and exit status 1: the user's code could otherwise die of SIGILL anywhere. The
// runtime itself is built for v1, so nothing before cpuinit can trip on a missing feature.
// (Go makes this check in assembly in rt0_go, since its runtime is compiled at the target
// level; ours need not be.)
#include "cpuflags.h"

#include <cpuid.h>

#include "os_linux.h"
#include "print.h"

extern "C" char gocc_goamd64[];  // absolute symbol: its address is the level, 1..4

namespace runtime {

x86Features x86;
uint32 processorVersionInfo;
bool isIntel;

namespace {

bool bit(uint32 reg, int n) { return (reg >> n) & 1; }

// XCR0 says which register state the OS saves on context switch.
uint64 xgetbv0() {
  uint32 eax, edx;
  asm volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (uint64(edx) << 32) | eax;
}

void doinit() {
  uint32 eax, ebx, ecx, edx;
  uint32 maxID = __get_cpuid_max(0, nullptr);
  if (maxID < 1) return;
  __cpuid(1, eax, ebx, ecx, edx);
  x86.hasSSE3 = bit(ecx, 0);
  x86.hasSSSE3 = bit(ecx, 9);
  x86.hasFMA = bit(ecx, 12);
  x86.hasCX16 = bit(ecx, 13);
  x86.hasSSE41 = bit(ecx, 19);
  x86.hasSSE42 = bit(ecx, 20);
  x86.hasMOVBE = bit(ecx, 22);
  x86.hasPOPCNT = bit(ecx, 23);
  x86.hasOSXSAVE = bit(ecx, 27);
  x86.hasF16C = bit(ecx, 29);
  bool osSupportsAVX = false, osSupportsAVX512 = false;
  if (x86.hasOSXSAVE) {
    uint64 xcr0 = xgetbv0();
    osSupportsAVX = (xcr0 & 0x6) == 0x6;             // XMM and YMM state
    osSupportsAVX512 = osSupportsAVX && (xcr0 & 0xe0) == 0xe0;  // opmask, ZMM
  }
  x86.hasAVX = bit(ecx, 28) && osSupportsAVX;
  if (maxID >= 7) {
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    x86.hasBMI1 = bit(ebx, 3);
    x86.hasAVX2 = bit(ebx, 5) && osSupportsAVX;
    x86.hasBMI2 = bit(ebx, 8);
    x86.hasERMS = bit(ebx, 9);
    x86.hasAVX512F = bit(ebx, 16) && osSupportsAVX512;
    x86.hasAVX512DQ = bit(ebx, 17) && osSupportsAVX512;
    x86.hasAVX512CD = bit(ebx, 28) && osSupportsAVX512;
    x86.hasAVX512BW = bit(ebx, 30) && osSupportsAVX512;
    x86.hasAVX512VL = bit(ebx, 31) && osSupportsAVX512;
  }
  if (__get_cpuid_max(0x80000000, nullptr) >= 0x80000001) {
    __cpuid(0x80000001, eax, ebx, ecx, edx);
    x86.hasLAHF = bit(ecx, 0);
    x86.hasLZCNT = bit(ecx, 5);
    x86.hasRDTSCP = bit(edx, 27);
  }
}

}  // namespace

int32 cpuLevel() {
  const x86Features& f = x86;
  if (!(f.hasCX16 && f.hasLAHF && f.hasPOPCNT && f.hasSSE3 && f.hasSSE41 && f.hasSSE42 && f.hasSSSE3)) return 1;
  if (!(f.hasAVX && f.hasAVX2 && f.hasBMI1 && f.hasBMI2 && f.hasF16C && f.hasFMA && f.hasLZCNT && f.hasMOVBE))
    return 2;
  if (!(f.hasAVX512F && f.hasAVX512BW && f.hasAVX512CD && f.hasAVX512DQ && f.hasAVX512VL)) return 3;
  return 4;
}

// cpuinit: detect the CPU's features and check the level the program was built for.
extern "C" void cpuinit() GO_NAME(cpuinit);
extern "C" void cpuinit() {
  doinit();
  uintptr want;
  asm("movabs $gocc_goamd64, %0" : "=r"(want));
  if (want < 1 || want > 4) throw_("cpuinit: bad GOAMD64 level recorded in the executable");
  if (cpuLevel() < int32(want)) {
    print("This program can only be run on AMD64 processors with v", want, " microarchitecture support.\n");
    exit(1);
  }
}

}  // namespace runtime
