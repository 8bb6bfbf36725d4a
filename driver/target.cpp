#include "target.h"

#include "config.h"
#include "errors.h"
#include "formats/quote.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/BinaryFormat/ELF.h"

#include <cstdlib>

// clang-format off
static const ArchInfo arches[] = {
    {Arch::AMD64, "amd64", "x86_64-linux-gnu", llvm::ELF::EM_X86_64, "elf_x86_64",
     "/lib64/ld-linux-x86-64.so.2", "0x400000", 8, 1,
     {"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"},
     "libstdc++-12-dev libc6-dev", {}, GOCC_GCC_LIB_DIR_amd64, GOCC_GLIBC_VERSION_amd64},
    // arm64: from 0x10000, Go's linux/arm64 layout; lld aligns its segments to 64 KiB, the
    // largest page an arm64 kernel may use (4, 16 and 64 KiB are all in use).
    {Arch::ARM64, "arm64", "aarch64-linux-gnu", llvm::ELF::EM_AARCH64, "aarch64linux",
     "/lib/ld-linux-aarch64.so.1", "0x10000", 8, 4, {"/usr/aarch64-linux-gnu/lib"},
     "libstdc++-12-dev-arm64-cross libgcc-12-dev-arm64-cross libc6-dev-arm64-cross",
     {"qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"}, GOCC_GCC_LIB_DIR_arm64,
     GOCC_GLIBC_VERSION_arm64},
    {Arch::I386, "386", "i386-linux-gnu", llvm::ELF::EM_386, "elf_i386",
     "/lib/ld-linux.so.2", "0x8048000", 4, 1, {"/usr/lib32"},
     "lib32stdc++-12-dev libc6-dev-i386", {"qemu-i386"}, GOCC_GCC_LIB_DIR_386,
     GOCC_GLIBC_VERSION_386},
};
// clang-format on

llvm::ArrayRef<ArchInfo> knownArches() { return arches; }

const ArchInfo& hostArch() {
#if defined(__x86_64__)
  return arches[0];
#elif defined(__aarch64__)
  return arches[1];
#elif defined(__i386__)
  return arches[2];
#else
#error "gocc runs on amd64, arm64 or 386"
#endif
}

static llvm::StringRef envValue(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// A value from the environment as the error names it, in Go's %q form: a newline or control
// byte in it would otherwise split the one-line error or reach the terminal raw.
static std::string quoted(llvm::StringRef value) { return gocc::debug::goQuote(value); }

static llvm::Expected<int> goamd64Level() {
  llvm::StringRef value = envValue("GOAMD64");
  if (value.empty() || value == "v1") return 1;
  if (value == "v2") return 2;
  if (value == "v3") return 3;
  if (value == "v4") return 4;
  return fail(2, "invalid GOAMD64 value " + quoted(value) + ": must be v1, v2, v3 or v4");
}

const char* go386Name(int mode) { return mode == go386Softfloat ? "softfloat" : "sse2"; }

static llvm::Expected<int> go386Mode() {
  llvm::StringRef value = envValue("GO386");
  if (value.empty() || value == "sse2") return go386SSE2;
  if (value == "softfloat") return go386Softfloat;
  return fail(2, "invalid GO386 value " + quoted(value) + ": must be sse2 or softfloat");
}

llvm::Expected<Target> targetFromEnv() {
  llvm::StringRef goos = envValue("GOOS"), goarch = envValue("GOARCH");
  // go says "unsupported GOOS/GOARCH pair": gocc names what it does support.
  if (!goos.empty() && goos != "linux")
    return fail(2, "unsupported GOOS " + quoted(goos) + ": gocc builds for linux");
  Target target;
  target.arch = goarch.empty() ? &arches[0] : nullptr;
  for (const ArchInfo& a : arches)
    if (goarch == a.goarch) target.arch = &a;
  if (!target.arch)
    return fail(2, "unsupported GOARCH " + quoted(goarch) + ": must be amd64, arm64 or 386");
  if (target.is(Arch::AMD64)) {
    auto level = goamd64Level();
    if (!level) return level.takeError();
    target.goamd64 = *level;
  }
  if (target.is(Arch::I386)) {
    auto mode = go386Mode();
    if (!mode) return mode.takeError();
    target.go386 = *mode;
  }
  return target;
}

uint16_t elfMachine(const Target& target) { return target.arch->machine; }

const ArchInfo* archForMachine(uint16_t machine) {
  for (const ArchInfo& a : arches)
    if (a.machine == machine) return &a;
  return nullptr;
}

const ArchInfo* archForFile(uint16_t machine, bool is64) {
  const ArchInfo* arch = archForMachine(machine);
  return arch && (arch->ptrSize == 8) == is64 ? arch : nullptr;
}

std::vector<std::string> targetCompileFlags(const Target& target) {
  std::vector<std::string> flags;
  // clang's default target is the host's: naming it would only lengthen every command.
  if (target.arch != &hostArch()) flags.push_back(std::string("--target=") + target.arch->triple);
  if (target.is(Arch::AMD64)) flags.push_back(marchForLevel(target.goamd64));
  // A frame record in leaf functions too, which clang leaves out on arm64 even with
  // -fno-omit-frame-pointer: a fault in a leaf would hide its caller from the traceback's
  // frame-pointer walk (docs/ports.md).
  if (target.is(Arch::ARM64)) flags.push_back("-mno-omit-leaf-frame-pointer");
  if (target.is(Arch::I386)) {
    // sse2: SSE2 for float and double, as Go's 386 code uses; softfloat: Debian's i686
    // baseline, x87 floating point, which the i386 C ABI and every 32-bit library use anyway
    // (a C++ program cannot do without floating-point instructions as Go's softfloat does).
    if (target.go386 == go386SSE2)
      flags.insert(flags.end(), {"-march=pentium4", "-mfpmath=sse"});
    else
      flags.push_back("-march=i686");
    // gocc's images are not position-independent; clang's default for this target is PIE.
    flags.push_back("-fno-pic");
    // libc6-dev-i386 has no asm/ headers; the amd64 directory's are biarch (docs/ports.md).
    flags.insert(flags.end(), {"-idirafter", "/usr/include/x86_64-linux-gnu"});
  }
  return flags;
}

std::string marchForLevel(int level) {
  if (level == 1) return "-march=x86-64";
  return "-march=x86-64-v" + std::to_string(level);
}
