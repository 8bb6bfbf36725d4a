// timer.h — timers (Go: time.go): the runtime half of gocc::time, and what the scheduler
// asks of it. timer.cpp's head comment describes the design.
#pragma once
#include "runtime2.h"

namespace runtime {

// The latest time a timer may fire at: "never".
constexpr int64 maxWhen = INT64_MAX;

// A timer: at when (nanotime), and then every period if period > 0, f(arg, seq) runs on
// some M holding a P, with no goroutine of its own (on g0): f must not block.
//
// Who may touch which field (as in Go): the creator sets when, period, f, arg, seq (and
// free) before the timer is first added; afterwards only timer.cpp does, through addtimer,
// deltimer, modtimer and resettimer. A timer that some P's heap holds stays alive until
// the heap lets go of it: a timer with a free function is reference-counted (refs, one
// reference held by the heap while it is in one, the others by its owners, see timerRetain),
// and free(t) runs once the last is gone; one without (a sleeping goroutine's, on its
// stack) must outlive its stay in the heap by construction.
struct timer {
  p* pp = nullptr;  // the P whose heap holds this timer, if any
  int64 when = 0;
  int64 period = 0;
  void (*f)(void* arg, uintptr seq) = nullptr;
  void* arg = nullptr;
  uintptr seq = 0;
  int64 nextwhen = 0;  // the when a timerModified* status stands for
  std::atomic<uint32> status{0};
  std::atomic<int32> refs{0};
  void (*free)(timer* t) = nullptr;
  timer* freelink = nullptr;  // next on the list of timers waiting to be freed
};

// The timer operations. They may be called from goroutines and from threads the runtime
// did not start; none blocks but for the instant another thread holds the timer.
void addtimer(timer* t);  // a new timer (status 0): start it
bool deltimer(timer* t);  // stop it; true if it had not yet run
bool modtimer(timer* t, int64 when, int64 period, void (*f)(void*, uintptr), void* arg,
              uintptr seq);             // change (or restart) it; true if it was pending
bool resettimer(timer* t, int64 when);  // modtimer with the other fields kept
void timerRetain(timer* t);             // one more owner of a counted timer
void timerRelease(timer* t);            // one owner fewer; frees it at the last

// nanotime() + ns, or maxWhen if that overflows (Go: when).
int64 whenAfter(int64 ns);

// timeSleep: park the calling goroutine for at least ns nanoseconds (waitReasonSleep). On a
// thread the runtime did not start, sleep the thread.
void timeSleep(int64 ns);

// --- the scheduler's side ---------------------------------------------------------------

// checkTimers: run pp's timers that are due at now (0: read the clock). Returns the time
// (now, read if it was 0); *next is the when of pp's earliest pending timer (0: none) and
// *ran whether a timer ran. pp is the caller's P, or another P whose timers the caller
// steals while spinning (findrunnable); timer functions run on the caller's P either way.
int64 checkTimers(p* pp, int64 now, int64* next, bool* ran);
// The earliest time any of pp's timers may need to run (0: none), without locking.
int64 nobarrierWakeTime(p* pp);
// Whether any P holds a timer (with sched.lock held, for checkdead).
bool timersPending();
// procresize: move the timers of pp, a P being destroyed, into to's heap.
void moveTimers(p* to, p* pp);

// The timer sleeper (Go: the network poller's role in scheduling timers). An M with nothing
// to run and a timer pending gives up its P and sleeps until the earliest timer, at most one
// M at a time; others park as usual. Adding a timer that must run sooner wakes it.
//
// timerSleeperClaim: become the sleeper, to sleep until `until`; false if an M sleeps
// already. timerSleep then sleeps until `until` or until woken; the sleeper role ends when
// it returns.
bool timerSleeperClaim(int64 until);
void timerSleep(int64 until);
// Wake the sleeper if it would sleep past when.
void breakTimerSleeper(int64 when);
// A timer at when was added or moved earlier: make sure some M will run it in time (Go:
// wakeNetPoller). If an M sleeps for timers, wake it if it would sleep too long; otherwise
// get an idle P going, whose M will find the timer while it looks for work.
void wakeTimerSleeper(int64 when);

}  // namespace runtime
