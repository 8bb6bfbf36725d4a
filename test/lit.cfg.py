# lit configuration for gocc's tests.
#
# Each test is one file with its own RUN: lines (LLVM style). Substitutions:
#   %gocc        the driver under test
#   %goccroot    its toolchain root (bin/, lib/gocc/, include/)
#   %src         the gocc source tree
#   FileCheck, not, llvm-readelf, llvm-nm, ... come from LLVM 19's tool dir.
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
for var in ["GOMAXPROCS", "GODEBUG", "GOTRACEBACK", "GOAMD64", "GOCCROOT"]:
    config.environment.pop(var, None)
    os.environ.pop(var, None)
config.environment["HOME"] = os.environ.get("HOME", "/tmp")
config.environment["LC_ALL"] = "C"

# %goccroot before %gocc: lit substitutes in order, and %gocc is a prefix of it.
config.substitutions.append(("%goccroot", config.gocc_obj_root))
config.substitutions.append(("%gocc", os.path.join(config.gocc_bin_dir, "gocc")))
config.substitutions.append(("%src", config.gocc_src_root))
config.substitutions.append(("%version", config.gocc_version))
config.substitutions.append(("%fuzzdir", os.path.join(config.gocc_obj_root, "test", "fuzz")))

# Optional oracles: a test that needs one says REQUIRES: gdb (or go, git).
if shutil.which("gdb"):
    config.available_features.add("gdb")
if shutil.which("go"):
    config.available_features.add("go")
if shutil.which("git"):
    config.available_features.add("git")
try:
    with open("/proc/cpuinfo") as f:
        flags = next((l.split(":", 1)[1].split() for l in f if l.startswith("flags")), [])
    if "avx512f" not in flags:
        config.available_features.add("cpu-below-v4")
except OSError:
    pass
