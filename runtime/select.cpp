// select.cpp — the select statement (Go: select.go's selectgo).
//
// A select is an array of cases, each a send to or a receive from one channel. selectgo
// runs in Go's three passes:
//  1. Lock every channel of the select, in address order (lockorder), so that two selects
//     over the same channels cannot deadlock, and poll the cases in a random order
//     (pollorder, a fresh permutation from fastrand each time): the first case that can
//     proceed runs. The random order is what makes the choice among ready cases uniform.
//  2. If none can and the select may block, queue a sudog in every channel's queue, all
//     sharing one selectState, and block; the channels are unlocked only once the caller
//     is parked (or, on a thread, its note armed), so no wake-up is missed.
//  3. Woken, lock the channels again: the sudog that won (selectState.winner, set by the
//     waker that took it, as Go's gp.param) says which case ran; take the others out of
//     their queues.
// Whoever dequeues a select's sudog must first win its selectState.done (waitq::dequeue), so
// that exactly one case of a blocked select runs however many channels become ready.
//
// Cases on the nil channel are left out of both orders: they are never ready. A select with
// no channel cases blocks forever.
//
// The sudogs and both orders live on the selecting goroutine's stack (alloca), which never
// moves; there is at most one sudog per case, so a select allocates nothing.
#include <new>

#include "alg.h"
#include "chan.h"
#include "print.h"
#include "proc.h"

