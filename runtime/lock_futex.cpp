// lock_futex.cpp — runtime mutexes and notes built on futexes (Go: lock_futex.go).
//
// mutex.key is 0 (unlocked), 1 (locked) or 2 (locked, with sleepers). A locker spins a
// little (the lock is usually held for a few instructions), then sleeps in the kernel after
// marking the key 2 so that the unlocker knows to wake someone.
//
// note.key is 0 (not yet woken) or 1 (woken). Sleeping is a futex wait on 0.
#include "lock_futex.h"

#include <new>

#include "arch.h"
#include "malloc.h"
#include "os_linux.h"
#include "print.h"

namespace runtime {

namespace {
constexpr uint32 mutexUnlocked = 0;
constexpr uint32 mutexLocked = 1;
constexpr uint32 mutexSleeping = 2;
constexpr int activeSpin = 4;
constexpr int activeSpinCount = 30;
constexpr int passiveSpin = 1;
}  // namespace

void lock(mutex* l) {
  // Speculative grab for the common, uncontended case.
  uint32 v = l->key.exchange(mutexLocked, std::memory_order_acquire);
  if (v == mutexUnlocked) return;
  // v is mutexLocked or mutexSleeping. If we ever slept, we must leave the key at
  // mutexSleeping when we take the lock, since others may still be asleep.
  uint32 wait = v;
  int spin = ncpu > 1 ? activeSpin : 0;
  for (;;) {
    for (int i = 0; i < spin; i++) {
      while (l->key.load(std::memory_order_relaxed) == mutexUnlocked) {
        uint32 expected = mutexUnlocked;
        if (l->key.compare_exchange_weak(expected, wait, std::memory_order_acquire)) return;
      }
      procyield(activeSpinCount);
    }
    for (int i = 0; i < passiveSpin; i++) {
      while (l->key.load(std::memory_order_relaxed) == mutexUnlocked) {
        uint32 expected = mutexUnlocked;
        if (l->key.compare_exchange_weak(expected, wait, std::memory_order_acquire)) return;
      }
      osyield();
    }
    v = l->key.exchange(mutexSleeping, std::memory_order_acquire);
    if (v == mutexUnlocked) return;
    wait = mutexSleeping;
    futexsleep(&l->key, mutexSleeping, -1);
  }
}

void unlock(mutex* l) {
  uint32 v = l->key.exchange(mutexUnlocked, std::memory_order_release);
  if (v == mutexUnlocked) throw_("unlock of unlocked lock");
  if (v == mutexSleeping) futexwakeup(&l->key, 1);
}

void noteclear(note* n) { n->key.store(0, std::memory_order_relaxed); }

void notewakeup(note* n) {
  uint32 old = n->key.exchange(1, std::memory_order_release);
  if (old != 0) {
    print("notewakeup - double wakeup (", old, ")\n");
    throw_("notewakeup - double wakeup");
  }
  futexwakeup(&n->key, 1);
}

void notesleep(note* n) {
  while (n->key.load(std::memory_order_acquire) == 0) futexsleep(&n->key, 0, -1);
}

bool notetsleep(note* n, int64 ns) {
  if (ns < 0) {
    notesleep(n);
    return true;
  }
  int64 deadline = nanotime() + ns;
  while (n->key.load(std::memory_order_acquire) == 0) {
    futexsleep(&n->key, 0, ns);
    if (n->key.load(std::memory_order_acquire) != 0) break;
    int64 now = nanotime();
    if (now >= deadline) return false;
    ns = deadline - now;
  }
  return true;
}

namespace {
mutex threadNoteLock;
threadNote* threadNoteFree;
}  // namespace

threadNote* getThreadNote() {
  lock(&threadNoteLock);
  threadNote* tn = threadNoteFree;
  if (tn) threadNoteFree = tn->next;
  unlock(&threadNoteLock);
  if (!tn) tn = new (persistentalloc(sizeof(threadNote), alignof(threadNote))) threadNote;
  tn->next = nullptr;
  return tn;
}

void putThreadNote(threadNote* tn) {
  lock(&threadNoteLock);
  tn->next = threadNoteFree;
  threadNoteFree = tn;
  unlock(&threadNoteLock);
}

}  // namespace runtime
