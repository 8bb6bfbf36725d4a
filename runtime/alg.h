// alg.h — hashing seeds and the runtime's fast random numbers (Go: alg.go, stubs.go).
#pragma once
#include "runtime2.h"

namespace runtime {

// alginit: seed the hash keys and fastrand, from schedinit (Go: alginit).
extern "C" void alginit() GO_NAME(alginit);

extern uint64 hashkey[4];  // per-process seeds for the runtime's hash functions
// A fast per-thread random number (wyrand), seeded from AT_RANDOM; not for cryptography.
uint32 fastrand();
uint32 fastrandn(uint32 n);  // in [0, n)

}  // namespace runtime
