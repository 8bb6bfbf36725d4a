// timer.cpp — timers (Go: time.go) and gocc::time's runtime half (gocc/time.h).
//
// Timers live in heaps kept per P, as in Go: each P has a 4-ary min-heap of timers ordered
// by when (p.timers, under p.timersLock), and whichever M holds the P runs its due timers
// when it schedules (checkTimers, from schedule and findrunnable). An M that finds nothing
// to run also runs other Ps' due timers (stealing them, like goroutines) and, if timers are
// pending, sleeps only until the earliest one (the timer sleeper, below). So a sleeping
// goroutine holds no thread: it is parked, and its timer, in some P's heap, readies it.
//
// A timer's status (Go's state machine) says where it is and lets deltimer and modtimer
// change a timer in another P's heap without that P's lock: they only change the status
// (and nextwhen), and the heap's owner applies the change when it next looks (cleantimers,
// adjusttimers, runtimer). Transitions:
//   addtimer:      NoStatus → Waiting
//   deltimer:      Waiting, ModifiedXX → Modifying → Deleted; others: nothing (wait
//                  while Running, Moving or Modifying)
//   modtimer:      Waiting, ModifiedXX, Deleted → Modifying → ModifiedXX;
//                  NoStatus, Removed → Modifying → Waiting (added to the caller's P)
//   cleantimers, adjusttimers, runtimer (the heap's side, under its lock):
//                  Deleted → Removing → Removed; ModifiedXX → Moving → Waiting (re-placed);
//                  runtimer: Waiting → Running → NoStatus (fired) or Waiting (periodic)
// Invariants: t.pp is set exactly while some heap holds t. A Deleted or ModifiedXX timer is
// still in its heap, possibly out of order; p.timerModifiedEarliest is at most the earliest
// nextwhen of its ModifiedEarlier timers, so that nobody sleeps past one.
// p.timer0When is the when of the heap's first timer (0: empty), read without the lock.
//
// C++ has no garbage collector to keep a stopped timer alive while a heap still holds it
// (deltimer leaves it there, Deleted), so a timer that its owner may free is counted
// (timer.refs): the heap holds a reference for as long as t.pp is set. A count that falls
// to zero under a timersLock is not acted on there: the timer goes on a list that is freed
// later, on a goroutine or thread, because freeing runs the owner's destructors, and those
// may use timers themselves.
#include "timer.h"

#include <time.h>

#include <cerrno>
#include <cstdlib>
#include <functional>
#include <new>
#include <stdexcept>

#include "gocc/time.h"
#include "lock_futex.h"
#include "os_linux.h"
#include "print.h"
#include "proc.h"

