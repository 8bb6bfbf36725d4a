// cpuflags.cpp — CPU feature detection (Go: internal/cpu): on amd64, with the GOAMD64 level
// check (Go: the needs_check block of rt0_go); on 386, with GO386's SSE2 check; on arm64,
// with the switch of the atomics to LSE.
//
// amd64.
// The driver compiles a program for an x86-64 level (GOAMD64=v1..v4, default v1) and
// records it in the executable as the absolute symbol gocc_goamd64 (the generated linker
// script defines it). cpuinit refuses to go on when the CPU is below that level, with Go's
// message and exit status 1: the user's code could otherwise die of SIGILL anywhere. The
// runtime itself is built for v1, so nothing before cpuinit can trip on a missing feature.
// (Go makes this check in assembly in rt0_go, since its runtime is compiled at the target
// level; ours need not be.)
//
// arm64. Linux tells a process what the CPU can do in the auxiliary vector's AT_HWCAP (args
// keeps it), as Go's internal/cpu reads it there on linux/arm64: reading the ID registers
// from user space traps, and kernels before 4.11 do not emulate them. The one feature with a
// reader is ATOMICS (bit 8), the LSE instructions. Clang compiles every atomic operation for
// arm64 as a call to libgcc's outline helpers (__aarch64_cas4_acq_rel, ...; clang's default
// +outline-atomics), which use LSE when the byte __aarch64_have_lse_atomics is set and an
// LL/SC loop (LDAXR/STLXR) otherwise, as Go's atomics test cpu.ARM64.HasATOMICS at each
// call. libgcc sets the byte from a constructor of its own (init_have_lse_atomics), but
// constructors are init tasks that runtime.main runs (docs/bootstrap.md, 14c), long after the
// scheduler, the locks and the allocator have been busy with atomics. So cpuinit sets it, as
// early as Go sets HasATOMICS, from the same bit; libgcc's constructor later writes the same
// value. Both paths are correct at any time (LL/SC and LSE operations on one location are
// atomic with respect to each other); the switch only makes the runtime's atomics fast from
// the start on machines with LSE. Go's other arm64 features (AES, PMULL, SHA1, SHA2, CRC32,
// CPUID, and the Neoverse N1 check through MIDR_EL1) select Go's own crypto and memclr code;
// gocc has none of it, so they are not read. (Compiling with -mno-outline-atomics would make
// every atomic an LL/SC loop, slow under contention on large machines; -march=armv8.1-a
// would not run on ARMv8.0 cores such as the Cortex-A53/A72.)
// On 386 the same leaves are read (i386 glibc keeps them too) and the check is GO386's: a
// program compiled with SSE2 (GO386=sse2, the default; gocc_go386 = 2) refuses a CPU
// without it, with the form of Go's 386 message about MMX; GO386=softfloat (1) needs nothing
// past the i686 the runtime is built for.
#include "cpuflags.h"

#if defined(__x86_64__) || defined(__i386__)
#include <sys/platform/x86.h>
#endif

#include "os_linux.h"
#include "print.h"

#if defined(__x86_64__)
extern "C" char gocc_goamd64[];  // absolute symbol: its address is the level, 1..4
#elif defined(__i386__)
// Absolute symbol: its address is the floating-point mode GO386 chose, 1 (softfloat: x87,
// no SSE) or 2 (sse2, the default).
extern "C" char gocc_go386[];
constexpr unsigned go386Softfloat = 1, go386SSE2 = 2;  // as driver/target.h writes them
#endif

