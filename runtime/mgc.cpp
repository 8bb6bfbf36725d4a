// mgc.cpp — what remains of Go's garbage collector in a C++ runtime: gcenable and the
// background scavenger (Go: mgc.go, mgcscavenge.go).
//
// C++ frees memory explicitly, so gocc has no collector, no gcinit and no sweeper. What
// Go's background scavenger does — give memory the program no longer uses back to the OS —
// still has a job here: goroutine stacks freed to the stack pool stay resident until
// bgscavenge releases them (madvise). gcenable starts it and waits for its handshake on a
// channel, as Go's gcenable waits for bgsweep and bgscavenge; sysmon wakes it when pooled
// stacks have sat idle for scavengeIdleNS.
#include "mgc.h"

#include "chan.h"
#include "lock_futex.h"
#include "os_linux.h"
#include "print.h"
#include "proc.h"
#include "stack.h"

namespace runtime {

namespace {

constexpr int64 scavengeIdleNS = 1000000000;  // 1 s

struct {
  mutex lock;
  g* gp = nullptr;
  bool parked = false;
  int64 lastRun = 0;
  uint64 released = 0;  // bytes given back, in total
} scavenger;

}  // namespace

// The scavenger goroutine: say hello on c, then release idle stack memory each time sysmon
// wakes it.
void bgscavenge(void* arg) {
  auto* c = static_cast<hchan*>(arg);
  scavenger.gp = getg();
  lock(&scavenger.lock);
  scavenger.parked = true;
  int32 hello = 1;
  chansend(c, &hello, true);
  for (;;) {
    goparkunlock(&scavenger.lock, waitReasonScavengeWait);
    scavenger.released += stackscavenge();
    lock(&scavenger.lock);
    scavenger.lastRun = nanotime();
    scavenger.parked = true;
  }
}

// Called by sysmon: wake the scavenger if pooled stacks have been idle long enough.
void wakeScavenger(int64 now) {
  if (!scavenger.gp || now - scavenger.lastRun < scavengeIdleNS) return;
  if (stackpoolIdleBytes() == 0) return;
  lock(&scavenger.lock);
  bool wake = scavenger.parked;
  scavenger.parked = false;
  scavenger.lastRun = now;
  unlock(&scavenger.lock);
  if (wake) injectglist(scavenger.gp);
}

// gcenable: start the background workers and wait until they are running.
extern "C" void gcenable() {
  hchan* c = makechan(sizeof(int32), 1);
  newproc(bgscavenge, c);
  int32 hello;
  chanrecv(c, &hello, true, nullptr);
  freechan(c);
}

}  // namespace runtime