namespace runtime {

namespace {

enum timerStatus : uint32 {
  timerNoStatus,         // not yet added, or fired: in no heap
  timerWaiting,          // in a heap, waiting to fire
  timerRunning,          // its function is being run (briefly)
  timerDeleted,          // stopped, still in a heap
  timerRemoving,         // being taken out of its heap (briefly)
  timerRemoved,          // stopped, in no heap
  timerModifying,        // being changed (briefly)
  timerModifiedEarlier,  // changed to an earlier nextwhen, still in a heap
  timerModifiedLater,    // changed to the same or a later nextwhen, still in a heap
  timerMoving,           // being re-placed (briefly)
};

[[noreturn]] void badTimer() { throw_("timer data corruption"); }

bool casStatus(timer* t, uint32 from, uint32 to) {
  return t->status.compare_exchange_strong(from, to, std::memory_order_acq_rel);
}

void mustCasStatus(timer* t, uint32 from, uint32 to) {
  if (!casStatus(t, from, to)) badTimer();
}

// --- the heap ------------------------------------------------------------------------------

// Move ts[i] up to its place; returns where it landed.
int32 siftupTimer(timer** ts, int32 n, int32 i) {
  if (i >= n) badTimer();
  timer* t = ts[i];
  int64 when = t->when;
  if (when <= 0) badTimer();
  while (i > 0) {
    int32 parent = (i - 1) / 4;
    if (when >= ts[parent]->when) break;
    ts[i] = ts[parent];
    i = parent;
  }
  ts[i] = t;
  return i;
}

// Move ts[i] down to its place.
void siftdownTimer(timer** ts, int32 n, int32 i) {
  if (i >= n) badTimer();
  timer* t = ts[i];
  int64 when = t->when;
  if (when <= 0) badTimer();
  for (;;) {
    int32 c = i * 4 + 1;  // the first child; c+2 is the third
    int32 c3 = c + 2;
    if (c >= n) break;
    int64 w = ts[c]->when;
    if (c + 1 < n && ts[c + 1]->when < w) w = ts[++c]->when;
    if (c3 < n) {
      int64 w3 = ts[c3]->when;
      if (c3 + 1 < n && ts[c3 + 1]->when < w3) w3 = ts[++c3]->when;
      if (w3 < w) {
        w = w3;
        c = c3;
      }
    }
    if (w >= when) break;
    ts[i] = ts[c];
    i = c;
  }
  ts[i] = t;
}

void updateTimer0When(p* pp) {
  pp->timer0When.store(pp->timersLen == 0 ? 0 : pp->timers[0]->when, std::memory_order_release);
}

// Lower pp.timerModifiedEarliest to nextwhen if it is later (or unset).
void updateTimerModifiedEarliest(p* pp, int64 nextwhen) {
  int64 old = pp->timerModifiedEarliest.load();
  while (old == 0 || nextwhen < old)
    if (pp->timerModifiedEarliest.compare_exchange_weak(old, nextwhen)) return;
}

// Put t into pp's heap. pp.timersLock held.
void doaddtimer(p* pp, timer* t) {
  if (t->pp) throw_("doaddtimer: P already set in timer");
  t->pp = pp;
  if (pp->timersLen == pp->timersCap) {
    int32 ncap = pp->timersCap ? 2 * pp->timersCap : 16;
    void* grown = ::realloc(pp->timers, size_t(ncap) * sizeof(timer*));
    if (!grown) throw_("out of memory for timers");
    pp->timers = static_cast<timer**>(grown);
    pp->timersCap = ncap;
  }
  int32 i = pp->timersLen++;
  pp->timers[i] = t;
  siftupTimer(pp->timers, pp->timersLen, i);
  if (t == pp->timers[0]) pp->timer0When.store(t->when, std::memory_order_release);
  pp->numTimers.fetch_add(1);
}

// Take the timer at index i out of pp's heap; returns the smallest index whose timer
// changed (adjusttimers restarts its scan there). pp.timersLock held.
int32 dodeltimer(p* pp, int32 i) {
  timer* t = pp->timers[i];
  if (t->pp != pp) throw_("dodeltimer: wrong P");
  t->pp = nullptr;
  int32 last = pp->timersLen - 1;
  if (i != last) pp->timers[i] = pp->timers[last];
  pp->timers[last] = nullptr;
  pp->timersLen = last;
  int32 smallestChanged = i;
  if (i != last) {
    smallestChanged = siftupTimer(pp->timers, last, i);
    siftdownTimer(pp->timers, last, i);
  }
  if (i == 0) updateTimer0When(pp);
  if (pp->numTimers.fetch_sub(1) == 1) pp->timerModifiedEarliest.store(0);
  return smallestChanged;
}

// Take the first timer out of pp's heap. pp.timersLock held.
void dodeltimer0(p* pp) {
  timer* t = pp->timers[0];
  if (t->pp != pp) throw_("dodeltimer0: wrong P");
  t->pp = nullptr;
  int32 last = pp->timersLen - 1;
  if (last > 0) pp->timers[0] = pp->timers[last];
  pp->timers[last] = nullptr;
  pp->timersLen = last;
  if (last > 0) siftdownTimer(pp->timers, last, 0);
  updateTimer0When(pp);
  if (pp->numTimers.fetch_sub(1) == 1) pp->timerModifiedEarliest.store(0);
}

// --- references -----------------------------------------------------------------------------

std::atomic<timer*> timersToFree{nullptr};  // counted timers whose last reference is gone

// A heap has let go of t: drop the heap's reference. Called where a timersLock may be held,
// so a timer this frees is only put on timersToFree.
void heapReleased(timer* t) {
  if (!t->free || t->refs.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  timer* head = timersToFree.load(std::memory_order_relaxed);
  do {
    t->freelink = head;
  } while (!timersToFree.compare_exchange_weak(head, t, std::memory_order_release,
                                               std::memory_order_relaxed));
}

// Free the timers on timersToFree. Only on a goroutine or a thread of the program's, never
// on g0: freeing runs the owners' destructors, which are the program's code.
void freeReleasedTimers() {
  if (!timersToFree.load(std::memory_order_relaxed)) return;
  g* gp = getg();
  if (gp && gp == gp->m->g0) return;
  timer* t = timersToFree.exchange(nullptr, std::memory_order_acquire);
  while (t) {
    timer* next = t->freelink;
    t->free(t);
    t = next;
  }
}

// The P whose heap a timer started by the caller goes into: the caller's, or on a thread
// without a P, P 0 (which procresize never destroys; its heap is shared under its lock).
p* timerHomeP() {
  g* gp = getg();
  if (gp && gp->m->p) return gp->m->p;
  return allp[0];
}

// --- the timer sleeper --------------------------------------------------------------------

std::atomic<bool> sleeperBusy{
    false};                          // an M is (about to be) the timer sleeper (Go: lastpoll == 0)
std::atomic<int64> sleeperUntil{0};  // the time it sleeps until; 0: not yet known
std::atomic<uint32> sleeperWake{0};  // 1: wake up (the futex word it sleeps on)

// --- heap maintenance ----------------------------------------------------------------------

// settleFirstTimer: t, the first timer of pp's heap, was seen in status s, stopped
// (Deleted) or moved (ModifiedXX): take it out of the heap, or put it in its new place.
// False if its status changed meanwhile. pp.timersLock held.
bool settleFirstTimer(p* pp, timer* t, uint32 s) {
  if (s == timerDeleted) {
    if (!casStatus(t, s, timerRemoving)) return false;
    dodeltimer0(pp);
    mustCasStatus(t, timerRemoving, timerRemoved);
    pp->deletedTimers.fetch_sub(1);
    heapReleased(t);
    return true;
  }
  if (!casStatus(t, s, timerMoving)) return false;
  t->when = t->nextwhen;
  dodeltimer0(pp);
  doaddtimer(pp, t);
  mustCasStatus(t, timerMoving, timerWaiting);
  return true;
}

// cleantimers: settle the timers at the head of pp's heap that were stopped or moved, so
// that the first timer is a waiting one. pp.timersLock held.
void cleantimers(p* pp) {
  while (pp->timersLen > 0) {
    timer* t = pp->timers[0];
    if (t->pp != pp) throw_("cleantimers: bad p");
    uint32 s = t->status.load();
    if (s != timerDeleted && s != timerModifiedEarlier && s != timerModifiedLater) return;
    settleFirstTimer(pp, t, s);
  }
}

// adjusttimers: if some timer of pp's was moved earlier and is due by now, put every moved
// timer back in its place and drop the stopped ones. pp.timersLock held.
void adjusttimers(p* pp, int64 now) {
  int64 first = pp->timerModifiedEarliest.load();
  if (first == 0 || first > now) return;
  pp->timerModifiedEarliest.store(0);
  timer* moved = nullptr;  // taken out to be added back, linked through freelink
  for (int32 i = 0; i < pp->timersLen; i++) {
    timer* t = pp->timers[i];
    if (t->pp != pp) throw_("adjusttimers: bad p");
    uint32 s = t->status.load();
    switch (s) {
      case timerDeleted:
        if (casStatus(t, s, timerRemoving)) {
          int32 changed = dodeltimer(pp, i);
          mustCasStatus(t, timerRemoving, timerRemoved);
          pp->deletedTimers.fetch_sub(1);
          heapReleased(t);
          i = changed - 1;
        }
        break;
      case timerModifiedEarlier:
      case timerModifiedLater:
        if (casStatus(t, s, timerMoving)) {
          t->when = t->nextwhen;
          int32 changed = dodeltimer(pp, i);
          t->freelink = moved;
          moved = t;
          i = changed - 1;
        }
        break;
      case timerWaiting:
        break;
      case timerModifying:
        osyield();
        i--;
        break;
      default:
        badTimer();
    }
  }
  while (moved) {
    timer* t = moved;
    moved = t->freelink;
    t->freelink = nullptr;
    doaddtimer(pp, t);
    mustCasStatus(t, timerMoving, timerWaiting);
  }
}

// runOneTimer: run t, the first timer of pp's heap, which is due. The function runs with
// pp.timersLock released (it may add timers) and on the caller's P.
void runOneTimer(p* pp, timer* t, int64 now) {
  void (*f)(void*, uintptr) = t->f;
  void* arg = t->arg;
  uintptr seq = t->seq;
  bool counted = t->free != nullptr;
  bool fired = false;
  if (t->period > 0) {
    // Leave it in the heap, at the next multiple of period after now.
    int64 delta = t->when - now;
    t->when += t->period * (1 + -delta / t->period);
    if (t->when < 0) t->when = maxWhen;
    siftdownTimer(pp->timers, pp->timersLen, 0);
    mustCasStatus(t, timerRunning, timerWaiting);
    updateTimer0When(pp);
  } else {
    dodeltimer0(pp);
    mustCasStatus(t, timerRunning, timerNoStatus);
    fired = true;
  }
  unlock(&pp->timersLock);
  f(arg, seq);
  // A one-shot timer left its heap: the heap's reference goes only now, after f, which
  // may use what t belongs to. An uncounted timer (a sleeping goroutine's) may be gone.
  if (fired && counted) heapReleased(t);
  lock(&pp->timersLock);
}

// runtimer: look at the first timer of pp's heap, settling it if stopped or moved. Returns
// 0 if it ran a timer, -1 if the heap is empty, else the when of the first timer, which is
// later than now. pp.timersLock held.
int64 runtimer(p* pp, int64 now) {
  for (;;) {
    timer* t = pp->timers[0];
    if (t->pp != pp) throw_("runtimer: bad p");
    uint32 s = t->status.load();
    switch (s) {
      case timerWaiting:
        if (t->when > now) return t->when;
        if (!casStatus(t, s, timerRunning)) continue;
        runOneTimer(pp, t, now);
        return 0;
      case timerDeleted:
      case timerModifiedEarlier:
      case timerModifiedLater:
        if (settleFirstTimer(pp, t, s) && pp->timersLen == 0) return -1;
        break;
      case timerModifying:
        osyield();
        break;
      default:
        badTimer();
    }
  }
}

// clearDeletedTimers: drop every stopped timer from pp's heap and re-place the moved ones,
// when stopped timers make up more than a quarter of it. pp.timersLock held.
void clearDeletedTimers(p* pp) {
  pp->timerModifiedEarliest.store(0);
  int32 cdel = 0;
  int32 to = 0;
  bool changedHeap = false;
  timer** ts = pp->timers;
  for (int32 i = 0; i < pp->timersLen; i++) {
    timer* t = ts[i];
    for (bool placed = false; !placed;) {
      uint32 s = t->status.load();
      switch (s) {
        case timerWaiting:
          if (changedHeap) {
            ts[to] = t;
            siftupTimer(ts, to + 1, to);
          }
          to++;
          placed = true;
          break;
        case timerModifiedEarlier:
        case timerModifiedLater:
          if (casStatus(t, s, timerMoving)) {
            t->when = t->nextwhen;
            ts[to] = t;
            siftupTimer(ts, to + 1, to);
            to++;
            changedHeap = true;
            mustCasStatus(t, timerMoving, timerWaiting);
            placed = true;
          }
          break;
        case timerDeleted:
          if (casStatus(t, s, timerRemoving)) {
            t->pp = nullptr;
            cdel++;
            mustCasStatus(t, timerRemoving, timerRemoved);
            heapReleased(t);
            changedHeap = true;
            placed = true;
          }
          break;
        case timerModifying:
          osyield();
          break;
        default:
          badTimer();
      }
    }
  }
  for (int32 i = to; i < pp->timersLen; i++) ts[i] = nullptr;
  pp->deletedTimers.fetch_sub(uint32(cdel));
  pp->numTimers.fetch_sub(uint32(cdel));
  pp->timersLen = to;
  updateTimer0When(pp);
}

}  // namespace

// --- the timer operations -------------------------------------------------------------------

int64 whenAfter(int64 ns) {
  int64 now = nanotime();
  if (ns <= 0) return now;
  int64 when;
  if (__builtin_add_overflow(now, ns, &when)) return maxWhen;
  return when;
}

void timerRetain(timer* t) { t->refs.fetch_add(1, std::memory_order_relaxed); }

void timerRelease(timer* t) {
  if (t->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) t->free(t);
  freeReleasedTimers();
}

void addtimer(timer* t) {
  if (t->when <= 0) throw_("timer when must be positive");
  if (t->period < 0) throw_("timer period must be non-negative");
  if (t->status.load() != timerNoStatus) throw_("addtimer called with initialized timer");
  t->status.store(timerWaiting);
  int64 when = t->when;
  if (t->free) timerRetain(t);  // the heap's reference
  p* pp = timerHomeP();
  lock(&pp->timersLock);
  cleantimers(pp);
  doaddtimer(pp, t);
  unlock(&pp->timersLock);
  wakeTimerSleeper(when);
  freeReleasedTimers();
}

bool deltimer(timer* t) {
  for (;;) {
    uint32 s = t->status.load();
    switch (s) {
      case timerWaiting:
      case timerModifiedEarlier:
      case timerModifiedLater:
        if (casStatus(t, s, timerModifying)) {
          p* tpp = t->pp;
          mustCasStatus(t, timerModifying, timerDeleted);
          tpp->deletedTimers.fetch_add(1);
          return true;
        }
        break;
      case timerDeleted:
      case timerRemoving:
      case timerRemoved:
      case timerNoStatus:
        return false;  // stopped already, or fired
      case timerRunning:
      case timerMoving:
      case timerModifying:
        osyield();  // another thread holds it for a moment
        break;
      default:
        badTimer();
    }
  }
}

bool modtimer(timer* t, int64 when, int64 period, void (*f)(void*, uintptr), void* arg,
              uintptr seq) {
  if (when <= 0) throw_("timer when must be positive");
  if (period < 0) throw_("timer period must be non-negative");
  bool wasRemoved = false;
  bool pending = false;
  for (bool held = false; !held;) {
    uint32 s = t->status.load();
    switch (s) {
      case timerWaiting:
      case timerModifiedEarlier:
      case timerModifiedLater:
        if (casStatus(t, s, timerModifying)) {
          pending = true;  // not yet run
          held = true;
        }
        break;
      case timerNoStatus:
      case timerRemoved:
        if (casStatus(t, s, timerModifying)) {
          wasRemoved = true;  // fired or stopped, and in no heap
          held = true;
        }
        break;
      case timerDeleted:
        if (casStatus(t, s, timerModifying)) {
          t->pp->deletedTimers.fetch_sub(1);  // stopped, still in its heap
          held = true;
        }
        break;
      case timerRunning:
      case timerRemoving:
      case timerMoving:
      case timerModifying:
        osyield();
        break;
      default:
        badTimer();
    }
  }
  t->period = period;
  t->f = f;
  t->arg = arg;
  t->seq = seq;
  if (wasRemoved) {
    t->when = when;
    if (t->free) timerRetain(t);  // the heap's reference
    p* pp = timerHomeP();
    lock(&pp->timersLock);
    doaddtimer(pp, t);
    unlock(&pp->timersLock);
    mustCasStatus(t, timerModifying, timerWaiting);
    wakeTimerSleeper(when);
  } else {
    // Still in its heap, which may be another P's: leave the move to the heap's owner.
    t->nextwhen = when;
    uint32 newStatus = when < t->when ? timerModifiedEarlier : timerModifiedLater;
    p* tpp = t->pp;
    if (newStatus == timerModifiedEarlier) updateTimerModifiedEarliest(tpp, when);
    mustCasStatus(t, timerModifying, newStatus);
    if (newStatus == timerModifiedEarlier) wakeTimerSleeper(when);
  }
  freeReleasedTimers();
  return pending;
}

bool resettimer(timer* t, int64 when) { return modtimer(t, when, t->period, t->f, t->arg, t->seq); }

// --- the scheduler's side -----------------------------------------------------------------

int64 nobarrierWakeTime(p* pp) {
  int64 next = pp->timer0When.load(std::memory_order_acquire);
  int64 nextAdj = pp->timerModifiedEarliest.load(std::memory_order_acquire);
  if (next == 0 || (nextAdj != 0 && nextAdj < next)) next = nextAdj;
  return next;
}

int64 checkTimers(p* pp, int64 now, int64* next, bool* ran) {
  *next = 0;
  *ran = false;
  int64 first = nobarrierWakeTime(pp);
  if (first == 0) return now;  // no timers
  if (now == 0) now = nanotime();
  bool own = pp == getg()->m->p;
  // Nothing due: unless a quarter of our own heap is stopped timers, leave it alone.
  if (now < first && (!own || pp->deletedTimers.load() <= pp->numTimers.load() / 4)) {
    *next = first;
    return now;
  }
  lock(&pp->timersLock);
  if (pp->timersLen > 0) {
    adjusttimers(pp, now);
    while (pp->timersLen > 0) {
      // runtimer may unlock and relock pp.timersLock while a timer function runs.
      int64 tw = runtimer(pp, now);
      if (tw != 0) {
        if (tw > 0) *next = tw;
        break;
      }
      *ran = true;
    }
  }
  // Clear a heap of mostly stopped timers (only our own: the others' owners will).
  if (own && int32(pp->deletedTimers.load()) > pp->timersLen / 4) clearDeletedTimers(pp);
  unlock(&pp->timersLock);
  return now;
}

bool timersPending() {
  for (int32 i = 0; i < gomaxprocs; i++)
    if (allp[i]->numTimers.load() > 0) return true;
  return false;
}

void moveTimers(p* to, p* pp) {
  lock(&to->timersLock);
  lock(&pp->timersLock);
  for (int32 i = 0; i < pp->timersLen; i++) {
    timer* t = pp->timers[i];
    for (bool done = false; !done;) {
      uint32 s = t->status.load();
      switch (s) {
        case timerWaiting:
        case timerModifiedEarlier:
        case timerModifiedLater:
          if (!casStatus(t, s, timerMoving)) break;
          if (s != timerWaiting) t->when = t->nextwhen;
          t->pp = nullptr;
          doaddtimer(to, t);
          mustCasStatus(t, timerMoving, timerWaiting);
          done = true;
          break;
        case timerDeleted:
          if (!casStatus(t, s, timerRemoved)) break;
          t->pp = nullptr;
          heapReleased(t);
          done = true;
          break;
        case timerModifying:
          osyield();
          break;
        default:
          badTimer();
      }
    }
    pp->timers[i] = nullptr;
  }
  pp->timersLen = 0;
  pp->numTimers.store(0);
  pp->deletedTimers.store(0);
  pp->timer0When.store(0);
  pp->timerModifiedEarliest.store(0);
  unlock(&pp->timersLock);
  unlock(&to->timersLock);
}

bool timerSleeperClaim(int64 until) {
  if (sleeperBusy.exchange(true)) return false;
  sleeperUntil.store(until);
  return true;
}

void timerSleep(int64 until) {
  while (sleeperWake.load(std::memory_order_acquire) == 0) {
    int64 now = nanotime();
    if (now >= until) break;
    futexsleep(&sleeperWake, 0, until - now);
  }
  // A wake-up that arrives after this store makes the next sleep end at once: harmless.
  sleeperWake.store(0);
  sleeperUntil.store(0);
  sleeperBusy.store(false);
}

void breakTimerSleeper(int64 when) {
  if (!sleeperBusy.load()) return;
  int64 until = sleeperUntil.load();
  if (until != 0 && until <= when) return;  // it wakes in time anyway
  if (sleeperWake.exchange(1, std::memory_order_release) == 0) futexwakeup(&sleeperWake, 1);
}

void wakeTimerSleeper(int64 when) {
  if (sleeperBusy.load())
    breakTimerSleeper(when);
  else
    wakep();
}

// --- Sleep ---------------------------------------------------------------------------------

namespace {

void goroutineReady(void* arg, uintptr) { goready(static_cast<g*>(arg)); }

// resetForSleep: gopark's callback for timeSleep, on g0 once the goroutine is parked: only
// now may its timer start, since it may fire at once, on another M, and ready it.
bool resetForSleep(g*, void* arg) {
  auto* t = static_cast<timer*>(arg);
  resettimer(t, t->nextwhen);
  return true;
}

// Sleep the thread itself, until when on the monotonic clock.
void threadSleepUntil(int64 when) {
  timespec ts = {time_t(when / 1000000000), long(when % 1000000000)};
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
  }
}

}  // namespace

void timeSleep(int64 ns) {
  if (ns <= 0) return;
  int64 when = whenAfter(ns);
  g* gp = getg();
  if (!gp || gp != gp->m->curg) {
    threadSleepUntil(when);
    return;
  }
  // The timer lives on this goroutine's stack: it leaves its heap when it fires, before it
  // readies us, and nothing else touches it.
  timer t;
  t.f = goroutineReady;
  t.arg = gp;
  t.nextwhen = when;
  gopark(resetForSleep, &t, waitReasonSleep);
}

}  // namespace runtime

