// chan.cpp — channels (Go: chan.go).
//
// A channel is an hchan: a lock, a ring buffer of dataqsiz elements (none for an unbuffered
// channel), and two queues of blocked operations, senders (sendq) and receivers (recvq).
// Invariants, under c.lock:
//  - at most one of sendq and recvq holds waiters that can still be woken (a sender and a
//    receiver that were both waiting would have met);
//  - a buffered channel has qcount > 0 only if recvq is empty, and qcount < dataqsiz only if
//    sendq is empty;
//  - buffer slots [recvx, recvx + qcount) (mod dataqsiz) hold constructed elements, the
//    others raw memory.
// A blocked operation waits with a sudog on its own stack in the channel's queue; whoever
// takes it out moves the value directly to or from the waiter's stack, then wakes it. So an
// unbuffered hand-off moves the value once and allocates nothing.
//
// Elements are moved, never copied, by the runtime: a trivially copyable type's bytes are
// copied (memcpy, the fast path); any other type is moved and destroyed through the
// functions of its gocc::detail::elemType, so that std::unique_ptr or std::string elements
// are neither leaked nor destroyed twice. The buffer holds constructed elements only between
// their send and their receive; the last reference to a channel destroys what is left in it.
//
// Who waits how: a goroutine parks (gopark; its M runs other goroutines meanwhile). A thread
// the runtime did not start (std::thread: getg() is null) has no P and cannot park: it sleeps
// on a note, a futex, from a pool that is never freed, since the waker's futex wake may come
// after the sleeper has returned (and even after its thread has ended). A goroutine is woken
// onto the waker's P (goready), or, from a thread without a P, through the global run queue,
// which starts an idle P for it (injectglist).
//
// Lifetime: an hchan is reference-counted, as there is no collector. Every gocc::chan<T>
// handle holds a reference (an operation runs on its caller's handle, so none takes one: a
// blocked select, which relocks all its channels when it wakes, relies on its caller's
// handles as well). A blocked send or receive takes no atomic reference either: it is counted
// in its queue (nparked, under the lock) and never touches the channel once woken, so the
// channel may go as soon as no handle and no queued waiter is left. A waiter still queued when
// the last handle goes can never be woken: the channel stays, as Go's collector keeps the
// channel of a leaked goroutine.
//
// Panics (send on a closed channel, close of a closed channel) are the caller's to throw: the
// runtime reports them as a chanStatus, and gocc/chan.h throws gocc::runtime::Error in the
// program's own code.
#include "chan.h"

#include <cstdlib>
#include <cstring>
#include <new>

#include "malloc.h"
#include "print.h"
#include "proc.h"

