// sema.cpp — semaphores keyed by address and notify lists (Go: sema.go).
//
// The semaphore table: semTabSize roots, each a runtime mutex, a count of waiters (nwait)
// and the waiters of every address that hashes to it. A root keeps one list of the distinct
// addresses waited on, each entry the first waiter of its address; the others wait behind
// it through waitlink, the head's waittail pointing at the last. (Go keeps the addresses in
// a treap, for the rare program with thousands of contended addresses in one root; a list
// is shorter code and as fast for the few addresses a root holds in practice.)
//
// Missed wake-ups are ruled out as in Go: semacquire counts itself in nwait before its last
// attempt to take the counter, and semrelease increments the counter before it looks at
// nwait. So either the acquirer sees the increment, or the releaser sees the waiter.
//
// Waiters live on the waiting goroutine's or thread's stack: a goroutine's stack never
// moves, and the waiter is needed only while its owner is blocked. The waker copies what it
// needs out of a waiter before it wakes it, since the waiter's frame may be gone the moment
// its owner runs again.
//
// Who blocks how: a user goroutine parks (gopark: its M runs other goroutines meanwhile). A
// thread the runtime did not start (getg() null), or the runtime on a g0, cannot park: it
// sleeps on a note, a futex. Its note comes from a pool that is never freed, so that a
// waker's futex wake that comes after the sleeper has returned, even after its thread has
// exited, touches memory that is still there (at worst it wakes a later user of that note
// spuriously, which re-checks and sleeps again). A woken goroutine is made runnable on the
// waker's P (goready), or, when the waker has no P (a std::thread), through the global run
// queue, which also starts an idle P for it (injectglist).
#include "sema.h"

#include "arch.h"
#include "malloc.h"
#include "os_linux.h"
#include "print.h"
#include "proc.h"
#include "runq.h"

namespace runtime {

// A blocked goroutine or thread, in a semaphore root or a notify list.
struct semaWaiter {
  g* gp = nullptr;  // the parked goroutine, or null for a sleeping thread
  threadNote* tn;   // for a thread: the note it sleeps on
  std::atomic<uint32>* addr = nullptr;
  semaWaiter* next = nullptr;      // root: next address; notify list: next waiter
  semaWaiter* prev = nullptr;      // root: previous address
  semaWaiter* waitlink = nullptr;  // next waiter on the same address
  semaWaiter* waittail = nullptr;  // in a head: the last waiter on its address
  uint32 ticket = 0;  // semaphore: 1 if handed the count; notify list: the ticket number

  semaWaiter();
  ~semaWaiter();
  semaWaiter(const semaWaiter&) = delete;
  semaWaiter& operator=(const semaWaiter&) = delete;

  // Before the waiter is queued (under the queue's lock): a thread's note is cleared.
  void arm();
  // Queued, with l held: release l and block until ready() is called.
  void block(mutex* l, waitReason reason);
  // From the waker, after dequeuing it: let the owner run on.
  void ready();
};

namespace {

// --- waiters -----------------------------------------------------------------------------

}  // namespace

semaWaiter::semaWaiter() : tn(nullptr) {
  if (onUserGoroutine())
    gp = getg();
  else
    tn = getThreadNote();
}

semaWaiter::~semaWaiter() {
  if (tn) putThreadNote(tn);
}

void semaWaiter::arm() {
  if (tn) noteclear(&tn->n);
}

void semaWaiter::block(mutex* l, waitReason reason) {
  if (gp) {
    goparkunlock(l, reason);
    return;
  }
  unlock(l);
  notesleep(&tn->n);
}

void semaWaiter::ready() {
  if (g* waiter = gp) {
    goreadyAnywhere(waiter);
    return;
  }
  notewakeup(&tn->n);
}

namespace {

// --- the semaphore table -------------------------------------------------------------

struct semaRoot {
  mutex lock;
  semaWaiter* head = nullptr;  // the first waiter of each address, linked by next/prev
  std::atomic<uint32> nwait{0};

