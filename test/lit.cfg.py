# lit configuration for gocc's tests.
#
# Each test is one file with its own RUN: lines (LLVM style). Substitutions:
#   %gocc        the driver under test
#   %goccroot    its toolchain root (bin/, lib/gocc/, include/)
#   %src         the gocc source tree
#   %fuzzdir     the libFuzzer targets (test/fuzz)
#   %qemu-arm64  runs a linux/arm64 program under qemu-aarch64 (tests: REQUIRES: arm64)
#   %fuzzlong    empty, or with --param fuzz_seconds=N the flags that make a fuzz target run
#                for N seconds from a random seed instead of its fixed, seeded run count
#   FileCheck, not, llvm-readelf, llvm-nm, ... come from LLVM 19's tool dir.
#
# Parameters (lit --param NAME=VALUE):
#   fuzz_seconds=N  fuzz each target in test/fuzz for N seconds (default: a fixed number of
#                   runs from seed 1, a few seconds each, the same inputs every time)
#   run386=qemu     run the 386 tests' programs under qemu-i386 even where the kernel runs
#                   32-bit code (default: natively where it can)
#
# RUN-line style, one form for each thing a test does:
#   - Directives sit behind the file's comment marker: "# RUN:", "# CHECK:" in .test files,
#     "// RUN:", "// CHECK:" in C and C++ sources. A long RUN line goes on in the next
#     "RUN:" line after a trailing backslash.
#   - A test that writes several files works in its own directory, made first:
#     "rm -rf %t && mkdir -p %t && cd %t". A single program goes to %t itself.
#   - A program is built with "%gocc build -o OUTPUT [flags] INPUTS".
#   - Output is piped into "FileCheck %s", one --check-prefix per case, with the CHECK lines
#     next to the RUN line (in a source file: next to the code line they name with @LINE).
#     A file goes to FileCheck with "<" only when a tool wrote it or it is read twice.
#   - An exact exit status is part of the output:
#       bash -c 'COMMAND 2>&1; echo status=$?' | FileCheck %s --check-prefix=CASE
#     with "CASE: status=N" after the output lines (the redirection stays inside, so that
#     bash's own words about a child killed by a signal are not checked). "not COMMAND"
#     says only that the command fails, where its exact status is not the point.
#   - A pattern that must not match (CHECK-NOT, --implicit-check-not) is exact enough that
#     no path or user name can match it: anchor it ({{^}}gocc) or spell the whole token.
import os
import shutil
import lit.formats