namespace runtime {

// --- wait queues -----------------------------------------------------------------------------

void waitq::enqueue(sudog* sg) {
  if (!sg->sel) nparked++;
  sg->next = nullptr;
  sg->prev = last;
  if (last)
    last->next = sg;
  else
    first = sg;
  last = sg;
}

sudog* waitq::dequeue() {
  for (;;) {
    sudog* sg = first;
    if (!sg) return nullptr;
    first = sg->next;
    if (first)
      first->prev = nullptr;
    else
      last = nullptr;
    sg->next = sg->prev = nullptr;
    // A select waits in several queues: only the first dequeuer may take it. A select that
    // another case has won stays queued here until it relocks its channels and removes
    // itself (selectgo); skip it.
    if (selectState* sel = sg->sel) {
      uint32 open = 0;
      if (!sel->done.compare_exchange_strong(open, 1, std::memory_order_acq_rel)) continue;
      sel->winner = sg;
    } else {
      nparked--;
    }
    return sg;
  }
}

void waitq::remove(sudog* sg) {
  sudog* x = sg->prev;
  sudog* y = sg->next;
  if (x) {
    x->next = y;
    if (y)
      y->prev = x;
    else
      last = x;
    sg->prev = sg->next = nullptr;
    return;
  }
  if (y) {
    y->prev = nullptr;
    first = y;
    sg->next = nullptr;
    return;
  }
  // No neighbours: sg is the only waiter, or was dequeued already.
  if (first == sg) first = last = nullptr;
}

// --- waiters ---------------------------------------------------------------------------------

namespace {}  // namespace

void initWaiter(sudog* sg) {
  if (onUserGoroutine()) {
    sg->gp = getg();
    sg->tn = nullptr;
    return;
  }
  sg->gp = nullptr;
  sg->tn = getThreadNote();
  noteclear(&sg->tn->n);
}

void blockWaiter(sudog* sg, bool (*unlockf)(g*, void*), void* arg, waitReason reason) {
  if (sg->gp) {
    gopark(unlockf, arg, reason);
    return;
  }
  unlockf(nullptr, arg);
  notesleep(&sg->tn->n);
}

void finishWaiter(sudog* sg) {
  if (sg->tn) putThreadNote(sg->tn);
  sg->tn = nullptr;
}

void readyWaiter(sudog* sg) {
  g* gp = sg->gp;
  if (!gp) {
    notewakeup(&sg->tn->n);
    return;
  }
  goreadyAnywhere(gp);
}

void blockForever(waitReason reason) {
  if (onUserGoroutine()) gopark(nullptr, nullptr, reason);
  note never;  // a thread: nothing will ever wake it
  notesleep(&never);
  throw_("blockForever: woken");
}

// --- elements --------------------------------------------------------------------------------

namespace {

uint8_t* chanbuf(hchan* c, uint32 i) { return c->buf + uint64(i) * c->elemsize; }

// Construct *dst from *src, which stays constructed (its owner destroys it). dst may be null:
// a receive that drops the value.
inline void moveElem(hchan* c, void* dst, void* src) {
  if (!dst || c->elemsize == 0) return;
  if (c->moveElem) {
    c->moveElem(dst, src);
    return;
  }
  switch (c->elemsize) {  // the common sizes without a call
    case 4:
      memcpy(dst, src, 4);
      break;
    case 8:
      memcpy(dst, src, 8);
      break;
    case 16:
      memcpy(dst, src, 16);
      break;
    default:
      memcpy(dst, src, c->elemsize);
  }
}

inline void destroyElem(hchan* c, void* p) {
  if (c->destroyElem) c->destroyElem(p);
}

bool chanparkcommit(g*, void* lock) {
  unlock(static_cast<mutex*>(lock));
  return true;
}

// Block in q (c.lock held; released once blocked) until a partner moves the value to or from
// *ep, or close wakes us; returns whether a partner did. c may be gone on return (see
// Lifetime above): the caller must not touch it.
// Always inlined: a parked goroutine's traceback shows chansend or chanrecv innermost.
__attribute__((always_inline)) inline bool waitInQueue(hchan* c, waitq* q, void* ep,
                                                       waitReason reason) {
  sudog mysg;
  initWaiter(&mysg);
  mysg.elem = ep;
  mysg.c = c;
  q->enqueue(&mysg);
  blockWaiter(&mysg, chanparkcommit, &c->lock, reason);
  finishWaiter(&mysg);
  return mysg.success;
}

}  // namespace

void sendToWaiter(hchan* c, sudog* sg, void* ep) {
  // A receiver waits, so the buffer is empty: the value goes straight to its stack.
  moveElem(c, sg->elem, ep);
  sg->success = true;
}

void recvFromWaiter(hchan* c, sudog* sg, void* ep) {
  if (c->dataqsiz == 0) {
    moveElem(c, ep, sg->elem);
  } else {
    // A sender waits, so the buffer is full: take its head, and move the sender's value into
    // the freed slot, which becomes the tail.
    uint8_t* slot = chanbuf(c, c->recvx);
    moveElem(c, ep, slot);
    destroyElem(c, slot);
    moveElem(c, slot, sg->elem);
    if (++c->recvx == c->dataqsiz) c->recvx = 0;
    c->sendx = c->recvx;
  }
  sg->success = true;
}

void bufsend(hchan* c, void* ep) {
  moveElem(c, chanbuf(c, c->sendx), ep);
  if (++c->sendx == c->dataqsiz) c->sendx = 0;
  c->qcount.store(c->qcount.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

void bufrecv(hchan* c, void* ep) {
  uint8_t* slot = chanbuf(c, c->recvx);
  moveElem(c, ep, slot);
  destroyElem(c, slot);
  if (++c->recvx == c->dataqsiz) c->recvx = 0;
  c->qcount.store(c->qcount.load(std::memory_order_relaxed) - 1, std::memory_order_relaxed);
}

void recvClosed(hchan* c, void* ep) {
  // Go's zero value, for the bytes of a trivially copyable type; another type's T{} is
  // constructed by gocc/chan.h.
  if (ep && !c->moveElem && c->elemsize) memset(ep, 0, c->elemsize);
}

// --- channels --------------------------------------------------------------------------------

hchan* makechan(const gocc::detail::elemType& t, uint64 size) {
  if (t.size >= (1 << 16) || (t.align & (t.align - 1)) != 0)
    throw_("makechan: invalid channel element type");
  // Go's limit is the heap's (maxAlloc: here 1 TiB, or what malloc's size_t can say on a
  // 32-bit target, where a larger total would wrap to a small allocation); the ring's indices
  // here are 32-bit.
  constexpr uint64 maxAlloc = sizeof(size_t) == 8 ? uint64(1) << 40 : uint64(SIZE_MAX);
  if (size > UINT32_MAX || uint64(t.size) * size > maxAlloc) return nullptr;
  uint64 align = t.align > alignof(hchan) ? t.align : alignof(hchan);
  uint64 bufoff = (sizeof(hchan) + align - 1) & ~(align - 1);
  uint64 total = (bufoff + uint64(t.size) * size + align - 1) & ~(align - 1);
  if (total > SIZE_MAX) return nullptr;  // 32-bit: the header tipped it over
  // One allocation for the channel and its buffer.
  void* mem = align <= alignof(max_align_t) ? malloc(total) : aligned_alloc(align, total);
  if (!mem) throw_("runtime: out of memory");
  auto* c = new (mem) hchan();
  c->elemsize = t.size;
  c->dataqsiz = uint32(size);
  if (size > 0 && t.size > 0) c->buf = static_cast<uint8_t*>(mem) + bufoff;
  c->moveElem = t.move;
  c->destroyElem = t.destroy;
  return c;
}

hchan* makechan(uint32 elemsize, uint32 size) {
  gocc::detail::elemType bytes = {elemsize, alignof(max_align_t), nullptr, nullptr};
  hchan* c = makechan(bytes, size);
  if (!c) throw_("makechan: size out of range");
  return c;
}

void chanretain(hchan* c) { c->refs.fetch_add(1, std::memory_order_relaxed); }

void chanrelease(hchan* c) {
  if (c->refs.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  // No handle is left, so no operation runs on c: its queues are as they will stay.
  if (c->recvq.nparked == 0 && c->sendq.nparked == 0) freechan(c);
}

void freechan(hchan* c) {
  if (c->destroyElem) {
    uint32 n = c->qcount.load(std::memory_order_relaxed);
    for (uint32 i = 0, x = c->recvx; i < n; i++) {
      destroyElem(c, chanbuf(c, x));
      if (++x == c->dataqsiz) x = 0;
    }
  }
  c->~hchan();
  free(c);
}

chanStatus chansend(hchan* c, void* ep, bool block) {
  if (!c) {
    if (!block) return chanStatus::wouldBlock;
    blockForever(waitReasonChanSendNilChan);
  }
  lock(&c->lock);
  if (c->closed) {
    unlock(&c->lock);
    return chanStatus::closed;
  }
  if (sudog* sg = c->recvq.dequeue()) {
    sendToWaiter(c, sg, ep);
    unlock(&c->lock);
    readyWaiter(sg);
    return chanStatus::done;
  }
  if (c->qcount.load(std::memory_order_relaxed) < c->dataqsiz) {
    bufsend(c, ep);
    unlock(&c->lock);
    return chanStatus::done;
  }
  if (!block) {
    unlock(&c->lock);
    return chanStatus::wouldBlock;
  }
  // Wait for a receiver, which moves the value from *ep while we sleep.
  return waitInQueue(c, &c->sendq, ep, waitReasonChanSend) ? chanStatus::done : chanStatus::closed;
}

chanStatus chanrecv(hchan* c, void* ep, bool block) {
  if (!c) {
    if (!block) return chanStatus::wouldBlock;
    blockForever(waitReasonChanReceiveNilChan);
  }
  lock(&c->lock);
  if (c->closed && c->qcount.load(std::memory_order_relaxed) == 0) {
    unlock(&c->lock);
    recvClosed(c, ep);
    return chanStatus::closed;
  }
  if (sudog* sg = c->sendq.dequeue()) {
    recvFromWaiter(c, sg, ep);
    unlock(&c->lock);
    readyWaiter(sg);
    return chanStatus::done;
  }
  if (c->qcount.load(std::memory_order_relaxed) > 0) {
    bufrecv(c, ep);
    unlock(&c->lock);
    return chanStatus::done;
  }
  if (!block) {
    unlock(&c->lock);
    return chanStatus::wouldBlock;
  }
  // Wait for a sender, which moves its value into *ep while we sleep, or for close (which
  // zeroes *ep).
  return waitInQueue(c, &c->recvq, ep, waitReasonChanReceive) ? chanStatus::done
                                                              : chanStatus::closed;
}

bool chanrecv(hchan* c, void* ep, bool block, bool* received) {
  chanStatus s = chanrecv(c, ep, block);
  if (s == chanStatus::wouldBlock) return false;
  if (received) *received = s == chanStatus::done;
  return true;
}

bool closechan(hchan* c) {
  lock(&c->lock);
  if (c->closed) {
    unlock(&c->lock);
    return false;
  }
  c->closed = true;
  // Every waiter wakes: receivers to the zero value, senders to a panic. They are woken
  // after the lock is released, linked through next meanwhile.
  sudog* woken = nullptr;
  for (waitq* q : {&c->recvq, &c->sendq}) {
    while (sudog* sg = q->dequeue()) {
      if (q == &c->recvq) recvClosed(c, sg->elem);
      sg->success = false;
      sg->next = woken;
      woken = sg;
    }
  }
  unlock(&c->lock);
  while (sudog* sg = woken) {
    woken = sg->next;
    readyWaiter(sg);
  }
  return true;
}

}  // namespace runtime

// --- gocc/chan.h's runtime half --------------------------------------------------------------

namespace gocc::detail {

namespace {
::runtime::hchan* rt(hchan* c) { return reinterpret_cast<::runtime::hchan*>(c); }
}  // namespace

hchan* chanMake(const elemType* t, size_t size) {
  return reinterpret_cast<hchan*>(::runtime::makechan(*t, size));
}
void chanRetain(hchan* c) { ::runtime::chanretain(rt(c)); }
void chanRelease(hchan* c) { ::runtime::chanrelease(rt(c)); }
chanStatus chanSend(hchan* c, void* elem, bool block) {
  return ::runtime::chansend(rt(c), elem, block);
}
chanStatus chanRecv(hchan* c, void* elem, bool block) {
  return ::runtime::chanrecv(rt(c), elem, block);
}
bool chanClose(hchan* c) { return ::runtime::closechan(rt(c)); }
size_t chanLen(hchan* c) { return rt(c)->qcount.load(std::memory_order_relaxed); }
size_t chanCap(hchan* c) { return rt(c)->dataqsiz; }

}  // namespace gocc::detail
