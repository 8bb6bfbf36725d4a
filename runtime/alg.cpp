// alg.cpp — random seeds for hashing and scheduling (Go: alginit, fastrandinit).
//
// The kernel gives every process 16 random bytes (AT_RANDOM, read by args). They seed the
// hash keys, as Go's alginit does, and each M's fastrand state, which randomizes the order
// in which an idle M looks at other Ps' run queues when it steals work.
#include "alg.h"

#include <cstring>

#include "os_linux.h"
#include "print.h"

namespace runtime {

uint64 hashkey[4];

namespace {
thread_local uint64 fastrandState __attribute__((tls_model("initial-exec")));
uint64 fastrandSeed;

inline uint64 mix(uint64 a, uint64 b) {
  __uint128_t r = __uint128_t(a) * b;
  return uint64(r) ^ uint64(r >> 64);
}
}  // namespace

// alginit: seed the hash keys from AT_RANDOM (or the clock, if the kernel gave nothing).
extern "C" void alginit() {
  uint64 seed[2] = {0, 0};
  if (startupRandomData)
    memcpy(seed, startupRandomData, sizeof seed);
  else
    seed[0] = uint64(nanotime());
  for (int i = 0; i < 4; i++) {
    seed[0] += 0xa0761d6478bd642full;
    hashkey[i] = mix(seed[0] ^ 0xe7037ed1a0b428dbull, seed[1] | 1);
  }
  fastrandSeed = hashkey[0] ^ hashkey[3];
}

uint32 fastrand() {
  uint64& s = fastrandState;
  if (s == 0) s = fastrandSeed ^ uint64(reinterpret_cast<uintptr>(&s)) ^ uint64(nanotime());
  s += 0xa0761d6478bd642full;
  return uint32(mix(s, s ^ 0xe7037ed1a0b428dbull));
}

uint32 fastrandn(uint32 n) { return uint32((uint64(fastrand()) * n) >> 32); }

}  // namespace runtime
