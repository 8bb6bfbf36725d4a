// proc.cpp — the scheduler and the bootstrap (Go: proc.go).
//
// Goroutine scheduler. The concepts, as in Go:
//   G — goroutine. M — OS thread. P — the right to run Go-style code, with a run queue.
// An M must hold a P to run goroutines. There are GOMAXPROCS Ps. An M with nothing to run
// releases its P (to the idle P list) and sleeps on its park note (the idle M list). When
// a goroutine becomes runnable and a P is idle, wakep starts (or wakes) an M to run it.
//
// Worker parking and unparking, as in Go: an M that runs out of work first "spins" —
// it looks through the global queue and other Ps' queues (stealing half of one) — and only
// then parks. At most half of the busy Ps have a spinning M. wakep starts a new spinning M
// only if there is an idle P and no M spinning yet; an M that stops spinning because it
// found work wakes another. This keeps CPUs busy when work appears without waking a thread
// per goroutine.
//
// Bootstrap (called in order from rt0_go, see docs/bootstrap.md):
//   schedinit → newproc(runtime.main) → mstart → schedule → execute → gogo → runtime.main
//   → (gcenable, sysmon M, doInit1 per library, doInit for the program) → main_main → exit.
// Every goroutine, the main one included, is made by newproc → newproc1, as in Go.
//
// Differences from Go, each for a C++ reason:
//  - No preemption: a goroutine runs until it blocks in the runtime or exits. Go preempts
//    with signals at safe points the compiler marks; C++ code has no such points. sysmon
//    therefore does not retake Ps from long-running goroutines.
//  - System calls are seen only where the program calls the blocking libc functions the
//    runtime wraps (syscall_linux.cpp); a call glibc makes inside itself (fread → read)
//    keeps its P, where Go hands off the P of any cgo call that blocks.
//  - Stacks are fixed (stack.cpp), so newproc has no stack-growth prologue to arrange, and
//    the main goroutine gets a stack as large as the main thread's (newproc1).
//  - Each switch saves and restores the per-thread state C and C++ code keeps for the
//    goroutine: libstdc++'s exception state (ehGlobals) and errno (docs/goroutines.md).
#include "proc.h"

#include <cxxabi.h>
#include <dirent.h>
#include <dlfcn.h>
#include <pthread.h>
#include <setjmp.h>
#include <sys/prctl.h>
#include <unwind.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "alg.h"
#include "chan.h"
#include "cpuflags.h"
#include "libc_next.h"
#include "library.h"
#include "lock_futex.h"
#include "malloc.h"
#include "mgc.h"
#include "os_linux.h"
#include "panic.h"
#include "print.h"
#include "runq.h"
#include "runtime1.h"
#include "signal_unix.h"
#include "stack.h"
#include "stubs.h"
#include "symtab.h"
#include "timer.h"
#include "traceback.h"