namespace runtime {

#if defined(__x86_64__) || defined(__i386__)

x86Features x86;

namespace {

bool bit(uint32 reg, int n) { return (reg >> n) & 1; }

// XCR0 says which register state the OS saves on context switch.
uint64 xgetbv0() {
  uint32 eax, edx;
  asm volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (uint64(edx) << 32) | eax;
}

// The raw registers of a CPUID leaf as ld.so read them at start-up (glibc's
// init_cpu_features, before our entry point). Leaves the CPU lacks read as zeros.
struct cpuidRegs {
  uint32 eax, ebx, ecx, edx;
};
cpuidRegs cpuidLeaf(unsigned index) {
  const unsigned* r = __x86_get_cpuid_feature_leaf(index)->cpuid_array;
  return {r[cpuid_register_index_eax], r[cpuid_register_index_ebx], r[cpuid_register_index_ecx],
          r[cpuid_register_index_edx]};
}

// doinit: Go's internal/cpu doinit, from the same CPUID leaves (1, 7, 0x80000001) and XCR0.
// It reads the leaves ld.so already fetched instead of executing CPUID again: under a
// hypervisor every CPUID traps (about 4 µs each on the machines we measure), and five of
// them would be a fifth of the runtime's start-up cost. XGETBV does not trap.
void doinit() {
  cpuidRegs l1 = cpuidLeaf(CPUID_INDEX_1);
  x86.hasMMX = bit(l1.edx, 23);
  x86.hasSSE2 = bit(l1.edx, 26);
  x86.hasSSE3 = bit(l1.ecx, 0);
  x86.hasSSSE3 = bit(l1.ecx, 9);
  x86.hasFMA = bit(l1.ecx, 12);
  x86.hasCX16 = bit(l1.ecx, 13);
  x86.hasSSE41 = bit(l1.ecx, 19);
  x86.hasSSE42 = bit(l1.ecx, 20);
  x86.hasMOVBE = bit(l1.ecx, 22);
  x86.hasPOPCNT = bit(l1.ecx, 23);
  x86.hasOSXSAVE = bit(l1.ecx, 27);
  x86.hasF16C = bit(l1.ecx, 29);
  bool osSupportsAVX = false, osSupportsAVX512 = false;
  if (x86.hasOSXSAVE) {
    uint64 xcr0 = xgetbv0();
    osSupportsAVX = (xcr0 & 0x6) == 0x6;                        // XMM and YMM state
    osSupportsAVX512 = osSupportsAVX && (xcr0 & 0xe0) == 0xe0;  // opmask, ZMM
  }
  x86.hasAVX = bit(l1.ecx, 28) && osSupportsAVX;
  cpuidRegs l7 = cpuidLeaf(CPUID_INDEX_7);
  x86.hasBMI1 = bit(l7.ebx, 3);
  x86.hasAVX2 = bit(l7.ebx, 5) && osSupportsAVX;
  x86.hasBMI2 = bit(l7.ebx, 8);
  x86.hasERMS = bit(l7.ebx, 9);
  x86.hasAVX512F = bit(l7.ebx, 16) && osSupportsAVX512;
  x86.hasAVX512DQ = bit(l7.ebx, 17) && osSupportsAVX512;
  x86.hasAVX512CD = bit(l7.ebx, 28) && osSupportsAVX512;
  x86.hasAVX512BW = bit(l7.ebx, 30) && osSupportsAVX512;
  x86.hasAVX512VL = bit(l7.ebx, 31) && osSupportsAVX512;
  cpuidRegs lx = cpuidLeaf(CPUID_INDEX_80000001);
  x86.hasLAHF = bit(lx.ecx, 0);
  x86.hasLZCNT = bit(lx.ecx, 5);
  x86.hasRDTSCP = bit(lx.edx, 27);
}

}  // namespace

int32 cpuLevel() {
  const x86Features& f = x86;
  if (!(f.hasCX16 && f.hasLAHF && f.hasPOPCNT && f.hasSSE3 && f.hasSSE41 && f.hasSSE42 &&
        f.hasSSSE3))
    return 1;
  if (!(f.hasAVX && f.hasAVX2 && f.hasBMI1 && f.hasBMI2 && f.hasF16C && f.hasFMA && f.hasLZCNT &&
        f.hasMOVBE))
    return 2;
  if (!(f.hasAVX512F && f.hasAVX512BW && f.hasAVX512CD && f.hasAVX512DQ && f.hasAVX512VL)) return 3;
  return 4;
}

// cpuinit: detect the CPU's features and check the level the program was built for.
extern "C" void cpuinit() {
  doinit();
#if defined(__i386__)
  // GO386=sse2 compiles the program with SSE2 instructions for floating point (Go's 386 port
  // does the same, and since Go 1.16 has no x87 mode); the runtime itself is built for
  // Debian's i686 baseline, so it gets here on any CPU and can say why it stops.
  uintptr mode;
  asm("movl $gocc_go386, %0" : "=r"(mode));
  if (mode != go386Softfloat && mode != go386SSE2)
    throw_("cpuinit: bad GO386 mode recorded in the executable");
  if (mode == go386SSE2 && !x86.hasSSE2) {
    print("This program can only be run on processors with SSE2 support.\n");
    exit(1);
  }
#else
  uintptr want;
  asm("movabs $gocc_goamd64, %0" : "=r"(want));
  if (want < 1 || want > 4) throw_("cpuinit: bad GOAMD64 level recorded in the executable");
  if (cpuLevel() < int32(want)) {
    print("This program can only be run on AMD64 processors with v", want,
          " microarchitecture support.\n");
    exit(1);
  }
#endif
}

#elif defined(__aarch64__)

arm64Features arm64;

namespace {
// Linux's HWCAP_ATOMICS (asm/hwcap.h).
constexpr uint64 hwcapATOMICS = 1 << 8;
}  // namespace

}  // namespace runtime

// libgcc's switch for its outline atomics (lse-init.c): hidden, defined in libgcc.a, which
// every gocc program links statically.
extern "C" __attribute__((visibility("hidden"))) bool __aarch64_have_lse_atomics;

namespace runtime {

// cpuinit: read the features from AT_HWCAP and switch the atomics to LSE when the CPU has
// them (see the top of this file).
extern "C" void cpuinit() {
  arm64.hasATOMICS = (hwcap & hwcapATOMICS) != 0;
  __aarch64_have_lse_atomics = arm64.hasATOMICS;
}

#endif

}  // namespace runtime