config.name = "gocc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".c", ".test"]
config.excludes = ["Inputs", "unit", "pclntab_fuzz.cpp", "buildinfo_fuzz.cpp", "inspect_fuzz.cpp", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.gocc_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.gocc_bin_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
# The runtime's environment knobs must come from the test, never from the caller's shell.
for var in ["GOMAXPROCS", "GODEBUG", "GOTRACEBACK", "GOOS", "GOARCH", "GOAMD64", "GO386", "GOCCROOT"]:
    config.environment.pop(var, None)
    os.environ.pop(var, None)
config.environment["HOME"] = os.environ.get("HOME", "/tmp")
config.environment["LC_ALL"] = "C"
# One build cache for the whole run, emptied when it starts, so that no test depends on what
# another run (or the user's own builds) left in it. Tests that must see the build's own steps
# (-x, -debug-trace, the two links) set GOCCCACHE=off or a cache of their own.
for var in ["GOCCCACHE", "XDG_CACHE_HOME"]:
    config.environment.pop(var, None)
    os.environ.pop(var, None)
_suite_cache = os.path.join(config.test_exec_root, "gocccache")
shutil.rmtree(_suite_cache, ignore_errors=True)
config.environment["GOCCCACHE"] = _suite_cache

# %goccroot before %gocc: lit substitutes in order, and %gocc is a prefix of it.
config.substitutions.append(("%goccroot", config.gocc_obj_root))
config.substitutions.append(("%gocc", os.path.join(config.gocc_bin_dir, "gocc")))
config.substitutions.append(("%src", config.gocc_src_root))
config.substitutions.append(("%version", config.gocc_version))
config.substitutions.append(("%fuzzdir", os.path.join(config.gocc_obj_root, "test", "fuzz")))
# libFuzzer takes the last of repeated flags: these override the test's -seed and -runs.
fuzz_seconds = lit_config.params.get("fuzz_seconds")
if fuzz_seconds is not None and not fuzz_seconds.isdigit():
    lit_config.fatal("--param fuzz_seconds=%s: want a whole number of seconds" % fuzz_seconds)
config.substitutions.append(
    ("%fuzzlong", "-seed=0 -runs=-1 -max_total_time=%s" % fuzz_seconds if fuzz_seconds else ""))

# Optional tools: a test that needs one says REQUIRES: gdb (or gdb-multiarch, go, git,
# clang-format).
if shutil.which("gdb"):
    config.available_features.add("gdb")
if shutil.which("go"):
    config.available_features.add("go")
if shutil.which("git"):
    config.available_features.add("git")
if shutil.which("clang-format-19"):
    config.available_features.add("clang-format")
# QEMU's user-mode emulation runs a program on a CPU model other than the host's.
if shutil.which("qemu-x86_64"):
    config.available_features.add("qemu-user")
# linux/arm64 (test/arm64): the arm64 runtime was built (CMake builds it when Debian's arm64
# cross libraries are installed) and qemu-aarch64 can run its programs. %qemu-arm64 runs one,
# as gocc run does (its -L prefix holds the AArch64 ld.so and libc).
if (os.path.exists(os.path.join(config.gocc_obj_root, "lib", "gocc", "linux_arm64", "libgoccrt.a"))
        and shutil.which("qemu-aarch64")):
    config.available_features.add("arm64")
config.substitutions.append(("%qemu-arm64", "qemu-aarch64 -L /usr/aarch64-linux-gnu"))
if shutil.which("gdb-multiarch"):
    config.available_features.add("gdb-multiarch")
# Root can make read-only and full file systems in a mount namespace of its own.
if os.geteuid() == 0 and shutil.which("unshare"):
    config.available_features.add("root")
# linux/386. %run386 runs a 386 program: directly where this kernel executes 32-bit code
# (feature native386: a 93-byte i386 ELF that only exits is run to find out), else through
# qemu-i386, as on the amd64 virtual machines that answer "Exec format error" (docs/ports.md).
# Feature 386: the 386 runtime was built (CMake found the i386 libraries) and its programs can
# run here one way or the other; qemu-i386 (for its gdb stub) when it is installed.
def _runs_i386_natively():
    import struct, subprocess, tempfile
    base, code = 0x08048000, bytes([0xB8, 1, 0, 0, 0, 0x31, 0xDB, 0xCD, 0x80])  # exit(0)
    size = 52 + 32 + len(code)
    elf = (b"\x7fELF\x01\x01\x01" + bytes(9)
           + struct.pack("<HHIIIIIHHHHHH", 2, 3, 1, base + 84, 52, 0, 0, 52, 32, 1, 0, 0, 0)
           + struct.pack("<8I", 1, 0, base, base, size, size, 5, 0x1000) + code)
    with tempfile.NamedTemporaryFile(delete=False) as f:
        f.write(elf)
    try:
        os.chmod(f.name, 0o755)
        return subprocess.run([f.name]).returncode == 0
    except OSError:
        return False
    finally:
        os.unlink(f.name)
# --param run386=qemu runs them under qemu-i386 even where the kernel could (what a machine
# without 32-bit support does, tried on one with it).
_kernel386 = _runs_i386_natively()
_native386 = _kernel386 and lit_config.params.get("run386") != "qemu"
if _kernel386:
    config.available_features.add("native386")
if shutil.which("qemu-i386"):
    config.available_features.add("qemu-i386")
if os.path.exists(os.path.join(config.gocc_obj_root, "lib", "gocc", "linux_386", "libgoccrt.a")) \
        and (_native386 or shutil.which("qemu-i386")):
    config.available_features.add("386")
config.substitutions.append(("%run386", "" if _native386 else "qemu-i386"))
# The FileCheck prefix for a goroutine's guard page as %run386 meets it: MADV_GUARD_INSTALL's
# (code 0x1; the kernels the suite runs on have it), or, under qemu-i386, which ignores that
# advice, PROT_NONE's (code 0x2; runtime/stack.cpp finds out).
config.substitutions.append(("%guard386", "GUARD" if _native386 else "MPROTECT"))
# The FileCheck prefix for what gocc run does with a 386 program here (test/386/run.test):
# the kernel's answer, whatever run386 says.
config.substitutions.append(("%exec386", "NATIVE386" if _kernel386 else "QEMU386"))
