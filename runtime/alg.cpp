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

// The 128-bit product of a and b, folded to 64 bits (wyhash's mix, as Go's runtime uses).
// 32-bit targets have no 128-bit integer: the product is built from 32-bit halves, as Go's
// math/bits.Mul64 does.
inline uint64 mix(uint64 a, uint64 b) {
#if defined(__SIZEOF_INT128__)
  __uint128_t r = __uint128_t(a) * b;
  return uint64(r) ^ uint64(r >> 64);
#else
  uint64 a0 = uint32(a), a1 = a >> 32, b0 = uint32(b), b1 = b >> 32;
  uint64 w0 = a0 * b0;
  uint64 t = a1 * b0 + (w0 >> 32);
  uint64 w1 = uint32(t) + a0 * b1;
  uint64 hi = a1 * b1 + (t >> 32) + (w1 >> 32);
  uint64 lo = a * b;
  return lo ^ hi;
#endif
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
