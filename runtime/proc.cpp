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
//  - No syscall handoff: C++ code calls the kernel through libc without telling the
//    runtime (Go's entersyscall), so a P stays with an M that blocks in a syscall.
//  - Stacks are fixed (stack.cpp), so newproc has no stack-growth prologue to arrange, and
//    the main goroutine gets a stack as large as the main thread's (newproc1).
//  - Each switch saves and restores libstdc++'s per-thread exception state (ehGlobals).
#include "proc.h"

#include <cxxabi.h>
#include <dirent.h>
#include <dlfcn.h>
#include <setjmp.h>
#include <unwind.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "alg.h"
#include "chan.h"
#include "cpuflags.h"
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

void casgstatus(g* gp, uint32 oldval, uint32 newval) {
  uint32 expected = oldval;
  if (!gp->atomicstatus.compare_exchange_strong(expected, newval, std::memory_order_acq_rel)) {
    print("runtime: casgstatus: oldval=", oldval, " newval=", newval, " actual=", expected, "\n");
    throw_("casgstatus: bad incoming values");
  }
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

// checkdead: every M is idle and no goroutine can run: the program can never progress.
// Called with sched.lock held, whenever an M goes idle.
void checkdead() {
  int32 run = mcount() - sched.nmidle - sched.nmidlelocked - sched.nmsys;
  if (run > 0) return;
  if (run < 0) {
    print("runtime: checkdead: nmidle=", sched.nmidle, " nmidlelocked=", sched.nmidlelocked,
          " mcount=", mcount(), " nmsys=", sched.nmsys, "\n");
    throw_("checkdead: inconsistent counts");
  }
  if (sched.runqsize > 0) return;
  for (int32 i = 0; i < allpLen; i++)
    if (!runqempty(allp[i])) return;
  fatal("all goroutines are asleep - deadlock!");
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
// callee-saved registers (see asm_amd64.S for the frame), below the reserve bytes at the
// stack's top (gocc::go's closure).
void gostartcall(g* gp, uintptr reserve) {
  uintptr sp = (gp->stk.hi - reserve) & ~uintptr(15);
  auto* frame = reinterpret_cast<uintptr*>(sp) - 8;  // 6 registers, return address, padding
  memset(frame, 0, 8 * sizeof(uintptr));
  frame[6] = reinterpret_cast<uintptr>(&goexit);
  gp->sched.sp = reinterpret_cast<uintptr>(frame);
}

// --- switching --------------------------------------------------------------------------

// Save the exception state of the goroutine leaving the thread (on g0, after mcall).
void saveEHState(g* gp) { memcpy(&gp->eh, abi::__cxa_get_globals(), sizeof(ehGlobals)); }

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
  gogo(gp);
}

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

// wakep: a goroutine became runnable; get an idle P running if no M is already looking.
void wakep() {
  if (sched.npidle.load() == 0) return;
  int32 zero = 0;
  if (sched.nmspinning.load() != 0 || !sched.nmspinning.compare_exchange_strong(zero, 1)) return;
  startm(nullptr, true);
}

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
  pidleput(pp);
  unlock(&sched.lock);
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
// (stealing); park the M if there is none. Returns with a goroutine and a P.
extern "C" g* findrunnable(bool* inheritTime) GO_NAME(findrunnable);
extern "C" g* findrunnable(bool* inheritTime) {
  m* mp = getg()->m;
top:
  p* pp = mp->p;
  if (sched.gcwaiting.load()) {
    gcstopm();
    goto top;
  }
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
    for (int attempt = 0; attempt < 4; attempt++) {
      uint32 start = fastrandn(uint32(procs));
      for (int32 i = 0; i < procs; i++) {
        p* p2 = allp[(start + i) % procs];
        if (p2 == pp) continue;
        if (g* gp = runqsteal(pp, p2, attempt == 3)) {
          *inheritTime = false;
          return gp;
        }
      }
      if (sched.gcwaiting.load()) goto top;
    }
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
  if (!gp) gp = runqget(pp, &inheritTime);
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
  gp->lockedm = nullptr;
  mp->lockedg = nullptr;
  gp->startfn = nullptr;
  gp->startarg = nullptr;
  gp->param = nullptr;
  gp->waitreason = waitReasonZero;
  gp->eh = {};
  mp->curg = nullptr;
  if (gp->mainStackBytes) throw_("goexit0: main goroutine exited");
  gfreeStack(pp, gp);
  schedule();
}

bool parkunlockMutex(g*, void* l) {
  unlock(static_cast<mutex*>(l));
  return true;
}

// goready continued on g0 (Go: ready). Its wakep is guarded as newproc's is, which Go's
// need not be: gocc's gcenable runs before mainStarted, and its scavenger readies the main
// goroutine, which must stay on m0 (see runtime.main).
void readyOnSystemStack(void* arg) {
  g* gp = static_cast<g*>(arg);
  casgstatus(gp, Gwaiting, Grunnable);
  runqput(getg()->m->p, gp, true);
  if (mainStarted) wakep();
}

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

void goready(g* gp) { systemstack(readyOnSystemStack, gp); }

void injectglist(g* gp) {
  casgstatus(gp, Gwaiting, Grunnable);
  lock(&sched.lock);
  globrunqput(gp);
  unlock(&sched.lock);
  if (sched.npidle.load() > 0) startm(nullptr, false);
}

void lockOSThread() {
  g* gp = getg();
  gp->m->lockedg = gp;
  gp->lockedm = gp->m;
}

void unlockOSThread() {
  g* gp = getg();
  gp->m->lockedg = nullptr;
  gp->lockedm = nullptr;
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

void newprocAt(void (*fn)(void*), void* arg, uintptr callerpc) {
  newprocQueue(newproc1(fn, arg, callerpc, 0, 0));
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
  // Destroy the Ps beyond nprocs: their goroutines go to the global queue.
  for (int32 i = nprocs; i < old; i++) {
    p* pp = allp[i];
    while (g* gp = runqget(pp, nullptr)) globrunqput(gp);
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
  allpLen = nprocs;
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

void schedtrace(bool detailed) {
  int64 now = nanotime();
  lock(&sched.lock);
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
    m* mp = pp->m;
    if (detailed) {
      print("  P", i, ": status=", pp->status.load(), " schedtick=", pp->schedtick,
            " m=", mp ? mp->id : -1, " runqsize=", runqlen(pp), " gfreecnt=", pp->gfreecnt, "\n");
    } else {
      printarg(line, i == 0 ? " [" : " ");
      printarg(line, runqlen(pp));
      if (i == gomaxprocs - 1) printarg(line, "]\n");
    }
  }
  if (!detailed) {
    line.flush();
    unlock(&sched.lock);
    return;
  }
  for (m* mp = allm; mp; mp = mp->alllink) {
    print("  M", mp->id, ": p=", mp->p ? mp->p->id : -1,
          " curg=", mp->curg ? int64(mp->curg->goid) : -1, " spinning=", mp->spinning,
          " lockedg=", mp->lockedg ? int64(mp->lockedg->goid) : -1, "\n");
  }
  unlock(&sched.lock);
}

}  // namespace

// sysmon: the system monitor, on its own M without a P. It wakes up every 20 µs – 10 ms
// (backing off while nothing happens) to do the runtime's periodic work: the scheduler
// trace (GODEBUG=schedtrace) and waking the scavenger when idle stack memory can be given
// back. Go's sysmon sleeps until the world changes when every P is idle, since then it has
// nothing to retake or preempt; gocc's never retakes or preempts, so it sleeps whenever it
// has nothing to do: no trace wanted and no pooled stack waiting for the scavenger. stackfree
// wakes it (wakeSysmon) when a stack enters the pool. So a program blocked in a system call
// costs no CPU, as in Go, though main holds its P.
extern "C" void sysmon() GO_NAME(sysmon);
extern "C" void sysmon() {
  lock(&sched.lock);
  sched.nmsys++;
  checkdead();
  unlock(&sched.lock);

  uint32 idle = 0, delay = 0;
  int64 lasttrace = 0;
  for (;;) {
    if (idle == 0)
      delay = 20;
    else if (idle > 50)
      delay *= 2;
    if (delay > 10 * 1000) delay = 10 * 1000;
    usleep(delay);
    int64 now = nanotime();
    if (debug.schedtrace <= 0 && (sched.gcwaiting.load() || stackpoolIdleBytes() == 0)) {
      lock(&sched.lock);
      sched.sysmonwait.store(1);
      // Checked again after announcing the sleep: a stackfree that pooled a stack before
      // the store is seen here, one after it sees sysmonwait and wakes us.
      if (sched.gcwaiting.load() || stackpoolIdleBytes() == 0) {
        unlock(&sched.lock);
        notetsleep(&sched.sysmonnote, 60 * 1000000000ll);
        lock(&sched.lock);
        sched.sysmonwait.store(0);
        noteclear(&sched.sysmonnote);
        idle = 0;
        delay = 20;
      } else {
        sched.sysmonwait.store(0);
      }
      unlock(&sched.lock);
      now = nanotime();
    }
    wakeScavenger(now);
    idle++;
    if (debug.schedtrace > 0 && lasttrace + int64(debug.schedtrace) * 1000000 <= now) {
      lasttrace = now;
      schedtrace(debug.scheddetail > 0);
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

template <typename Fn, typename Arg>
[[noreturn]] void callNext(const char* name, Arg arg) {
  auto next = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, name));
  if (!next) throw_("pthread_exit: glibc's is missing");
  next(arg);
  __builtin_unreachable();
}

}  // namespace

// Weak, like the malloc family: a program that wraps pthread_exit itself keeps its own.
extern "C" __attribute__((weak)) GOCC_EXPORT void pthread_exit(void* retval) {
  exitIfMainGoroutine();
  callNext<void (*)(void*)>("pthread_exit", retval);
}

// C11's thrd_exit, the same (glibc's calls its internal pthread_exit, not this one).
extern "C" __attribute__((weak)) GOCC_EXPORT void thrd_exit(int res) {
  exitIfMainGoroutine();
  callNext<void (*)(int)>("thrd_exit", res);
}

// runtime.main: the main goroutine. Enables the background workers (gcenable), starts sysmon,
// runs the init tasks (the libraries' first, then the program's, locked to the main thread as
// C++ expects of static constructors), and calls the user's main.
extern "C" [[noreturn]] void runtime_main(void*) GO_NAME(main);
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