// --- gocc::time ------------------------------------------------------------------------------

namespace gocc::time {

namespace rt = ::runtime;

// A counted runtime timer and what it does when it fires: fire(ctx), on g0 of an M with a
// P (it must not block); destroy(ctx) when the last reference goes.
struct detail::timerBox {
  rt::timer t;
  void (*fire)(timerBox* b) = nullptr;
  void* ctx = nullptr;
  void (*destroy)(void* ctx) = nullptr;
};

namespace {

detail::timerBox* boxOf(rt::timer* t) {
  return reinterpret_cast<detail::timerBox*>(reinterpret_cast<char*>(t) -
                                             offsetof(detail::timerBox, t));
}

void boxFire(void* arg, rt::uintptr) {
  auto* b = static_cast<detail::timerBox*>(arg);
  b->fire(b);
}

void boxFree(rt::timer* t) {
  detail::timerBox* b = boxOf(t);
  if (b->destroy) b->destroy(b->ctx);
  delete b;
}

// A new counted timer, referenced once (by the handle the caller makes of it), not started.
detail::timerBox* newBox(void (*fire)(detail::timerBox*), void* ctx, void (*destroy)(void*)) {
  auto* b = new detail::timerBox;
  b->fire = fire;
  b->ctx = ctx;
  b->destroy = destroy;
  b->t.f = boxFire;
  b->t.arg = b;
  b->t.free = boxFree;
  b->t.refs.store(1);
  return b;
}

// AfterFunc's timer: its context is the function. Each firing starts a goroutine that calls
// it (Go: goFunc) and holds a reference to the timer until the call returns.
void goFunc(void* arg) {
  auto* b = static_cast<detail::timerBox*>(arg);
  (*static_cast<std::function<void()>*>(b->ctx))();
  detail::timerRelease(b);
}

void afterFuncFire(detail::timerBox* b) {
  rt::timerRetain(&b->t);
  rt::newproc(goFunc, b);
}

// NewTimer's and NewTicker's timers: the context is the channel, and firing sends the current
// time on it without blocking (Go: sendTime), so that a time nobody has received yet stays
// and this one is dropped.
void sendTime(detail::timerBox* b) {
  Time now = Now();
  gocc::detail::chanSend(gocc::detail::handleOf(*static_cast<chan<Time>*>(b->ctx)), &now, false);
}

detail::timerBox* newChanBox(const chan<Time>& c) {
  return newBox(sendTime, new chan<Time>(c),
                [](void* ctx) { delete static_cast<chan<Time>*>(ctx); });
}

}  // namespace

void Sleep(Duration d) { rt::timeSleep(d.count()); }

void detail::timerRetain(timerBox* b) { rt::timerRetain(&b->t); }
void detail::timerRelease(timerBox* b) { rt::timerRelease(&b->t); }

Time Now() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  Time t;
  t.wall_ = int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
  t.mono_ = rt::nanotime();
  return t;
}

