// SHA-256 for the build ID's content half (buildid.cpp), which hashes the whole executable at
// every link: a few MB, where LLVM's portable llvm::SHA256 runs at ~350 MB/s. On a CPU with the
// x86 SHA extensions (SHA-NI: Intel since Goldmont and Ice Lake, AMD since Zen) the compression
// function runs on them, several times faster; elsewhere llvm::SHA256 does the whole hash. Both
// give FIPS 180-4's SHA-256, byte for byte: the build ID's format does not depend on the CPU.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <array>
#include <cstdint>

// The SHA-256 digest of bytes.
std::array<uint8_t, 32> sha256(llvm::StringRef bytes);