  void queue(std::atomic<uint32>* addr, semaWaiter* s, bool lifo);
  semaWaiter* dequeue(std::atomic<uint32>* addr);
  // Put n where old stood in the list of addresses.
  void replace(semaWaiter* old, semaWaiter* n);
};

// A prime number of roots, each on its own cache line (Go: semTabSize).
constexpr uintptr semTabSize = 251;
struct alignas(64) paddedRoot {
  semaRoot root;
};
paddedRoot semtable[semTabSize];

semaRoot* rootFor(std::atomic<uint32>* addr) {
  return &semtable[(reinterpret_cast<uintptr>(addr) >> 3) % semTabSize].root;
}

void semaRoot::replace(semaWaiter* old, semaWaiter* n) {
  n->next = old->next;
  n->prev = old->prev;
  if (n->prev)
    n->prev->next = n;
  else
    head = n;
  if (n->next) n->next->prev = n;
  old->next = old->prev = nullptr;
}

void semaRoot::queue(std::atomic<uint32>* addr, semaWaiter* s, bool lifo) {
  s->addr = addr;
  s->next = s->prev = s->waitlink = s->waittail = nullptr;
  for (semaWaiter* t = head; t; t = t->next) {
    if (t->addr != addr) continue;
    if (lifo) {
      // s goes first: it takes t's place among the addresses, t waits behind it.
      replace(t, s);
      s->waitlink = t;
      s->waittail = t->waittail ? t->waittail : t;
      t->waittail = nullptr;
    } else {
      if (t->waittail)
        t->waittail->waitlink = s;
      else
        t->waitlink = s;
      t->waittail = s;
    }
    return;
  }
  // The first waiter on addr.
  s->next = head;
  if (head) head->prev = s;
  head = s;
}

semaWaiter* semaRoot::dequeue(std::atomic<uint32>* addr) {
  semaWaiter* s = head;
  while (s && s->addr != addr) s = s->next;
  if (!s) return nullptr;
  if (semaWaiter* t = s->waitlink) {
    // The next waiter on addr becomes the head.
    replace(s, t);
    t->waittail = t->waitlink ? s->waittail : nullptr;
  } else {
    if (s->prev)
      s->prev->next = s->next;
    else
      head = s->next;
    if (s->next) s->next->prev = s->prev;
  }
  s->next = s->prev = s->waitlink = s->waittail = nullptr;
  return s;
}

bool cansemacquire(std::atomic<uint32>* addr) {
  uint32 v = addr->load();
  while (v != 0)
    if (addr->compare_exchange_weak(v, v - 1)) return true;
  return false;
}

}  // namespace

void semacquire1(std::atomic<uint32>* addr, bool lifo, waitReason reason) {
  if (cansemacquire(addr)) return;
  semaWaiter s;
  semaRoot* root = rootFor(addr);
  for (;;) {
    lock(&root->lock);
    // Counted in nwait first, so that a semrelease after the check below looks for us.
    root->nwait.fetch_add(1);
    if (cansemacquire(addr)) {
      root->nwait.fetch_sub(1);
      unlock(&root->lock);
      return;
    }
    s.arm();
    root->queue(addr, &s, lifo);
    s.block(&root->lock, reason);
    if (s.ticket != 0 || cansemacquire(addr)) return;
  }
}

void semrelease1(std::atomic<uint32>* addr, bool handoff) {
  semaRoot* root = rootFor(addr);
  addr->fetch_add(1);
  // No waiters: done. This look comes after the increment (see semacquire1).
  if (root->nwait.load() == 0) return;
  lock(&root->lock);
  if (root->nwait.load() == 0) {
    // Someone counted in nwait took the count meanwhile.
    unlock(&root->lock);
    return;
  }
  semaWaiter* s = root->dequeue(addr);
  if (s) root->nwait.fetch_sub(1);
  unlock(&root->lock);
  if (!s) return;
  if (s->ticket != 0) throw_("corrupted semaphore ticket");
  if (handoff && cansemacquire(addr)) s->ticket = 1;
  s->ready();
  // Go yields the P to the woken goroutine here when it handed off the count (goyield);
  // without that step it runs when the releaser next blocks, or on another P.
}

// --- notify lists ----------------------------------------------------------------------

namespace {
// a < b for tickets that may wrap around (their true difference is below 2^31).
bool ticketLess(uint32 a, uint32 b) { return int32(a - b) < 0; }
}  // namespace

uint32 notifyListAdd(notifyList* l) { return l->wait.fetch_add(1); }

void notifyListWait(notifyList* l, uint32 ticket) {
  semaWaiter s;
  lock(&l->lock);
  if (ticketLess(ticket, l->notify.load())) {  // notified already
    unlock(&l->lock);
    return;
  }
  s.ticket = ticket;
  s.arm();
  if (l->tail)
    l->tail->next = &s;
  else
    l->head = &s;
  l->tail = &s;
  s.block(&l->lock, waitReasonSyncCondWait);
}

void notifyListNotifyAll(notifyList* l) {
  // No new waiters since the last notification: nothing to do, without the lock.
  if (l->wait.load() == l->notify.load()) return;
  lock(&l->lock);
  semaWaiter* s = l->head;
  l->head = l->tail = nullptr;
  // Every ticket given so far is notified: its waiter is in the list taken, or will see
  // this when it comes to wait.
  l->notify.store(l->wait.load());
  unlock(&l->lock);
  while (s) {
    semaWaiter* next = s->next;
    s->next = nullptr;
    s->ready();
    s = next;
  }
}

void notifyListNotifyOne(notifyList* l) {
  if (l->wait.load() == l->notify.load()) return;
  lock(&l->lock);
  uint32 t = l->notify.load();
  if (t == l->wait.load()) {
    unlock(&l->lock);
    return;
  }
  l->notify.store(t + 1);
  // Find ticket t's waiter. It may not be in the list yet (it took its ticket but has not
  // come to wait): then it will see that it was notified and not block. Waiters queue in
  // about ticket order, so the search stops near the head.
  for (semaWaiter *prev = nullptr, *s = l->head; s; prev = s, s = s->next) {
    if (s->ticket != t) continue;
    semaWaiter* next = s->next;
    if (prev)
      prev->next = next;
    else
      l->head = next;
    if (!next) l->tail = prev;
    unlock(&l->lock);
    s->next = nullptr;
    s->ready();
    return;
  }
  unlock(&l->lock);
}

// --- spinning --------------------------------------------------------------------------

namespace {
constexpr int activeSpin = 4;        // spins before blocking (Go: active_spin)
constexpr int activeSpinCount = 30;  // procyield hints per spin (Go: active_spin_cnt)
}  // namespace

bool syncCanSpin(int i) {
  if (i >= activeSpin || ncpu <= 1 ||
      gomaxprocs <= sched.npidle.load() + sched.nmspinning.load() + 1)
    return false;
  g* self = getg();
  if (self && self->m->p && !runqempty(self->m->p)) return false;
  return true;
}

void syncDoSpin() { procyield(activeSpinCount); }

}  // namespace runtime