bool Timer::Stop() {
  if (!r_.get()) throw std::logic_error("time: Stop called on uninitialized Timer");
  return rt::deltimer(&r_.get()->t);
}

bool Timer::Reset(Duration d) {
  if (!r_.get()) throw std::logic_error("time: Reset called on uninitialized Timer");
  return rt::resettimer(&r_.get()->t, rt::whenAfter(d.count()));
}

Timer AfterFunc(Duration d, std::function<void()> f) {
  auto* fn = new std::function<void()>(std::move(f));
  detail::timerBox* b =
      newBox(afterFuncFire, fn, [](void* ctx) { delete static_cast<std::function<void()>*>(ctx); });
  b->t.when = rt::whenAfter(d.count());
  rt::addtimer(&b->t);
  return Timer(b, chan<Time>());
}

Timer NewTimer(Duration d) {
  chan<Time> c(1);
  detail::timerBox* b = newChanBox(c);
  b->t.when = rt::whenAfter(d.count());
  rt::addtimer(&b->t);
  return Timer(b, std::move(c));
}

chan<Time> After(Duration d) { return NewTimer(d).C; }

Ticker NewTicker(Duration d) {
  if (d.count() <= 0) throw std::invalid_argument("non-positive interval for NewTicker");
  chan<Time> c(1);
  detail::timerBox* b = newChanBox(c);
  b->t.when = rt::whenAfter(d.count());
  b->t.period = d.count();
  rt::addtimer(&b->t);
  return Ticker(b, std::move(c));
}

void Ticker::Stop() {
  if (r_.get()) rt::deltimer(&r_.get()->t);
}

void Ticker::Reset(Duration d) {
  if (d.count() <= 0) throw std::invalid_argument("non-positive interval for Ticker.Reset");
  if (!r_.get()) throw std::logic_error("time: Reset called on uninitialized Ticker");
  rt::timer* t = &r_.get()->t;
  rt::modtimer(t, rt::whenAfter(d.count()), d.count(), t->f, t->arg, t->seq);
}

chan<Time> Tick(Duration d) {
  if (d.count() <= 0) return {};
  return NewTicker(d).C;
}

}  // namespace gocc::time