namespace runtime {

__thread g* runtime_g;
schedt sched;
m m0;
g g0;
m* allm;
p** allp;
int32 gomaxprocs;
int64 runtimeInitTime;

namespace {

constexpr int32 maxGomaxprocs = 1024;
bool mainStarted;                   // runtime.main has begun: new Ms may start
std::atomic<int32> ngoroutines{0};  // goroutines not yet exited, system ones included
int32 allpLen;                      // len(allp); cap is maxGomaxprocs
int32 allpMade;                     // Ps ever made: allp[0, allpMade) are non-null

// --- status --------------------------------------------------------------------------

// casgstatus: move gp from oldval to newval. Only one party can own a given transition (the
// M running gp, or whoever readies it, which the lock it was parked under orders after the
// park), so this is a check and a release store, not Go's compare-and-swap, which Go needs
// because its garbage collector sets scan bits in the same word. Readers elsewhere
// (tracebacks, checkdead) load it with acquire ordering.
void casgstatus(g* gp, uint32 oldval, uint32 newval) {
  uint32 actual = gp->atomicstatus.load(std::memory_order_relaxed);
  if (actual != oldval) {
    print("runtime: casgstatus: oldval=", oldval, " newval=", newval, " actual=", actual, "\n");
    throw_("casgstatus: bad incoming values");
  }
  gp->atomicstatus.store(newval, std::memory_order_release);
}

// --- Ms ------------------------------------------------------------------------------

// Reserve the next M id, enforcing the thread limit. Called with sched.lock held.
int64 mReserveID() {
  int64 id = sched.mnext++;
  if (sched.mnext > sched.maxmcount) {
    print("runtime: program exceeds ", sched.maxmcount, "-thread limit\n");
    fatal("thread exhaustion");
  }
  return id;
}

int32 mcount() { return int32(sched.mnext); }

// The deadlock report. An idle M's g0 reports as fatal does (its own stack only from
// GOTRACEBACK=system); a thread the runtime did not start, which finds the deadlock as it
// ends, has no goroutine to show and lists the others only.
[[noreturn]] void fatalDeadlock(const char* reason) {
  if (getg()) fatal(reason);
  fatalGoroutinesOnly(reason);
}

// checkdead: Go's deadlock detection. Called with sched.lock held whenever an M goes idle
// (mput, stoplockedm), when sysmon starts, and when a thread the runtime did not start ends.
// The program is dead when no M runs (every M is idle, idle and locked to a parked goroutine,
// or sysmon), no thread of the program's own lives (sched.nforeign: it could still send or
// start a goroutine), nothing is queued, no timer is pending, and every goroutine of the
// program waits in the runtime. An M in a system call is not idle, so a goroutine blocked in
// the kernel never counts as asleep. The report lists every goroutine with its wait reason,
// at GOTRACEBACK's level, and exits 2 (Go's fatal). checkdead releases sched.lock before
// reporting, so that the report's scheduler trace (GODEBUG=scheddetail) can read the
// scheduler.
void checkdead() {
  // A crash is being reported: its thread is about to exit the process.
  if (panicStarted()) return;
  // No program runs on the scheduler (a unit test's process, which links the runtime without
  // booting it): nobody could be deadlocked.
  if (!mainStarted) return;
  // A library (Go: islibrary || isarchive): the host's threads may call in at any time.
  if (islibrary) return;

  int32 run = mcount() - sched.nmidle - sched.nmidlelocked - sched.nmsys;
  if (run > 0) return;
  if (run < 0) {
    print("runtime: checkdead: nmidle=", sched.nmidle, " nmidlelocked=", sched.nmidlelocked,
          " mcount=", mcount(), " nmsys=", sched.nmsys, "\n");
    throw_("checkdead: inconsistent counts");
  }
  if (sched.nforeign.load() > 0) return;
  if (sched.runqsize > 0) return;
  for (int32 i = 0; i < allpLen; i++)
    if (!runqempty(allp[i])) return;

  // Every M is idle: the program's goroutines should all be parked. One that is not is on
  // its way to a run queue (readied by a thread that has just gone idle): not dead yet.
  int32 waiting = 0;
  for (g* gp = allgs.load(std::memory_order_acquire); gp;
       gp = gp->alllink.load(std::memory_order_acquire)) {
    if (gp->issystem) continue;
    uint32 st = gp->atomicstatus.load();
    if (st == Gwaiting)
      waiting++;
    else if (st != Gdead && st != Gidle)
      return;
  }
  if (waiting == 0) {  // the main goroutine called Goexit and every other one has ended
    unlock(&sched.lock);
    fatalDeadlock("no goroutines (main called runtime.Goexit) - deadlock!");
  }

  // Nothing runs, so the Ps' timers hold still: one pending will ready someone (or is an
  // M's to run).
  if (timersPending()) return;

  unlock(&sched.lock);
  fatalDeadlock("all goroutines are asleep - deadlock!");
}

void mput(m* mp) {  // sched.lock held
  mp->schedlink = sched.midle;
  sched.midle = mp;
  sched.nmidle++;
  checkdead();
}

m* mget() {  // sched.lock held
  m* mp = sched.midle;
  if (mp) {
    sched.midle = mp->schedlink;
    sched.nmidle--;
  }
  return mp;
}

}  // namespace

// mcommoninit: what every M needs before its thread starts (m0 in schedinit, the others in
// newm): its id (id, or the next free one if id < 0), its signal stack (mpreinit), and a place
// on allm. Takes sched.lock, as Go's does.
extern "C" void mcommoninit(m* mp, int64 id) GO_NAME(mcommoninit);
extern "C" void mcommoninit(m* mp, int64 id) {
  lock(&sched.lock);
  mp->id = id >= 0 ? id : mReserveID();
  mpreinit(mp);
  mp->alllink = allm;
  allm = mp;
  unlock(&sched.lock);
}

namespace {

// --- Ps ------------------------------------------------------------------------------

void pidleput(p* pp) {  // sched.lock held
  if (!runqempty(pp)) throw_("pidleput: P has non-empty run queue");
  pp->status.store(Pidle);
  pp->link = sched.pidle;
  sched.pidle = pp;
  sched.npidle.fetch_add(1);
}

p* pidleget() {  // sched.lock held
  p* pp = sched.pidle;
  if (pp) {
    sched.pidle = pp->link;
    sched.npidle.fetch_sub(1);
  }
  return pp;
}

void acquirep(p* pp) {
  m* mp = getg()->m;
  if (mp->p || pp->m || pp->status.load() != Pidle) {
    print("acquirep: p->m=", hex(pp->m), " p->status=", pp->status.load(), "\n");
    throw_("acquirep: invalid p state");
  }
  mp->p = pp;
  pp->m = mp;
  pp->status.store(Prunning);
}

p* releasep() {
  m* mp = getg()->m;
  p* pp = mp->p;
  if (!pp || pp->m != mp || pp->status.load() != Prunning) throw_("releasep: invalid p state");
  mp->p = nullptr;
  pp->m = nullptr;
  pp->status.store(Pidle);
  return pp;
}

// --- G free lists ----------------------------------------------------------------------

// Keep a dead G for reuse. Its stack went back to the stack pool already.
void gfput(p* pp, g* gp) {
  gp->schedlink = pp->gfree;
  pp->gfree = gp;
  pp->gfreecnt++;
  if (pp->gfreecnt >= 64) {  // move half to the global list
    lock(&sched.gflock);
    while (pp->gfreecnt >= 32) {
      g* x = pp->gfree;
      pp->gfree = x->schedlink;
      pp->gfreecnt--;
      x->schedlink = sched.gfree;
      sched.gfree = x;
      sched.ngfree++;
    }
    unlock(&sched.gflock);
  }
}

// A dead G and its stack go back for reuse: a default-size stack holds its G and is pooled
// with it (stack.cpp); another stack is unmapped, and its G goes to the free list.
void gfreeStack(p* pp, g* gp) {
  if (stackHoldsG(gp)) {
    stackgput(pp, gp);
    return;
  }
  stackfree(gp->stk);
  gp->stk = {};
  if (pp) {
    gfput(pp, gp);
    return;
  }
  lock(&sched.gflock);
  gp->schedlink = sched.gfree;
  sched.gfree = gp;
  sched.ngfree++;
  unlock(&sched.gflock);
}

g* gfget(p* pp) {
  if (!pp->gfree && sched.gfree) {
    lock(&sched.gflock);
    while (pp->gfreecnt < 32 && sched.gfree) {
      g* x = sched.gfree;
      sched.gfree = x->schedlink;
      sched.ngfree--;
      x->schedlink = pp->gfree;
      pp->gfree = x;
      pp->gfreecnt++;
    }
    unlock(&sched.gflock);
  }
  g* gp = pp->gfree;
  if (gp) {
    pp->gfree = gp->schedlink;
    pp->gfreecnt--;
  }
  return gp;
}

// Lay out a new goroutine's stack so that gogo "returns" into runtime.goexit with zeroed
// callee-saved registers (the context of asm_offsets.h), below the reserve bytes at the
// stack's top (gocc::go's closure).
void gostartcall(g* gp, uintptr reserve) {
  uintptr sp = (gp->stk.hi - reserve - CTX_SIZE) & ~uintptr(15);
  memset(reinterpret_cast<void*>(sp), 0, CTX_SIZE);
  *reinterpret_cast<uintptr*>(sp + CTX_PC) = reinterpret_cast<uintptr>(&goexit);
  gp->sched.sp = sp;
}

// --- switching --------------------------------------------------------------------------

// Save the per-thread state of C and C++ that belongs to the goroutine leaving the thread
// (on g0, after mcall): libstdc++'s exception state and errno. execute puts them back on
// whichever M runs the goroutine next. Called at every switch away from a goroutine that
// will run again; g0's own work in between (futexes, thread creation) may change errno.
void saveEHState(g* gp) {
  memcpy(&gp->eh, abi::__cxa_get_globals(), sizeof(ehGlobals));
  gp->savedErrno = errno;
}

}  // namespace

// execute: run gp on the current M. Never returns.
extern "C" [[noreturn]] void execute(g* gp, bool inheritTime) GO_NAME(execute);
extern "C" void execute(g* gp, bool inheritTime) {
  m* mp = getg()->m;
  mp->curg = gp;
  gp->m = mp;
  casgstatus(gp, Grunnable, Grunning);
  if (!inheritTime) mp->p->schedtick++;
  memcpy(abi::__cxa_get_globals(), &gp->eh, sizeof(ehGlobals));
  errno = gp->savedErrno;
  gogo(gp);
}

extern "C" void sysmon() GO_NAME(sysmon);

namespace {

void dropg() {
  m* mp = getg()->m;
  mp->curg->m = nullptr;
  mp->curg = nullptr;
}

// newm: create a new M, with its own OS thread, that will run fn (if any) and then
// schedule with pp (if any).
void newm(void (*fn)(), p* pp, int64 id) {
  auto* mp = new (mcache.alloc()) m;
  auto* g0p = new (gcache.alloc()) g;
  mp->g0 = g0p;
  g0p->m = mp;
  g0p->atomicstatus.store(Grunning);
  mp->mstartfn = fn;
  mp->nextp = pp;
  mp->blocksSignals = fn == sysmon;  // the one M that never runs a goroutine
  mcommoninit(mp, id);
  newosproc(mp);
}

// stopm: park this M until someone hands it a P (in m.nextp) and wakes it.
void stopm() {
  m* mp = getg()->m;
  if (mp->p) throw_("stopm holding p");
  if (mp->spinning) throw_("stopm spinning");
  lock(&sched.lock);
  mput(mp);
  unlock(&sched.lock);
  notesleep(&mp->park);
  noteclear(&mp->park);
  acquirep(mp->nextp);
  mp->nextp = nullptr;
}

// mspinning: an M started by wakep begins life spinning.
void mspinning() { getg()->m->spinning = true; }

// startm: run some M (an idle one, or a new one) with pp (an idle P if null).
void startm(p* pp, bool spinning) {
  lock(&sched.lock);
  if (!pp) {
    pp = pidleget();
    if (!pp) {
      unlock(&sched.lock);
      if (spinning) sched.nmspinning.fetch_sub(1);
      return;
    }
  }
  m* nmp = mget();
  if (!nmp) {
    int64 id = mReserveID();
    unlock(&sched.lock);
    newm(spinning ? mspinning : nullptr, pp, id);
    return;
  }
  unlock(&sched.lock);
  if (nmp->spinning || nmp->nextp) throw_("startm: m is spinning or has a p");
  nmp->spinning = spinning;
  nmp->nextp = pp;
  notewakeup(&nmp->park);
}

}  // namespace

void wakep() {
  if (sched.npidle.load() == 0) return;
  int32 zero = 0;
  if (sched.nmspinning.load() != 0 || !sched.nmspinning.compare_exchange_strong(zero, 1)) return;
  startm(nullptr, true);
}

namespace {

// handoffp: this M is giving up pp (it blocks locked to a goroutine): give pp to an M
// that can use it, or put it on the idle list.
void handoffp(p* pp) {
  if (!runqempty(pp) || sched.runqsize > 0) {
    startm(pp, false);
    return;
  }
  if (sched.nmspinning.load() + sched.npidle.load() == 0) {
    int32 zero = 0;
    if (sched.nmspinning.compare_exchange_strong(zero, 1)) {
      startm(pp, true);
      return;
    }
  }
  lock(&sched.lock);
  if (sched.gcwaiting.load()) {
    pp->status.store(Pgcstop);
    if (--sched.stopwait == 0) notewakeup(&sched.stopnote);
    unlock(&sched.lock);
    return;
  }
  if (sched.runqsize > 0) {
    unlock(&sched.lock);
    startm(pp, false);
    return;
  }
  // pp's timers need an M that will run them in time (not with sched.lock held: wakep
  // takes it).
  int64 when = nobarrierWakeTime(pp);
  pidleput(pp);
  unlock(&sched.lock);
  if (when != 0) wakeTimerSleeper(when);
}

// stoplockedm: this M is locked to a goroutine that has parked: hand off the P and sleep
// until the goroutine is runnable again and someone gives us a P to run it.
void stoplockedm() {
  m* mp = getg()->m;
  if (mp->p) handoffp(releasep());
  lock(&sched.lock);
  sched.nmidlelocked++;
  checkdead();
  unlock(&sched.lock);
  notesleep(&mp->park);  // startlockedm undoes nmidlelocked++ before waking us
  noteclear(&mp->park);
  acquirep(mp->nextp);
  mp->nextp = nullptr;
}

// startlockedm: gp is locked to another M: give it our P and wake it; then sleep.
void startlockedm(g* gp) {
  m* mp = gp->lockedm;
  if (mp == getg()->m) throw_("startlockedm: locked to me");
  if (mp->nextp) throw_("startlockedm: m has p");
  // The locked M stops being idle now, not when it wakes: otherwise checkdead, run by our
  // stopm below, could see every M idle while the goroutine is about to run.
  lock(&sched.lock);
  sched.nmidlelocked--;
  unlock(&sched.lock);
  mp->nextp = releasep();
  notewakeup(&mp->park);
  stopm();
}

// gcstopm: stop the current M for stop-the-world.
void gcstopm() {
  m* mp = getg()->m;
  if (!sched.gcwaiting.load()) throw_("gcstopm: not waiting for gc");
  if (mp->spinning) {
    mp->spinning = false;
    sched.nmspinning.fetch_sub(1);
  }
  p* pp = releasep();
  lock(&sched.lock);
  pp->status.store(Pgcstop);
  if (--sched.stopwait == 0) notewakeup(&sched.stopnote);
  unlock(&sched.lock);
  stopm();
}

void resetspinning() {
  m* mp = getg()->m;
  if (!mp->spinning) throw_("resetspinning: not a spinning m");
  mp->spinning = false;
  if (sched.nmspinning.fetch_sub(1) - 1 < 0) throw_("findrunnable: negative nmspinning");
  // We found work: another idle P may get some too.
  wakep();
}

bool anyRunqNonEmpty() {
  for (int32 i = 0; i < allpLen; i++)
    if (!runqempty(allp[i])) return true;
  return false;
}

}  // namespace

// findrunnable: find a goroutine to run, looking locally, globally and in other Ps' queues
// (stealing, of goroutines and of due timers); park the M if there is none, until the
// earliest timer if one is pending. Returns with a goroutine and a P.
extern "C" g* findrunnable(bool* inheritTime) GO_NAME(findrunnable);
extern "C" g* findrunnable(bool* inheritTime) {
  m* mp = getg()->m;
top:
  p* pp = mp->p;
  if (sched.gcwaiting.load()) {
    gcstopm();
    goto top;
  }
  // Run our due timers; pollUntil is the earliest pending one (0: none).
  int64 pollUntil;
  bool ranTimer;
  int64 now = checkTimers(pp, 0, &pollUntil, &ranTimer);
  if (g* gp = runqget(pp, inheritTime)) return gp;
  if (sched.runqsize > 0) {
    lock(&sched.lock);
    g* gp = globrunqget(pp, 0);
    unlock(&sched.lock);
    if (gp) {
      *inheritTime = false;
      return gp;
    }
  }

  // Spin: steal from other Ps. Limit spinning Ms to half the busy Ps.
  int32 procs = gomaxprocs;
  if (mp->spinning || 2 * sched.nmspinning.load() < procs - sched.npidle.load()) {
    if (!mp->spinning) {
      mp->spinning = true;
      sched.nmspinning.fetch_add(1);
    }
    ranTimer = false;
    for (int attempt = 0; attempt < 4; attempt++) {
      // The last attempt also runs the other Ps' due timers (Go: stealWork), before taking
      // their runnext, the last resort.
      bool stealTimers = attempt == 3;
      uint32 start = fastrandn(uint32(procs));
      for (int32 i = 0; i < procs; i++) {
        p* p2 = allp[(start + i) % procs];
        if (p2 == pp) continue;
        if (stealTimers) {
          int64 w;
          bool ran;
          now = checkTimers(p2, now, &w, &ran);
          if (w != 0 && (pollUntil == 0 || w < pollUntil)) pollUntil = w;
          if (ran) {
            // The timers readied their goroutines onto our queue.
            if (g* gp = runqget(pp, inheritTime)) return gp;
            ranTimer = true;
          }
        }
        if (g* gp = runqsteal(pp, p2, stealTimers)) {
          *inheritTime = false;
          return gp;
        }
      }
      if (sched.gcwaiting.load()) goto top;
    }
    if (ranTimer) goto top;  // a timer may have made work elsewhere
  }

  // Nothing to do: give up the P, then look once more before sleeping, since a goroutine
  // may have been readied between our checks and the P becoming idle.
  lock(&sched.lock);
  if (sched.gcwaiting.load()) {
    unlock(&sched.lock);
    goto top;
  }
  if (sched.runqsize > 0) {
    g* gp = globrunqget(pp, 0);
    unlock(&sched.lock);
    *inheritTime = false;
    return gp;
  }
  if (releasep() != pp) throw_("findrunnable: wrong p");
  pidleput(pp);
  unlock(&sched.lock);

  bool wasSpinning = mp->spinning;
  if (mp->spinning) {
    mp->spinning = false;
    if (sched.nmspinning.fetch_sub(1) - 1 < 0) throw_("findrunnable: negative nmspinning");
  }
  if (wasSpinning && (anyRunqNonEmpty() || sched.runqsize > 0)) {
    lock(&sched.lock);
    pp = pidleget();
    unlock(&sched.lock);
    if (pp) {
      acquirep(pp);
      mp->spinning = true;
      sched.nmspinning.fetch_add(1);
      goto top;
    }
  }
  // A timer may have been added, or moved earlier, on any P while we looked: take the
  // earliest of them all, without locks (Go does this on a spinning M only; a thread the
  // runtime did not start may add timers to an idle P, so every M does it here).
  for (int32 i = 0; i < procs; i++) {
    int64 w = nobarrierWakeTime(allp[i]);
    if (w != 0 && (pollUntil == 0 || w < pollUntil)) pollUntil = w;
  }
  // Sleep until the earliest timer, if no other M does (Go: the netpoll block), then look
  // again with whichever P is idle.
  if (pollUntil != 0 && timerSleeperClaim(pollUntil)) {
    timerSleep(pollUntil);
    lock(&sched.lock);
    pp = pidleget();
    unlock(&sched.lock);
    if (pp) {
      acquirep(pp);
      if (wasSpinning) {
        mp->spinning = true;
        sched.nmspinning.fetch_add(1);
      }
      goto top;
    }
  } else if (pollUntil != 0) {
    breakTimerSleeper(pollUntil);  // the sleeper must not sleep past our earliest timer
  }
  stopm();
  goto top;
}

// schedule: one round of the scheduler: find a runnable goroutine and run it. Runs on g0;
// never returns.
extern "C" [[noreturn]] void schedule() GO_NAME(schedule);
extern "C" void schedule() {
  m* mp = getg()->m;
  if (getg() != mp->g0) throw_("schedule: not on g0");
  if (mp->lockedg) {
    stoplockedm();
    execute(mp->lockedg, false);  // never returns
  }
top:
  p* pp = mp->p;
  if (sched.gcwaiting.load()) {
    gcstopm();
    goto top;
  }
  g* gp = nullptr;
  bool inheritTime = false;
  // Check the global queue once in a while, so that a P busy with its local queue cannot
  // starve it.
  if (pp->schedtick % 61 == 0 && sched.runqsize > 0) {
    lock(&sched.lock);
    gp = globrunqget(pp, 1);
    unlock(&sched.lock);
  }
  if (!gp) {
    // Due timers first: they may ready goroutines (Go runs them at every round).
    int64 next;
    bool ran;
    checkTimers(pp, 0, &next, &ran);
    gp = runqget(pp, &inheritTime);
  }
  if (!gp) gp = findrunnable(&inheritTime);
  if (mp->spinning) resetspinning();
  if (gp->lockedm) {
    // Hand off our P to the M gp is locked to, and wait for a new P.
    startlockedm(gp);
    goto top;
  }
  execute(gp, inheritTime);
}

namespace {

// park_m: gopark continued on g0.
void park_m(g* gp) {
  m* mp = getg()->m;
  saveEHState(gp);
  casgstatus(gp, Grunning, Gwaiting);
  dropg();
  if (mp->waitunlockf) {
    auto fn = mp->waitunlockf;
    mp->waitunlockf = nullptr;
    bool ok = fn(gp, mp->waitlock);
    mp->waitlock = nullptr;
    if (!ok) {
      casgstatus(gp, Gwaiting, Grunnable);
      execute(gp, true);
    }
  }
  schedule();
}

// goexit0: the goroutine's function returned; on g0, free it.
void goexit0(g* gp) {
  m* mp = getg()->m;
  p* pp = mp->p;
  casgstatus(gp, Grunning, Gdead);
  if (gp->issystem) sched.ngsys.fetch_sub(1);
  ngoroutines.fetch_sub(1);
  gp->m = nullptr;
  // A goroutine that ends locked leaves its thread to the pool (Go ends the thread instead:
  // docs/goroutines.md).
  gp->lockedm = nullptr;
  mp->lockedg = nullptr;
  mp->lockedExt = 0;
  mp->lockedInt = 0;
  gp->startfn = nullptr;
  gp->startarg = nullptr;
  gp->startpc = 0;
  gp->param = nullptr;
  gp->waitreason = waitReasonZero;
  gp->eh = {};
  gp->savedErrno = 0;
  mp->curg = nullptr;
  // The main goroutine ends only by Goexit. Its stack was mapped for it alone, at the main
  // thread's size: it stays, with its G, out of the pools.
  if (gp->mainStackBytes) schedule();
  gfreeStack(pp, gp);
  schedule();
}

// gosched_m: Gosched continued on g0 (Go: gosched_m, goschedImpl): the goroutine goes to the
// back of the global run queue, and this M schedules.
void gosched_m(g* gp) {
  saveEHState(gp);
  casgstatus(gp, Grunning, Grunnable);
  dropg();
  lock(&sched.lock);
  globrunqput(gp);
  unlock(&sched.lock);
  schedule();
}

bool parkunlockMutex(g*, void* l) {
  unlock(static_cast<mutex*>(l));
  return true;
}

void wakepOnSystemStack(void*) { wakep(); }

}  // namespace

// goexit1: runtime.goexit's C++ half: run the goroutine's function, then end the goroutine.
extern "C" [[noreturn]] void goexit1(g* gp) GO_NAME(goexit1);
extern "C" void goexit1(g* gp) {
  gp->startfn(gp->startarg);
  mcall(goexit0);
  __builtin_unreachable();
}

void gopark(bool (*unlockf)(g*, void*), void* lock, waitReason reason) {
  m* mp = getg()->m;
  g* gp = mp->curg;
  if (gp != getg()) throw_("gopark: not on a user goroutine");
  mp->waitunlockf = unlockf;
  mp->waitlock = lock;
  gp->waitreason = reason;
  mcall(park_m);
}

void goparkunlock(mutex* l, waitReason reason) { gopark(parkunlockMutex, l, reason); }

// goready (Go: ready, which runs on the system stack): the goroutine goes into this P's
// runnext, on the caller's own stack, since it cannot move to another M meanwhile. Only
// starting an M (wakep, rarely needed: an idle P and no M spinning) switches to g0, whose
// stack is large enough to create a thread. Its wakep is guarded as newproc's is, which Go's
// need not be: gocc's gcenable runs before mainStarted, and its scavenger readies the main
// goroutine, which must stay on m0 (see runtime.main).
void goready(g* gp) {
  casgstatus(gp, Gwaiting, Grunnable);
  runqput(getg()->m->p, gp, true);
  if (mainStarted && sched.npidle.load() != 0 && sched.nmspinning.load() == 0)
    systemstack(wakepOnSystemStack, nullptr);
}

bool onUserGoroutine() {
  g* gp = getg();
  return gp && gp == gp->m->curg;
}

void goreadyAnywhere(g* gp) {
  g* self = getg();
  if (self && self->m->p)
    goready(gp);
  else
    injectglist(gp);
}

void injectglist(g* gp) {
  casgstatus(gp, Gwaiting, Grunnable);
  lock(&sched.lock);
  globrunqput(gp);
  unlock(&sched.lock);
  if (sched.npidle.load() > 0) startm(nullptr, false);
}

void Gosched() {
  g* gp = getg();
  if (!gp || gp != gp->m->curg) {  // a thread the runtime did not start, or g0
    osyield();
    return;
  }
  mcall(gosched_m);
}

// --- LockOSThread -------------------------------------------------------------------------
//
// A goroutine locked to its M runs only there, and the M runs nothing else (schedule hands
// the P on while it is parked: stoplockedm, startlockedm). Two nesting counts decide, as in
// Go: the program's LockOSThread calls (lockedExt) and the runtime's own (lockedInt, e.g.
// runtime.main's around the init tasks); the goroutine is unlocked when both are zero.

namespace {
void dolockOSThread() {
  g* gp = getg();
  gp->m->lockedg = gp;
  gp->lockedm = gp->m;
}

void dounlockOSThread() {
  g* gp = getg();
  if (gp->m->lockedInt != 0 || gp->m->lockedExt != 0) return;
  gp->m->lockedg = nullptr;
  gp->lockedm = nullptr;
}

}  // namespace

void lockOSThread() {
  getg()->m->lockedInt++;
  dolockOSThread();
}

void unlockOSThread() {
  m* mp = getg()->m;
  if (mp->lockedInt == 0) throw_("runtime: internal error: misuse of lockOSThread/unlockOSThread");
  mp->lockedInt--;
  dounlockOSThread();
}

void LockOSThread() {
  if (!onUserGoroutine()) return;
  m* mp = getg()->m;
  if (mp->lockedExt == UINT32_MAX) fatal("LockOSThread nesting overflow");
  mp->lockedExt++;
  dolockOSThread();
}

void UnlockOSThread() {
  if (!onUserGoroutine()) return;
  m* mp = getg()->m;
  if (mp->lockedExt == 0) return;
  mp->lockedExt--;
  dounlockOSThread();
}

// --- system calls ----------------------------------------------------------------------
//
// A goroutine about to block in the kernel (a libc call that syscall_linux.cpp wraps) calls
// entersyscall first and exitsyscall after, as Go's syscall package does. entersyscall keeps
// the M but lets go of its P without giving it to anyone: the P is left in Psyscall, with
// p.m null and m.oldp pointing at it. A short call then costs a few atomic operations: on
// return, exitsyscall takes the same P back with one compare-and-swap (exitsyscallfast). A
// long call loses it: sysmon, which looks at every P each tick, takes a P it has seen in
// the same system call on two ticks in a row (p.syscalltick unchanged, so at least 20 µs)
// and hands it to another M (retake → handoffp), which runs the P's other goroutines. On
// return such a goroutine needs a P: an idle one if there is one, else it goes on the global
// run queue and its M stops (exitsyscall0). A goroutine locked to its thread waits on that M
// until someone hands it a P (stoplockedm), so it keeps its M.
//
// Invariants: a goroutine is Gsyscall exactly between the two calls, runs no runtime code
// that needs a P meanwhile, and its M holds no P (m.p null, m.oldp the one it may take back).
// Whoever moves a P out of Psyscall (exitsyscallfast, retake, stop-the-world) does it with a
// compare-and-swap, so exactly one of them owns it afterwards. An M in a system call is not
// idle: checkdead counts it as running, since its call may return and ready others.

namespace {
// entersyscall found a stop-the-world waiting for this P: give it up now, as a running P
// would at its next schedule.
void entersyscallGcwait(p* pp) {
  lock(&sched.lock);
  uint32 expected = Psyscall;
  if (sched.stopwait > 0 && pp->status.compare_exchange_strong(expected, Pgcstop)) {
    if (--sched.stopwait == 0) notewakeup(&sched.stopnote);
  }
  unlock(&sched.lock);
}

}  // namespace

extern "C" void entersyscall() {
  g* gp = getg();
  m* mp = gp->m;
  frameStart caller = GOCC_CALLER_FRAME();
  gp->syscallpc = caller.pc;
  gp->syscallbp = caller.fp;
  gp->syscallsp = caller.sp;
  casgstatus(gp, Grunning, Gsyscall);
  p* pp = mp->p;
  pp->m = nullptr;
  mp->oldp = pp;
  mp->p = nullptr;
  // Sequentially consistent, as sysmon's sysmonwait store and its look at the Ps are: either
  // sysmon sees this P in Psyscall before it sleeps, or this sees sysmon asleep.
  pp->status.store(Psyscall);
  if (sched.sysmonwait.load()) wakeSysmon();  // it sleeps for want of work: there is some
  if (sched.gcwaiting.load()) entersyscallGcwait(pp);
}

namespace {
// exitsyscallfast: take a P without leaving the goroutine: the one it had, if nobody took it
// meanwhile, else an idle one.
bool exitsyscallfast(p* oldp) {
  m* mp = getg()->m;
  uint32 expected = Psyscall;
  if (oldp && oldp->status.compare_exchange_strong(expected, Prunning)) {
    mp->p = oldp;
    oldp->m = mp;
    return true;
  }
  if (sched.npidle.load() > 0) {
    lock(&sched.lock);
    p* pp = pidleget();
    unlock(&sched.lock);
    if (pp) {
      acquirep(pp);
      return true;
    }
  }
  return false;
}

// exitsyscall0: exitsyscall continued on g0 when no P was free: run gp at once if a P has
// become idle, else queue it globally and stop this M (or, if gp is locked to this M, wait
// here until a P is handed over to run it).
void exitsyscall0(g* gp) {
  saveEHState(gp);
  casgstatus(gp, Gsyscall, Grunnable);
  dropg();
  lock(&sched.lock);
  p* pp = pidleget();
  bool locked = false;
  if (!pp) {
    globrunqput(gp);
    locked = gp->lockedm != nullptr;
  }
  unlock(&sched.lock);
  if (pp) {
    acquirep(pp);
    execute(gp, false);
  }
  if (locked) {
    stoplockedm();
    execute(gp, false);
  }
  stopm();
  schedule();
}
}  // namespace

namespace {
// Count a system call's end on the P this M holds. Only the P's owner changes syscalltick
// (sysmon owns a P it has retaken), so a plain increment will do; sysmon reads it racily.
void syscallEnded(p* pp) {
  pp->syscalltick.store(pp->syscalltick.load(std::memory_order_relaxed) + 1,
                        std::memory_order_relaxed);
}
}  // namespace

extern "C" void exitsyscall() {
  g* gp = getg();
  m* mp = gp->m;
  p* oldp = mp->oldp;
  mp->oldp = nullptr;
  if (exitsyscallfast(oldp)) {
    syscallEnded(mp->p);
    casgstatus(gp, Gsyscall, Grunning);
  } else {
    mcall(exitsyscall0);
    syscallEnded(gp->m->p);  // running again, with a P, perhaps on another M
  }
  gp->syscallsp = gp->syscallpc = gp->syscallbp = 0;
}

namespace {
// isSystemGoroutine: whether a goroutine starting with fn is one the runtime runs for itself:
// not counted by NumGoroutine, and shown in tracebacks only from GOTRACEBACK=system. Go
// counts every runtime.* function but runtime.main (and the finalizer goroutine); gocc's
// runtime starts one such goroutine, the scavenger.
bool isSystemGoroutine(void (*fn)(void*)) { return fn == bgscavenge; }
}  // namespace

// newproc1: make a runnable goroutine that will run fn(arg), created at callerpc (kept for
// "created by" in tracebacks), with a stack of stackSize bytes (0: the default; see
// stackSizeFor) whose top reserve bytes are left to the caller (gocc::go builds its closure
// there), and return it; the caller queues it (Go: newproc1). A default-size goroutine's G
// lives on its stack and comes with it from the stack pool; for other sizes the G is a dead
// one from the free lists, else a new one, and the stack a mapping of its own.
//
// The first goroutine, goid 1, is the main goroutine: rt0_go makes it, for runtime.main,
// before any other. It will run the program's main, which C++ runs on the main thread's stack,
// so it gets a stack as large as that (mainstackalloc: RLIMIT_STACK, unlimited meaning Go's
// 1 GB, with the kernel's 1 MiB gap below). Go needs no such case: its stacks grow.
extern "C" g* newproc1(void (*fn)(void*), void* arg, uintptr callerpc, uintptr stackSize,
                       uintptr reserve) GO_NAME(newproc1);
extern "C" g* newproc1(void (*fn)(void*), void* arg, uintptr callerpc, uintptr stackSize,
                       uintptr reserve) {
  g* self = getg();
  p* pp = self && self->m->p ? self->m->p : nullptr;
  uintptr size = stackSizeFor(stackSize);
  g* newg;
  if (sched.goidgen.load() != 0 && size == defaultStackSize) {
    newg = stackgget(pp);
  } else {
    newg = pp ? gfget(pp) : nullptr;
    if (!newg) {
      newg = new (gcache.alloc()) g;
      casgstatus(newg, Gidle, Gdead);  // tracebacks skip it until it is runnable
      allgadd(newg);
    }
    if (sched.goidgen.load() == 0) {
      newg->stk = mainstackalloc();
      newg->mainStackBytes = newg->stk.hi - newg->stk.lo;
    } else {
      newg->stk = stackalloc(size);
    }
  }
  newg->goid = sched.goidgen.fetch_add(1) + 1;
  gostartcall(newg, reserve);
  newg->startfn = fn;
  newg->startarg = arg;
  newg->gopc = callerpc;
  g* creator = self ? self->m->curg : nullptr;
  newg->parentGoid = creator ? creator->goid : 0;
  newg->issystem = isSystemGoroutine(fn);
  if (newg->issystem) sched.ngsys.fetch_add(1);
  ngoroutines.fetch_add(1);
  casgstatus(newg, Gdead, Grunnable);
  return newg;
}

// newproc: start a goroutine running fn(arg): what Go's `go` statement compiles to. It goes
// into the current P's runnext, to run next, and an idle P is put to work if there is one.
// Before runtime.main sets mainStarted no other M may start (Go guards this wakep the same
// way): rt0_go's main goroutine and gcenable's scavenger run on m0.
extern "C" void newproc(void (*fn)(void*), void* arg) {
  g* newg = newproc1(fn, arg, reinterpret_cast<uintptr>(__builtin_return_address(0)), 0, 0);
  runqput(getg()->m->p, newg, true);
  if (mainStarted) wakep();
}

// newprocQueue: newproc's second half for a goroutine newproc1 made. From a goroutine, as
// newproc; from a thread the runtime did not start (std::thread), which has no P and so no
// local run queue, the goroutine goes on the global run queue and an idle P is started for it.
void newprocQueue(g* newg) {
  g* gp = getg();
  if (gp && gp->m->p) {
    runqput(gp->m->p, newg, true);
    if (mainStarted) wakep();
    return;
  }
  lock(&sched.lock);
  globrunqput(newg);
  unlock(&sched.lock);
  if (sched.npidle.load() > 0) startm(nullptr, false);
}

// newprocCancel: undo newproc1 for a goroutine that never ran (building gocc::go's closure
// threw).
void newprocCancel(g* newg) {
  casgstatus(newg, Grunnable, Gdead);
  if (newg->issystem) sched.ngsys.fetch_sub(1);
  ngoroutines.fetch_sub(1);
  newg->startfn = nullptr;
  newg->startarg = nullptr;
  g* gp = getg();
  gfreeStack(gp && gp->m->p ? gp->m->p : nullptr, newg);
}

// mstart0/mstart1: the M's first steps on its g0 stack (runtime.mstart, in assembly,
// recorded where that stack restarts).
extern "C" [[noreturn]] void mstart1() GO_NAME(mstart1);
extern "C" void mstart1() {
  m* mp = getg()->m;
  if (getg() != mp->g0) throw_("bad runtime·mstart");
  minit();
  if (mp == &m0) initsig();  // Go: mstartm0
  if (mp->mstartfn) mp->mstartfn();
  if (mp != &m0) {
    acquirep(mp->nextp);
    mp->nextp = nullptr;
  }
  schedule();
}

extern "C" [[noreturn]] void mstart0() GO_NAME(mstart0);
extern "C" void mstart0() { mstart1(); }

// --- stop the world, GOMAXPROCS ---------------------------------------------------------

// procresize: make the number of Ps nprocs. Called with the world stopped (or during
// schedinit) and sched.lock held. Returns the Ps that have work and no M, linked through
// p.link.
extern "C" p* procresize(int32 nprocs) GO_NAME(procresize);
extern "C" p* procresize(int32 nprocs) {
  int32 old = gomaxprocs;
  if (nprocs <= 0 || nprocs > maxGomaxprocs) throw_("procresize: invalid arg");
  if (!allp) allp = static_cast<p**>(persistentalloc(sizeof(p*) * maxGomaxprocs, 8));
  for (int32 i = allpLen; i < nprocs; i++) {
    if (i >= allpMade) {  // a counter, not a test of allp[i]: a read would fault the page twice
      allp[i] = new (pcache.alloc()) p;
      allp[i]->id = i;
      allpMade = i + 1;
    }
    allp[i]->status.store(Pgcstop);
  }
  // Destroy the Ps beyond nprocs: their goroutines go to the global queue, their timers to
  // the P this M keeps (allp[0] if it loses its own).
  m* curm = getg()->m;
  p* timersTo = curm->p && curm->p->id < nprocs ? curm->p : allp[0];
  for (int32 i = nprocs; i < old; i++) {
    p* pp = allp[i];
    while (g* gp = runqget(pp, nullptr)) globrunqput(gp);
    moveTimers(timersTo, pp);
    while (pp->gfree) {
      g* gp = pp->gfree;
      pp->gfree = gp->schedlink;
      pp->gfreecnt--;
      lock(&sched.gflock);
      gp->schedlink = sched.gfree;
      sched.gfree = gp;
      sched.ngfree++;
      unlock(&sched.gflock);
    }
    pp->status.store(Pdead);
  }
  __atomic_store_n(&allpLen, nprocs, __ATOMIC_RELEASE);  // sysmon reads it without the lock
  m* mp = getg()->m;
  if (mp->p && mp->p->id < nprocs) {
    mp->p->status.store(Prunning);
  } else {
    if (mp->p) mp->p->m = nullptr;
    mp->p = nullptr;
    p* pp = allp[0];
    pp->m = nullptr;
    pp->status.store(Pidle);
    acquirep(pp);
  }
  // Rebuild the idle list from scratch.
  sched.pidle = nullptr;
  sched.npidle.store(0);
  p* runnablePs = nullptr;
  for (int32 i = nprocs - 1; i >= 0; i--) {
    p* pp = allp[i];
    if (mp->p == pp) continue;
    pp->status.store(Pidle);
    if (runqempty(pp)) {
      pidleput(pp);
    } else {
      pp->m = nullptr;
      pp->link = runnablePs;
      runnablePs = pp;
    }
  }
  gomaxprocs = nprocs;
  return runnablePs;
}

// stopTheWorld: stop every P but the caller's. Ps stop when their M next schedules: with
// no preemption, this waits for running goroutines to block or exit.
void stopTheWorld() {
  m* mp = getg()->m;
  lock(&sched.lock);
  sched.stopwait = gomaxprocs;
  sched.gcwaiting.store(1);
  mp->p->status.store(Pgcstop);
  sched.stopwait--;
  while (p* pp = pidleget()) {
    pp->status.store(Pgcstop);
    sched.stopwait--;
  }
  for (int32 i = 0; i < gomaxprocs; i++) {  // Ps in system calls stop now
    uint32 expected = Psyscall;
    if (allp[i]->status.compare_exchange_strong(expected, Pgcstop)) sched.stopwait--;
  }
  bool wait = sched.stopwait > 0;
  unlock(&sched.lock);
  if (wait) {
    notesleep(&sched.stopnote);
    noteclear(&sched.stopnote);
  }
  if (sched.stopwait != 0) throw_("stopTheWorld: not stopped");
}

namespace {
// With sched.lock held: if sysmon sleeps (sysmonwait), wake it.
void wakeSysmonLocked() {
  if (sched.sysmonwait.load()) {
    sched.sysmonwait.store(0);
    notewakeup(&sched.sysmonnote);
  }
}
}  // namespace

void startTheWorld(int32 newprocs) {
  lock(&sched.lock);
  p* runnable = procresize(newprocs > 0 ? newprocs : gomaxprocs);
  sched.gcwaiting.store(0);
  wakeSysmonLocked();
  unlock(&sched.lock);
  while (runnable) {
    p* pp = runnable;
    runnable = pp->link;
    startm(pp, false);
  }
  wakep();
}

int32 gcount() { return ngoroutines.load() - sched.ngsys.load(); }

// --- sysmon --------------------------------------------------------------------------------

namespace {
// A goroutine status as Go numbers it (runtime2.go), for the trace's "status=N": Go's
// _Gmoribund_unused (5) sits between Gwaiting and Gdead.
uint32 goStatusNumber(uint32 st) { return st == Gdead ? 6 : st; }
}  // namespace

void schedtrace(bool detailed, bool locked) {
  int64 now = nanotime();
  if (locked) lock(&sched.lock);
  print("SCHED ", (now - runtimeInitTime) / 1000000, "ms: gomaxprocs=", gomaxprocs,
        " idleprocs=", sched.npidle.load(), " threads=", mcount(),
        " spinningthreads=", sched.nmspinning.load(), " idlethreads=", sched.nmidle,
        " runqueue=", sched.runqsize);
  if (detailed) {
    print(" gcwaiting=", sched.gcwaiting.load(), " nmidlelocked=", sched.nmidlelocked,
          " stopwait=", sched.stopwait, " sysmonwait=", sched.sysmonwait.load(), "\n");
  }
  printbuf line;
  for (int32 i = 0; i < gomaxprocs; i++) {
    p* pp = allp[i];
    m* mp = pp->m;  // read once: it may change under a trace taken without the lock
    if (detailed) {
      print("  P", i, ": status=", pp->status.load(), " schedtick=", pp->schedtick,
            " syscalltick=", pp->syscalltick.load(), " m=", mp ? mp->id : -1,
            " runqsize=", runqlen(pp), " gfreecnt=", pp->gfreecnt, "\n");
    } else {
      printarg(line, i == 0 ? " [" : " ");
      printarg(line, runqlen(pp));
      if (i == gomaxprocs - 1) printarg(line, "]\n");
    }
  }
  if (!detailed) {
    line.flush();
    if (locked) unlock(&sched.lock);
    return;
  }
  for (m* mp = allm; mp; mp = mp->alllink) {
    p* pp = mp->p;
    g* curg = mp->curg;
    g* lockedg = mp->lockedg;
    print("  M", mp->id, ": p=", pp ? pp->id : -1, " curg=", curg ? int64(curg->goid) : -1,
          " spinning=", mp->spinning, " lockedg=", lockedg ? int64(lockedg->goid) : -1, "\n");
  }
  // Every goroutine, dead ones and the runtime's own included, as Go lists allgs.
  for (g* gp = allgs.load(std::memory_order_acquire); gp;
       gp = gp->alllink.load(std::memory_order_acquire)) {
    m* mp = gp->m;
    m* lockedm = gp->lockedm;
    uint32 st = gp->atomicstatus.load(std::memory_order_relaxed);
    // The wait reason stays after the goroutine wakes, and Go prints it whatever the status.
    print("  G", gp->goid, ": status=", goStatusNumber(st), "(", waitReasonString(gp->waitreason),
          ") m=", mp ? mp->id : -1, " lockedm=", lockedm ? lockedm->id : -1, "\n");
  }
  if (locked) unlock(&sched.lock);
}

namespace {

// Whether some P is in a system call: sysmon must then keep looking, not sleep until woken.
bool anyPInSyscall() {
  int32 n = __atomic_load_n(&allpLen, __ATOMIC_ACQUIRE);
  for (int32 i = 0; i < n; i++)
    if (allp[i]->status.load() == Psyscall) return true;
  return false;
}

// Nothing for sysmon to do until someone wakes it: no P to watch in a system call, no pooled
// stack for the scavenger (or the world is stopping).
bool sysmonIdle() {
  return sched.gcwaiting.load() || (stackpoolIdleBytes() == 0 && !anyPInSyscall());
}

// sysmon's sleep that wakeSysmon cuts short (sysmonwait): for usec microseconds unless a P
// is in a system call, or with usec 0 until woken, unless sysmon has something to do.
void sysmonSleep(uint32 usec) {
  lock(&sched.lock);
  sched.sysmonwait.store(1);
  // Checked again after announcing the sleep: a stackfree that pooled a stack or an
  // entersyscall before the store is seen here, one after it sees sysmonwait and wakes us.
  bool sleep = usec > 0 ? !anyPInSyscall() : sysmonIdle();
  if (!sleep) {
    sched.sysmonwait.store(0);
    unlock(&sched.lock);
    return;
  }
  unlock(&sched.lock);
  notetsleep(&sched.sysmonnote, usec > 0 ? int64(usec) * 1000 : 60 * 1000000000ll);
  lock(&sched.lock);
  sched.sysmonwait.store(0);
  noteclear(&sched.sysmonnote);
  unlock(&sched.lock);
}

struct retakeResult {
  bool handedOff = false;   // some P was taken from its system call
  bool inSyscall = false;   // some P is left in a system call
  bool newSyscall = false;  // some P was in a system call sysmon had not seen before
};

// retake: take every P that has been in the same system call since sysmon's last look and
// hand it to another M, or to the idle list if nothing waits for it (Go: retake, without
// the preemption of running goroutines). Go leaves a P with nothing queued in its system
// call for up to 10 ms while other Ps are idle, because a P in a system call keeps its
// sysmon from sleeping; gocc's sysmon sleeps whenever nothing is left to watch, so it
// takes such a P at once and saves the ticks.
retakeResult retake() {
  retakeResult r;
  int32 n = __atomic_load_n(&allpLen, __ATOMIC_ACQUIRE);
  for (int32 i = 0; i < n; i++) {
    p* pp = allp[i];
    if (pp->status.load() != Psyscall) continue;
    uint32 t = pp->syscalltick.load(std::memory_order_relaxed);
    if (pp->sysmonSyscalltick != t) {
      pp->sysmonSyscalltick = t;
      r.inSyscall = r.newSyscall = true;
      continue;
    }
    uint32 expected = Psyscall;
    if (pp->status.compare_exchange_strong(expected, Pidle)) {
      r.handedOff = true;
      syscallEnded(pp);  // for sysmon's next look, the call it took the P from has ended
      handoffp(pp);
    }
  }
  return r;
}

}  // namespace

// sysmon: the system monitor, on its own M without a P. It wakes up every 20 µs – 10 ms
// (backing off as Go's does) to do the runtime's periodic work: retaking the Ps of
// goroutines blocked in system calls (retake), the scheduler trace (GODEBUG=schedtrace) and
// waking the scavenger when idle stack memory can be given back.
//
// A P is retaken when sysmon sees it in the same system call twice. A look that finds a P
// in a call it had not seen is followed by another 20 µs later (a probe), so a call that
// blocks is handed off about 20 µs after sysmon first sees it. Between looks sysmon sleeps
// so that entersyscall can wake it (wakeSysmon): the first look at a call comes as it
// starts. That costs the call a wake-up of sysmon, worth it while the calls sysmon is woken
// for block; while they keep ending before the probe, sysmon stops being woken and looks on
// its own instead, every 20 µs at first and then less often, down to every 1 ms (busyPause),
// until a call blocks again or none is seen for 10 ms. A program that makes short system
// calls all the time so pays sysmon two wake-ups per millisecond, not one per call; a call
// that blocks among them waits at most about 1 ms for its hand-off (docs/goroutines.md).
//
// gocc never preempts a running goroutine, so sysmon sleeps until woken whenever it has
// nothing to watch: no P in a system call, no trace wanted and no pooled stack waiting for
// the scavenger. entersyscall and stackfree wake it. A program whose goroutines all block in
// system calls costs no CPU, as in Go.
extern "C" void sysmon() GO_NAME(sysmon);
extern "C" void sysmon() {
  lock(&sched.lock);
  sched.nmsys++;
  checkdead();
  unlock(&sched.lock);
  // The kernel lets a normal thread's timed sleeps run up to 50 µs late (timer slack), which
  // would stretch the 20 µs probe to 70 µs: ask for exact sleeps.
  prctl(PR_SET_TIMERSLACK, 1, 0, 0, 0);

  uint32 idle = 0, delay = 0;
  bool probe = false;    // the last look found a new system call: look again in 20 µs
  uint32 busyPause = 0;  // µs between looks while calls keep ending before the probe; 0: none
  int64 lasttrace = 0, lastSyscallSeen = 0;
  for (;;) {
    if (idle == 0)
      delay = 20;
    else if (idle > 50)
      delay *= 2;
    if (delay > 10 * 1000) delay = 10 * 1000;
    bool probing = probe;
    if (probing)
      usleep(20);
    else if (busyPause > 0)
      usleep(busyPause);
    else if (debug.schedtrace <= 0 && sysmonIdle())
      sysmonSleep(0);
    else
      sysmonSleep(delay);
    int64 now = nanotime();
    wakeScavenger(now);
    retakeResult r = retake();
    if (r.handedOff || r.inSyscall) lastSyscallSeen = now;
    if (r.handedOff)
      busyPause = 0;
    else if (probing)  // the call seen 20 µs ago has ended
      busyPause = busyPause == 0 ? 20 : busyPause < 500 ? busyPause * 2 : 1000;
    else if (busyPause > 0 && now - lastSyscallSeen > 10 * 1000 * 1000)
      busyPause = 0;
    probe = r.newSyscall && !probing;
    idle++;
    if (debug.schedtrace > 0 && lasttrace + int64(debug.schedtrace) * 1000000 <= now) {
      lasttrace = now;
      schedtrace(debug.scheddetail > 0, true);
    }
  }
}

void wakeSysmon() {
  if (!sched.sysmonwait.load()) return;
  lock(&sched.lock);
  wakeSysmonLocked();
  unlock(&sched.lock);
}

// --- bootstrap --------------------------------------------------------------------------

// schedinit: everything the scheduler needs before the first goroutine exists.
extern "C" void schedinit() GO_NAME(schedinit);
extern "C" void schedinit() {
  g* gp = getg();
  sched.maxmcount = 10000;
  stackinit();
  mallocinit();
  cpuinit();
  alginit();
  mcommoninit(gp->m, -1);  // m0
  m0.procid = uint64(gettid());
  modulesinit();
  goargs();
  goenvs();
  parsedebugvars();
  // gcinit: gocc has no garbage collector; see docs/bootstrap.md.
  int32 procs = ncpu;
  int32 n;
  if (atoi32(gogetenv("GOMAXPROCS"), &n) && n > 0) procs = n;
  if (procs > maxGomaxprocs) procs = maxGomaxprocs;
  lock(&sched.lock);
  if (procresize(procs) != nullptr) throw_("unknown runnable goroutine during bootstrap");
  unlock(&sched.lock);
}

namespace {

void sysmonOnSystemStack(void*) { newm(sysmon, nullptr, -1); }

// The name of an init task, from the pclntab: the translation unit for Clang's per-file
// constructors (_GLOBAL__sub_I_<file>), else the function's name, else its pc. The table's
// names are demangled already; Clang's _GLOBAL__sub_I_ names are not mangled names at all,
// so they reach us as the symbol had them.
void initTaskName(initFunc fn, char* buf, size_t size) {
  uintptr pc = reinterpret_cast<uintptr>(fn);
  const char* name = funcname(findfunc(pc));
  if (!name) {
    snprintf(buf, size, "%#lx", static_cast<unsigned long>(pc));
    return;
  }
  constexpr std::string_view tuPrefix = "_GLOBAL__sub_I_";
  if (strncmp(name, tuPrefix.data(), tuPrefix.size()) == 0) name += tuPrefix.size();
  snprintf(buf, size, "%s", name);
}

// fmtNSAsMS: ns as milliseconds, the way Go's inittrace prints them: whole milliseconds
// from 10 ms on, else two significant digits with at most three decimals.
void fmtNSAsMS(printbuf& b, uint64 ns) {
  char buf[24];
  int i = sizeof buf;
  auto itoaDiv = [&](uint64 val, int dec) {
    int idec = int(sizeof buf) - 1 - dec;
    i = sizeof buf - 1;
    while (val >= 10 || i >= idec) {
      buf[i--] = char('0' + val % 10);
      if (i == idec) buf[i--] = '.';
      val /= 10;
    }
    buf[i] = char('0' + val);
  };
  if (ns >= 10000000) {
    itoaDiv(ns / 1000000, 0);
  } else {
    uint64 x = ns / 1000;
    if (x == 0) {
      b.put("0", 1);
      return;
    }
    int dec = 3;
    while (x >= 100) {
      x /= 10;
      dec--;
    }
    itoaDiv(x, dec);
  }
  b.put(buf + i, sizeof buf - i);
}

}  // namespace

// doInit1: run one init task, the functions [start, end), and trace it as one line named name
// if GODEBUG=inittrace=1 (Go: doInit1, one package's init task). From runtime.main for each
// library's group, and from doInit for each of the program's.
extern "C" void doInit1(const char* name, initFunc* start, initFunc* end) GO_NAME(doInit1);
extern "C" void doInit1(const char* name, initFunc* start, initFunc* end) {
  if (start == end) return;
  bool trace = debug.inittrace > 0;
  int64 t0 = 0;
  if (trace) {
    inittrace.traced = getg();
    inittrace.bytes = inittrace.allocs = 0;
    inittrace.active.store(true);
    t0 = nanotime();
  }
  for (initFunc* f = start; f < end; f++) (*f)(argc, argv, envp);
  if (trace) {
    int64 t1 = nanotime();
    inittrace.active.store(false);
    printbuf b;
    printarg(b, "init ");
    printarg(b, name);
    printarg(b, " @");
    fmtNSAsMS(b, uint64(t0 - runtimeInitTime));
    printarg(b, " ms, ");
    fmtNSAsMS(b, uint64(t1 - t0));
    printarg(b, " ms clock, ");
    printarg(b, inittrace.bytes);
    printarg(b, " bytes, ");
    printarg(b, inittrace.allocs);
    printarg(b, " allocs\n");
    b.flush();
  }
}

// doInit: run the program's init tasks, the .init_array [start, end) (Go: doInit, for
// main_inittask's packages). Each entry is a task of its own, named after its translation
// unit: in Go a task is a package; a C++ translation unit's constructors are one function.
// Untraced, the tasks need no names and run as one group. No tail call: a traceback from a
// constructor shows doInit between doInit1 and runtime.main, as the calls were made.
extern "C" void doInit(initFunc* start, initFunc* end) GO_NAME(doInit)
    __attribute__((disable_tail_calls));
extern "C" void doInit(initFunc* start, initFunc* end) {
  if (debug.inittrace <= 0) {
    doInit1("", start, end);
    return;
  }
  for (initFunc* f = start; f < end; f++) {
    char name[256];
    initTaskName(*f, name, sizeof name);
    doInit1(name, f, f + 1);
  }
}

// --- pthread_exit on the main goroutine -------------------------------------------------
//
// In a C program, pthread_exit in main ends the main thread only: glibc unwinds its stack
// (running C++ destructors and cleanup handlers) back to __libc_start_main, and the process
// lives on until its last thread ends, then exits with status 0 through exit(). glibc finds
// where to stop through a jump buffer __libc_start_main sets up, which gocc's start-up never
// does, so glibc's own pthread_exit would crash here. The runtime therefore interposes
// pthread_exit: on the main goroutine it unwinds back to runtime.main itself (with the
// unwinder linked into the program, the one its C++ personality routine belongs to), waits
// for the program's other threads to end and exits with status 0. Elsewhere it is glibc's.

namespace {

g* maingp;              // the main goroutine, once it runs main
jmp_buf mainExit;       // where main's unwinding lands, in runtime.main
uintptr mainExitFrame;  // an address in runtime.main's frame: unwinding stops at it
#ifndef GOCC_LIBRARY    // pthread_exit's unwinding of the main goroutine
_Unwind_Exception mainExitUnwind;

// A catch (...) in main that does not rethrow ends the forced unwind: glibc's answer.
void mainExitNotRethrown(_Unwind_Reason_Code, _Unwind_Exception*) {
  static const char msg[] = "FATAL: exception not rethrown\n";
  writeErr(msg, sizeof msg - 1);
  abort();
}

_Unwind_Reason_Code mainExitStop(int, _Unwind_Action actions, _Unwind_Exception_Class,
                                 _Unwind_Exception*, _Unwind_Context* ctx, void*) {
  if ((actions & _UA_END_OF_STACK) || _Unwind_GetCFA(ctx) > mainExitFrame) longjmp(mainExit, 1);
  return _URC_NO_REASON;
}
#endif

// Threads of the process other than the runtime's Ms: the program's own.
int programThreads() {
  uint64 mtids[64];
  int nm = 0;
  lock(&sched.lock);
  for (m* mp = allm; mp && nm < 64; mp = mp->alllink) mtids[nm++] = mp->procid;
  unlock(&sched.lock);
  DIR* d = opendir("/proc/self/task");
  if (!d) return 0;
  int n = 0;
  while (dirent* e = readdir(d)) {
    if (e->d_name[0] == '.') continue;
    uint64 tid = strtoull(e->d_name, nullptr, 10);
    bool runtimeM = false;
    for (int i = 0; i < nm; i++) runtimeM |= mtids[i] == tid;
    n += !runtimeM;
  }
  closedir(d);
  return n;
}

#ifndef GOCC_LIBRARY  // a library has no main goroutine to end
// On the main goroutine: unwind it back to runtime.main, which then waits for the program's
// other threads. Elsewhere: return.
void exitIfMainGoroutine() {
  g* gp = getg();
  if (gp == nullptr || gp != maingp) return;
  mainExitUnwind.exception_class = 0x474e5543464f5200;  // "GNUCFOR\0": a forced unwind
  mainExitUnwind.exception_cleanup = mainExitNotRethrown;
  _Unwind_ForcedUnwind(&mainExitUnwind, mainExitStop, nullptr);
  throw_("pthread_exit: cannot unwind the main goroutine");
}
#endif

template <typename Fn, typename Arg>
[[noreturn]] void callNext(const char* name, Arg arg) {
  auto next = reinterpret_cast<Fn>(libcNext(name));
  if (!next) throw_("pthread_exit: glibc's is missing");
  next(arg);
  __builtin_unreachable();
}

}  // namespace

#ifndef GOCC_LIBRARY  // a library interposes no libc function (docs/ports.md)
// Weak, like the malloc family: a program that wraps pthread_exit itself keeps its own.
extern "C" __attribute__((weak)) GOCC_VISIBLE void pthread_exit(void* retval) {
  exitIfMainGoroutine();
  callNext<void (*)(void*)>("pthread_exit", retval);
}

// C11's thrd_exit, the same (glibc's calls its internal pthread_exit, not this one).
extern "C" __attribute__((weak)) GOCC_VISIBLE void thrd_exit(int res) {
  exitIfMainGoroutine();
  callNext<void (*)(int)>("thrd_exit", res);
}
#endif

// --- Goexit ----------------------------------------------------------------------------------
//
// Goexit ends the calling goroutine after unwinding its stack, as Go's runs the goroutine's
// deferred calls: a forced unwind, the mechanism of glibc's pthread_exit, runs the
// destructors and cleanups of every frame and the catch (...) handlers on the way, and its
// stop function ends the goroutine (goexit0) when the unwind reaches runtime.goexit1, the
// runtime's frame below the goroutine's function (runtime.main's, for the main goroutine).
// A catch (...) that does not rethrow cannot stop it, as no recover stops Go's: when such a
// handler ends, libstdc++ deletes the unwind's exception object, and its cleanup function
// starts the unwind again from there, so the frames above go on unwinding. The exception
// object is malloc'ed, since it must outlive the frames the unwind leaves behind, Goexit's
// among them; the stop function frees it.

namespace {

constexpr _Unwind_Exception_Class goexitClass = 0x474f434345584954;  // "GOCCEXIT"

_Unwind_Reason_Code goexitStop(int, _Unwind_Action actions, _Unwind_Exception_Class,
                               _Unwind_Exception* exc, _Unwind_Context* ctx, void*) {
  if (!(actions & _UA_END_OF_STACK) &&
      _Unwind_GetRegionStart(ctx) != reinterpret_cast<uintptr>(&goexit1))
    return _URC_NO_REASON;
  // Nothing above this frame will run again: the goroutine ends here, on its own stack.
  ::free(exc);
  mcall(goexit0);
  __builtin_unreachable();
}

[[noreturn]] void goexitUnwind(_Unwind_Exception* exc);

// A catch (...) handler ended without rethrowing: go on unwinding from its frame.
void goexitNotStopped(_Unwind_Reason_Code, _Unwind_Exception* exc) { goexitUnwind(exc); }

void goexitUnwind(_Unwind_Exception* exc) {
  memset(exc, 0, sizeof *exc);
  exc->exception_class = goexitClass;
  exc->exception_cleanup = goexitNotStopped;
  _Unwind_ForcedUnwind(exc, goexitStop, nullptr);
  throw_("Goexit: cannot unwind the goroutine");
}

}  // namespace

void Goexit() {
  if (!onUserGoroutine()) {
    // A thread of the program's own: Goexit ends it the way threads end.
    pthread_exit(nullptr);
  }
  auto* exc = static_cast<_Unwind_Exception*>(
      ::aligned_alloc(alignof(_Unwind_Exception), sizeof(_Unwind_Exception)));
  if (!exc) throw_("Goexit: out of memory");
  goexitUnwind(exc);
}

// --- threads of the program's own ---------------------------------------------------------
//
// A thread the runtime did not start (std::thread, pthread_create) may ready a goroutine or
// start one at any moment, so checkdead must not call the program dead while one lives.
// The runtime interposes pthread_create: it counts the thread in sched.nforeign before
// creating it, and the thread-specific value that foreignThreadStart sets uncounts it when
// the thread ends, however it ends (its function returns, pthread_exit, cancellation: glibc
// runs the destructors of thread-specific values last of all), and runs checkdead, since
// the thread may have been the last that could wake anyone. (A landing pad in
// foreignThreadStart would not do: glibc's pthread_exit unwinds with libgcc_s, which cannot
// drive the personality routine linked into the program.) The runtime's own Ms are created
// with libc's pthread_create (libcPthreadCreate). Threads made below pthread_create — a raw
// clone, glibc's internal helpers (SIGEV_THREAD timers) — are not counted.

namespace {

using pthreadCreateFn = int (*)(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*);

pthreadCreateFn nextPthreadCreate() {
  static std::atomic<pthreadCreateFn> next{nullptr};
  pthreadCreateFn fn = next.load(std::memory_order_relaxed);
  if (!fn) {
#ifdef GOCC_LIBRARY
    fn = ::pthread_create;  // not interposed in a library: the host's, glibc's
#else
    fn = reinterpret_cast<pthreadCreateFn>(libcNext("pthread_create"));
#endif
    if (!fn) throw_("pthread_create: glibc's is missing");
    next.store(fn, std::memory_order_relaxed);
  }
  return fn;
}

void foreignThreadEnded(void* = nullptr) {
  lock(&sched.lock);
  sched.nforeign.fetch_sub(1);
  checkdead();
  unlock(&sched.lock);
}

// The thread-specific value's destructor, on the ending thread itself.
void foreignThreadExiting(void*) {
  foreignThreadExit();
  foreignThreadEnded();
}

pthread_once_t foreignKeyOnce = PTHREAD_ONCE_INIT;
pthread_key_t foreignKey;
void makeForeignKey() {
  if (pthread_key_create(&foreignKey, foreignThreadExiting) != 0)
    throw_("pthread_create: no thread-specific key left");
}

#ifndef GOCC_LIBRARY  // the interposed pthread_create's
struct foreignStart {
  void* (*fn)(void*);
  void* arg;
};

void* foreignThreadStart(void* arg) {
  foreignStart start = *static_cast<foreignStart*>(arg);
  ::free(arg);
  pthread_setspecific(foreignKey, &foreignKey);  // any non-null value: its destructor runs
  foreignThreadInit();
  return start.fn(start.arg);
}
#endif

}  // namespace

int libcPthreadCreate(pthread_t* thread, const pthread_attr_t* attr, void* (*fn)(void*),
                      void* arg) {
  return nextPthreadCreate()(thread, attr, fn, arg);
}

void adoptForeignThread() {
  pthread_once(&foreignKeyOnce, makeForeignKey);
  if (pthread_getspecific(foreignKey)) return;
  sched.nforeign.fetch_add(1);
  pthread_setspecific(foreignKey, &foreignKey);  // its destructor undoes this as the thread ends
  foreignThreadInit();
}

#ifndef GOCC_LIBRARY  // a library interposes no libc function (docs/ports.md)
// Weak, like pthread_exit: a program that wraps pthread_create itself keeps its own, and
// then its threads are not counted (docs/goroutines.md).
extern "C" __attribute__((weak)) GOCC_VISIBLE int pthread_create(pthread_t* thread,
                                                                 const pthread_attr_t* attr,
                                                                 void* (*fn)(void*), void* arg) {
  pthread_once(&foreignKeyOnce, makeForeignKey);
  auto* start = static_cast<foreignStart*>(::malloc(sizeof(foreignStart)));
  if (!start) return EAGAIN;
  *start = foreignStart{fn, arg};
  sched.nforeign.fetch_add(1);
  int err = nextPthreadCreate()(thread, attr, foreignThreadStart, start);
  if (err != 0) {
    ::free(start);
    foreignThreadEnded();
  }
  return err;
}
#endif

// runtime.main: the main goroutine. Enables the background workers (gcenable), starts sysmon,
// runs the init tasks (the libraries' first, then the program's, locked to the main thread as
// C++ expects of static constructors), and calls the user's main. In a library it returns
// after the init tasks instead (library.cpp), and the goroutine ends.
extern "C" void runtime_main(void*) GO_NAME(main);
extern "C" void runtime_main(void*) {
  g* gp = getg();
  // gcenable first, while no other M may start: the main goroutine waits for the scavenger
  // on m0, m0 runs the scavenger itself, and the scavenger's readying of main cannot wake
  // another M that might steal main off the main thread. (Go runs gcenable later, locked to
  // m0, which costs a thread and two hand-offs at every start; see docs/bootstrap.md.)
  runtimeInitTime = nanotime();
  gcenable();

  mainStarted = true;
  systemstack(sysmonOnSystemStack, nullptr);

  // Init runs on the main thread: constructors may use thread_local or pthread_self and
  // expect to be on the thread that later runs main, as in a plain C++ program.
  lockOSThread();
  if (gp->m != &m0) throw_("runtime.main not on m0");
  const moduledata& md = firstmoduledata;
  for (const auto& lib : md.libinit)
    doInit1(lib.name, lib.start, lib.end);  // Go: doInit(&runtime_inittask)
  doInit(md.initarray, md.einitarray);      // Go: doInit(&main_inittask)
  unlockOSThread();
  if (islibrary) {  // Go: "A program compiled with -buildmode=c-archive or c-shared has a main, but
                    // it is not executed."
    libraryInitDone();
    return;
  }
  int status = 0;
  volatile char frameMark = 0;
  mainExitFrame = uintptr(&frameMark);
  if (setjmp(mainExit) == 0) {
    maingp = gp;
    status = main_main(argc, argv, envp);
  } else {
    // main called pthread_exit: the process ends, with status 0, when its last thread does.
    status = 0;
    for (uint32 delay = 1000; programThreads() > 0; delay = delay < 100000 ? delay * 2 : delay)
      usleep(delay);
  }
  waitIfPanicking();  // a crash on another thread decides how the process ends
  ::exit(status);     // libc's exit: atexit handlers, static destructors, stdio, .fini_array
}

}  // namespace runtime
