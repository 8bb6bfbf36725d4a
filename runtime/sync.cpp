// sync.cpp — the out-of-line parts of gocc/sync.h's Mutex, RWMutex, WaitGroup and Cond
// (Go: sync/mutex.go, rwmutex.go, waitgroup.go, cond.go), on the runtime's semaphores and
// notify lists (sema.h). The header keeps each fast path inline: an uncontended Lock or
// Unlock is one atomic instruction and no call.
//
// Go's atomics are sequentially consistent; so are the ones here outside the header's fast
// paths, whose acquire/release orders suffice for what they do alone.
#include <gocc/sync.h>

#include "os_linux.h"
#include "print.h"
#include "sema.h"

namespace gocc::sync {

namespace {
// A waiter that has waited this long switches the mutex to starvation mode (Go:
// starvationThresholdNs).
constexpr int64_t starvationThresholdNs = 1000000;
}  // namespace

// Mutex::lockSlow — the mutex is held or contended. The loop reads the state and computes
// the next one: spin while the holder may release soon; otherwise count ourselves as a
// waiter and sleep on the semaphore (at the head of the queue once we have waited before).
// A waiter woken in normal mode competes with newcomers and may lose; one woken in
// starvation mode owns the mutex, and leaves starvation mode if it is the last waiter or
// did not wait long.
void Mutex::lockSlow() {
  int64_t waitStartTime = 0;
  bool starving = false;
  bool awoke = false;
  int iter = 0;
  int32_t old = state_.load();
  for (;;) {
    // Spin only in normal mode while the mutex is held: in starvation mode it goes to a
    // waiter, and spinning would not get it.
    if ((old & (kLocked | kStarving)) == kLocked && runtime::syncCanSpin(iter)) {
      // Set the woken flag, so that Unlock wakes nobody while we are about to take it.
      if (!awoke && (old & kWoken) == 0 && (old >> kWaiterShift) != 0 &&
          state_.compare_exchange_strong(old, old | kWoken))
        awoke = true;
      runtime::syncDoSpin();
      iter++;
      old = state_.load();
      continue;
    }
    int32_t next = old;
    // In starvation mode newcomers do not take the mutex: they queue.
    if ((old & kStarving) == 0) next |= kLocked;
    if ((old & (kLocked | kStarving)) != 0) next += 1 << kWaiterShift;
    // Switch to starvation mode only if the mutex is held: Unlock expects waiters there.
    if (starving && (old & kLocked) != 0) next |= kStarving;
    if (awoke) {
      if ((next & kWoken) == 0) runtime::throw_("sync: inconsistent mutex state");
      next &= ~kWoken;
    }
    if (!state_.compare_exchange_strong(old, next)) continue;  // old is reloaded
    if ((old & (kLocked | kStarving)) == 0) break;             // locked it
    // Waited before: to the front of the queue.
    bool queueLifo = waitStartTime != 0;
    if (waitStartTime == 0) waitStartTime = runtime::nanotime();
    runtime::semacquire1(&sema_, queueLifo, runtime::waitReasonSyncMutexLock);
    starving = starving || runtime::nanotime() - waitStartTime > starvationThresholdNs;
    old = state_.load();
    if ((old & kStarving) != 0) {
      // Handed the mutex in starvation mode: the state says unlocked, with us as a waiter.
      if ((old & (kLocked | kWoken)) != 0 || (old >> kWaiterShift) == 0)
        runtime::throw_("sync: inconsistent mutex state");
      int32_t delta = kLocked - (1 << kWaiterShift);
      // Leave starvation mode before two goroutines could hand off to each other forever.
      if (!starving || (old >> kWaiterShift) == 1) delta -= kStarving;
      state_.fetch_add(delta);
      break;
    }
    awoke = true;
    iter = 0;
  }
}

// Mutex::unlockSlow — there are waiters, a woken one, or starvation mode (or misuse).
void Mutex::unlockSlow(int32_t now) {
  if (((now + kLocked) & kLocked) == 0) runtime::fatal("sync: unlock of unlocked mutex");
  if ((now & kStarving) != 0) {
    // Hand the mutex to the first waiter. The locked bit stays clear: the waiter sets it,
    // and newcomers in starvation mode do not take the mutex meanwhile.
    runtime::semrelease1(&sema_, true);
    return;
  }
  int32_t old = now;
  for (;;) {
    // Nobody to wake, or someone is already woken, took the lock or starves for it.
    if ((old >> kWaiterShift) == 0 || (old & (kLocked | kWoken | kStarving)) != 0) return;
    // Take one waiter off the count and wake it.
    int32_t next = (old - (1 << kWaiterShift)) | kWoken;
    if (state_.compare_exchange_strong(old, next)) {
      runtime::semrelease1(&sema_, false);
      return;
    }
  }
}

// --- RWMutex ---------------------------------------------------------------------------

void RWMutex::rLockSlow() {
  // A writer holds the lock or waits for it: wait until its Unlock lets us in.
  runtime::semacquire1(&readerSem_, false, runtime::waitReasonSyncRWMutexRLock);
}

bool RWMutex::TryRLock() {
  int32_t c = readerCount_.load();
  for (;;) {
    if (c < 0) return false;  // a writer holds or waits
    if (readerCount_.compare_exchange_weak(c, c + 1)) return true;
  }
}

void RWMutex::rUnlockSlow(int32_t r) {
  if (r + 1 == 0 || r + 1 == -kMaxReaders) runtime::fatal("sync: RUnlock of unlocked RWMutex");
  // A writer waits: the last of the readers it waits for lets it in.
  if (readerWait_.fetch_sub(1) - 1 == 0) runtime::semrelease1(&writerSem_, false);
}

void RWMutex::Lock() {
  // Against other writers first.
  w_.Lock();
  // Announce the writer (readerCount goes negative: new readers wait); the count before
  // is the readers inside.
  int32_t r = readerCount_.fetch_sub(kMaxReaders);
  // Wait for those readers to leave, unless they all left already.
  if (r != 0 && readerWait_.fetch_add(r) + r != 0)
    runtime::semacquire1(&writerSem_, false, runtime::waitReasonSyncRWMutexLock);
}

bool RWMutex::TryLock() {
  if (!w_.TryLock()) return false;
  int32_t none = 0;
  if (!readerCount_.compare_exchange_strong(none, -kMaxReaders)) {
    w_.Unlock();
    return false;
  }
  return true;
}

void RWMutex::Unlock() {
  // Announce to readers that there is no writer.
  int32_t r = readerCount_.fetch_add(kMaxReaders) + kMaxReaders;
  if (r >= kMaxReaders) runtime::fatal("sync: Unlock of unlocked RWMutex");
  // Let in the readers that came while the writer held the lock.
  for (int32_t i = 0; i < r; i++) runtime::semrelease1(&readerSem_, false);
  w_.Unlock();
}

// --- WaitGroup -------------------------------------------------------------------------

void WaitGroup::Add(int delta) {
  uint64_t state =
      state_.fetch_add(uint64_t(int64_t(delta)) << 32) + (uint64_t(int64_t(delta)) << 32);
  int32_t v = int32_t(state >> 32);
  uint32_t w = uint32_t(state);
  if (v < 0) throw Error("sync: negative WaitGroup counter");
  if (w != 0 && delta > 0 && v == delta)
    throw Error("sync: WaitGroup misuse: Add called concurrently with Wait");
  if (v > 0 || w == 0) return;
  // The counter is zero and there are waiters. Nobody may change the state now (an Add
  // must not race with Wait, and Wait does not count itself once it sees zero): reset the
  // waiters and release them.
  if (state_.load() != state)
    throw Error("sync: WaitGroup misuse: Add called concurrently with Wait");
  state_.store(0);
  for (; w != 0; w--) runtime::semrelease1(&sema_, false);
}

// Out of line, so that a panic's traceback shows Done's caller on its own line.
void WaitGroup::Done() { Add(-1); }

void WaitGroup::Wait() {
  uint64_t state = state_.load();
  for (;;) {
    if (int32_t(state >> 32) == 0) return;
    // Count ourselves as a waiter, then sleep.
    if (state_.compare_exchange_weak(state, state + 1)) {
      runtime::semacquire1(&sema_, false, runtime::waitReasonSemacquire);
      if (state_.load() != 0)
        throw Error("sync: WaitGroup is reused before previous Wait has returned");
      return;
    }
  }
}

// --- Cond ------------------------------------------------------------------------------

namespace {
runtime::notifyList* runtimeList(void* l) { return static_cast<runtime::notifyList*>(l); }
}  // namespace

void Cond::Wait() {
  static_assert(sizeof(notifyList) == sizeof(runtime::notifyList) &&
                    alignof(notifyList) == alignof(runtime::notifyList),
                "gocc/sync.h's notifyList must match runtime/sema.h's");
  // The ticket is taken while L is held: a Signal after our caller's check of the condition
  // is one that wakes us.
  uint32_t t = runtime::notifyListAdd(runtimeList(&notify_));
  L.Unlock();
  runtime::notifyListWait(runtimeList(&notify_), t);
  L.Lock();
}

void Cond::Signal() { runtime::notifyListNotifyOne(runtimeList(&notify_)); }

void Cond::Broadcast() { runtime::notifyListNotifyAll(runtimeList(&notify_)); }

}  // namespace gocc::sync
