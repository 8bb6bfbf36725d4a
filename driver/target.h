// The machine gocc compiles for: GOOS/GOARCH, as in Go (`GOARCH=arm64 gocc build` cross-builds
// on this machine), and on amd64 the microarchitecture level GOAMD64 chooses (v1 = baseline
// x86-64, v2 = +SSE4.2/POPCNT, v3 = +AVX2/BMI, v4 = +AVX-512), and on 386 the floating-point
// mode GO386 chooses (sse2, the default, or softfloat: no SSE; docs/ports.md).
//
// Everything that differs between architectures and that the driver must know lives in one
// row of the table in target.cpp (ArchInfo): the clang target, lld's emulation, the dynamic
// linker, where the image starts, the system library directories, the Debian packages that
// provide them, and how a program of that architecture runs on this machine. The runtime for
// each architecture is built by CMake into <root>/lib/gocc/linux_<goarch>/ (toolchain.h).
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

enum class Arch { AMD64, ARM64, I386 };

struct ArchInfo {
  Arch arch;
  const char* goarch;         // Go's name: amd64, arm64, 386
  const char* triple;         // clang's --target
  uint16_t machine;           // the ELF e_machine of its objects and executables
  const char* ldEmulation;    // lld's -m
  const char* dynamicLinker;  // PT_INTERP of a dynamically linked program
  const char* textStart;      // the address the image is laid out from, as Go's linker does
  int ptrSize;                // bytes in a pointer (the pclntab's and buildinfo's word size)
  int pcQuantum;              // the pclntab's instruction size quantum (Go's minLC)
  // The system library directories the link searches after the GCC one, in order.
  std::vector<const char*> systemLibDirs;
  // The Debian packages with the headers and libraries this target's programs compile and
  // link against (named when they are missing).
  const char* packages;
  // The command that runs one of its programs on an amd64 machine (empty: natively).
  std::vector<const char*> emulator;
  // Found by CMake when gocc was configured (config.h): the directory holding the target's
  // libstdc++.a and libgcc_eh.a, searched before the system's, and the version ("2.36") of
  // the glibc its programs are built against; both "" when its libraries were not installed.
  const char* gccLibDir;
  const char* glibcVersion;
};

struct Target {
  const ArchInfo* arch;
  int goamd64 = 0;  // 1 to 4 on amd64; 0 elsewhere
  int go386 = 0;    // 386: go386SSE2 or go386Softfloat; 0 elsewhere

  llvm::StringRef goarch() const { return arch->goarch; }
  bool is(Arch a) const { return arch->arch == a; }
  // The ELF entry point of every program: Go's name for this system's start.
  std::string entry() const { return std::string("_rt0_") + arch->goarch + "_linux"; }
  // GOOS_GOARCH, the name of the runtime's directory for this target (as Go's pkg/linux_amd64).
  std::string osArch() const { return std::string("linux_") + arch->goarch; }
};

// GO386's values, as the linker script records them for cpuinit (gocc_go386).
constexpr int go386Softfloat = 1, go386SSE2 = 2;
// GO386's name for a mode: "softfloat" or "sse2".
const char* go386Name(int mode);

// Every architecture gocc knows, amd64 first.
llvm::ArrayRef<ArchInfo> knownArches();

// The architecture of the machine gocc itself runs on.
const ArchInfo& hostArch();

// The target the environment asks for: $GOOS (linux, or unset), $GOARCH (amd64, the default;
// arm64; 386), $GOAMD64 on amd64 (v1 when unset), $GO386 on 386 (sse2 when unset). A bad value is
// an error with exit status 2, as go reports it.
llvm::Expected<Target> targetFromEnv();

// The e_machine of the target's ELF files (EM_X86_64, EM_AARCH64, EM_386): the objects the
// driver writes itself must match the ones clang writes, or lld refuses them.
uint16_t elfMachine(const Target& target);

// The architecture of an ELF file's e_machine, or nullptr for one gocc does not build for
// (readers of a binary take its pclntab's quantum and pointer size from it).
const ArchInfo* archForMachine(uint16_t machine);

// The architecture of an ELF file of this machine and class (64-bit or not), or nullptr where
// gocc builds no such file: another machine, or one of its machines in the other class.
const ArchInfo* archForFile(uint16_t machine, bool is64);

// The flags that make clang compile for target: --target, the architecture level, on arm64
// frame records in leaf functions, and on 386 non-PIC code and the biarch asm/ headers.
std::vector<std::string> targetCompileFlags(const Target& target);

// The level-specific -march for GOAMD64: -march=x86-64, -march=x86-64-v2, ...
std::string marchForLevel(int level);