namespace runtime {

namespace {

hchan* chanOf(const scase& cas) { return reinterpret_cast<hchan*>(cas.c); }

// The locked channels of a select, for the park callback.
struct selectLocks {
  scase* cases;
  const uint16_t* lockorder;
  int n;
};

void sellock(scase* cases, const uint16_t* lockorder, int n) {
  hchan* locked = nullptr;
  for (int i = 0; i < n; i++) {
    hchan* c = chanOf(cases[lockorder[i]]);
    if (c != locked) {  // a channel in several cases is locked once
      locked = c;
      lock(&c->lock);
    }
  }
}

// Unlock in reverse order. Once the last lock is released the selecting goroutine may run
// and return, so nothing of its stack (cases, lockorder) is read after that.
void selunlock(scase* cases, const uint16_t* lockorder, int n) {
  for (int i = n - 1; i >= 0; i--) {
    hchan* c = chanOf(cases[lockorder[i]]);
    if (i > 0 && c == chanOf(cases[lockorder[i - 1]])) continue;  // unlocked at i-1
    unlock(&c->lock);
  }
}

bool selparkcommit(g*, void* arg) {
  auto* l = static_cast<selectLocks*>(arg);
  selunlock(l->cases, l->lockorder, l->n);
  return true;
}

uintptr sortkey(const scase& cas) { return reinterpret_cast<uintptr>(cas.c); }

// Sort the cases in pollorder by channel address into lockorder: a heap sort, for n log n
// time and no extra space whatever the input (Go's).
void sortLockorder(scase* cases, const uint16_t* pollorder, uint16_t* lockorder, int n) {
  for (int i = 0; i < n; i++) {
    int j = i;
    uintptr key = sortkey(cases[pollorder[i]]);
    while (j > 0 && sortkey(cases[lockorder[(j - 1) / 2]]) < key) {
      int k = (j - 1) / 2;
      lockorder[j] = lockorder[k];
      j = k;
    }
    lockorder[j] = pollorder[i];
  }
  for (int i = n - 1; i >= 0; i--) {
    uint16_t o = lockorder[i];
    uintptr key = sortkey(cases[o]);
    lockorder[i] = lockorder[0];
    int j = 0;
    for (;;) {
      int k = j * 2 + 1;
      if (k >= i) break;
      if (k + 1 < i && sortkey(cases[lockorder[k]]) < sortkey(cases[lockorder[k + 1]])) k++;
      if (key < sortkey(cases[lockorder[k]])) {
        lockorder[j] = lockorder[k];
        j = k;
        continue;
      }
      break;
    }
    lockorder[j] = o;
  }
}

}  // namespace

int selectgo(scase* cases, int ncases, bool block, bool* ok) {
  *ok = false;
  auto* pollorder = static_cast<uint16_t*>(__builtin_alloca(2 * sizeof(uint16_t) * ncases));
  uint16_t* lockorder = pollorder + ncases;

  // A random permutation of the cases with a channel (inside-out Fisher–Yates).
  int n = 0;
  for (int i = 0; i < ncases; i++) {
    if (!cases[i].c) continue;
    uint32 j = fastrandn(uint32(n + 1));
    pollorder[n] = pollorder[j];
    pollorder[j] = uint16_t(i);
    n++;
  }
  if (n == 0) {
    if (!block) return -1;
    blockForever(ncases == 0 ? waitReasonSelectNoCases : waitReasonSelect);
  }
  sortLockorder(cases, pollorder, lockorder, n);
  sellock(cases, lockorder, n);

  // Pass 1: run a case that is ready.
  for (int k = 0; k < n; k++) {
    int casi = pollorder[k];
    scase* cas = &cases[casi];
    hchan* c = chanOf(*cas);
    sudog* sg;
    if (!cas->send) {
      if ((sg = c->sendq.dequeue())) {
        recvFromWaiter(c, sg, cas->elem);
      } else if (c->qcount.load(std::memory_order_relaxed) > 0) {
        bufrecv(c, cas->elem);
      } else if (c->closed) {
        recvClosed(c, cas->elem);
        selunlock(cases, lockorder, n);
        return casi;
      } else {
        continue;
      }
    } else {
      if (c->closed) {
        selunlock(cases, lockorder, n);
        return casi;  // *ok false: the caller panics
      }
      if ((sg = c->recvq.dequeue())) {
        sendToWaiter(c, sg, cas->elem);
      } else if (c->qcount.load(std::memory_order_relaxed) < c->dataqsiz) {
        bufsend(c, cas->elem);
      } else {
        continue;
      }
    }
    selunlock(cases, lockorder, n);
    if (sg) readyWaiter(sg);
    *ok = true;
    return casi;
  }
  if (!block) {
    selunlock(cases, lockorder, n);
    return -1;
  }

  // Pass 2: wait in every channel's queue, sudogs in lock order. No case takes a reference to
  // its channel: the caller's handles (gocc::select's cases refer to them, and a temporary
  // one lives to the end of the full expression) keep every channel until selectgo returns.
  auto* sgs = static_cast<sudog*>(__builtin_alloca(sizeof(sudog) * n));
  selectState sel;
  for (int k = 0; k < n; k++) {
    scase* cas = &cases[lockorder[k]];
    hchan* c = chanOf(*cas);
    sudog* sg = new (&sgs[k]) sudog;
    if (k == 0) {
      initWaiter(sg);
    } else {
      sg->gp = sgs[0].gp;
      sg->tn = sgs[0].tn;
    }
    sg->elem = cas->elem;
    sg->c = c;
    sg->sel = &sel;
    (cas->send ? c->sendq : c->recvq).enqueue(sg);
  }
  selectLocks locks{cases, lockorder, n};
  blockWaiter(&sgs[0], selparkcommit, &locks, waitReasonSelect);

  // Pass 3: the winner ran (its waker did the work); leave the other queues.
  sellock(cases, lockorder, n);
  int casi = -1;
  for (int k = 0; k < n; k++) {
    scase* cas = &cases[lockorder[k]];
    if (&sgs[k] == sel.winner) {
      casi = lockorder[k];
      *ok = sgs[k].success;
    } else {
      hchan* c = chanOf(*cas);
      (cas->send ? c->sendq : c->recvq).remove(&sgs[k]);
    }
  }
  if (casi < 0) throw_("selectgo: bad wakeup");
  selunlock(cases, lockorder, n);
  finishWaiter(&sgs[0]);
  return casi;
}

}  // namespace runtime

// --- gocc/select.h's runtime half ------------------------------------------------------------

namespace gocc::detail {

int chanSelect(scase* cases, int ncases, bool block, bool* ok) {
  return ::runtime::selectgo(cases, ncases, block, ok);
}

}  // namespace gocc::detail
