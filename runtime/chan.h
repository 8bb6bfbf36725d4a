// chan.h — channels and select (Go: chan.go, select.go): the runtime's half of gocc/chan.h and
// gocc/select.h, and the channel gcenable's handshake uses.
#pragma once
#include "gocc/chan.h"
#include "gocc/select.h"
#include "lock_futex.h"
#include "runtime2.h"

namespace runtime {

struct hchan;
struct selectState;
struct threadNote;

// A goroutine or thread waiting in a channel's queue. It lives on the waiter's stack:
// stacks never move, and it is needed only while its owner is blocked. Whoever dequeues it
// moves the value to or from elem, sets success, and wakes the owner (readyWaiter); after
// that it must not touch the sudog again.
struct sudog {
  g* gp = nullptr;           // the parked goroutine; null for a sleeping thread
  threadNote* tn = nullptr;  // a sleeping thread's note
  sudog* next = nullptr;
  sudog* prev = nullptr;
  void* elem = nullptr;        // the sender's value or the receiver's destination
  hchan* c = nullptr;          // the channel it waits on
  selectState* sel = nullptr;  // a select's case: the select's shared state
  bool success = false;        // false: woken because the channel was closed
};

// What a select's sudogs share: the first dequeuer to win done takes the select, and
// records its sudog in winner; the others skip the select's sudogs from then on.
struct selectState {
  std::atomic<uint32> done{0};
  sudog* winner = nullptr;
};

struct waitq {
  sudog* first = nullptr;
  sudog* last = nullptr;
  uint32 nparked = 0;  // queued sudogs of plain sends and receives (not a select's)
  void enqueue(sudog* sg);
  // The first waiter that can still be woken: a select's sudog is skipped (and unlinked)
  // when another of its cases has won already.
  sudog* dequeue();
  void remove(sudog* sg);  // unlink sg if it is still queued
  bool empty() const { return first == nullptr; }
};

using gocc::detail::chanStatus;

struct hchan {
  std::atomic<uint32> qcount{0};  // values in the buffer (read without the lock by len)
  uint32 dataqsiz = 0;            // buffer capacity
  uint8_t* buf = nullptr;
  uint32 elemsize = 0;
  bool closed = false;
  uint32 sendx = 0;  // next buffer slot to send into
  uint32 recvx = 0;  // next buffer slot to receive from
  waitq recvq;
  waitq sendq;
  mutex lock;
  // The element type's operations; null for a trivially copyable type, moved as bytes.
  void (*moveElem)(void* dst, void* src) noexcept = nullptr;
  void (*destroyElem)(void* p) noexcept = nullptr;
  // References: every handle (gocc::chan<T>), and every case of a blocked select. A blocked
  // send or receive is counted in its queue's nparked instead (see chanrelease).
  std::atomic<uint32> refs{1};
};

// A channel of elements of t, with a buffer of size; one reference, the caller's. Null if
// the buffer would be too large.
hchan* makechan(const gocc::detail::elemType& t, uint64 size);
// A channel of elemsize-byte values moved as bytes (the runtime's own use).
hchan* makechan(uint32 elemsize, uint32 size);
void chanretain(hchan* c);
// Drop a reference. The last one frees c, destroying what its buffer holds, unless a send or
// receive is blocked on it: no handle is left to wake it, so it and the channel stay forever
// (Go's leaked goroutine keeps its channel the same way).
void chanrelease(hchan* c);
void freechan(hchan* c);  // no goroutine may still use c

// Send *ep (moved from; the caller still owns *ep). c == null: the nil channel.
chanStatus chansend(hchan* c, void* ep, bool block);
// Receive into *ep (raw storage, or null to drop the value). Returns whether a receive
// happened (always, if block); *received is false when the channel was closed and drained.
bool chanrecv(hchan* c, void* ep, bool block, bool* received);
chanStatus chanrecv(hchan* c, void* ep, bool block);
bool closechan(hchan* c);  // false: already closed

// One case of a select: a send of *elem to c, or a receive into elem.
using gocc::detail::scase;
// Go's selectgo: run one ready case, chosen uniformly at random among the ready ones, or, if
// none is ready, block until one is (block) or return -1 (a select with a default). Returns
// the index of the case, and in *ok whether it did its work: false for a receive from a
// closed channel, and for a send to a closed channel (the caller panics).
int selectgo(scase* cases, int ncases, bool block, bool* ok);

// --- what chan.cpp shares with select.cpp ---------------------------------------------------

// Operations on a ready channel, c.lock held: with a waiter dequeued from the opposite queue,
// or with the buffer.
void sendToWaiter(hchan* c, sudog* sg, void* ep);
void recvFromWaiter(hchan* c, sudog* sg, void* ep);
void bufsend(hchan* c, void* ep);
void bufrecv(hchan* c, void* ep);
void recvClosed(hchan* c, void* ep);  // closed and drained: the zero value, if it has one

// The caller as a waiter: a goroutine parks, a thread sleeps on a note (initWaiter).
void initWaiter(sudog* sg);
// Block until readyWaiter(sg) (or, in a select, one of its sudogs). unlockf(gp, arg)
// releases the channel locks once the caller can no longer miss its wake-up.
void blockWaiter(sudog* sg, bool (*unlockf)(g*, void*), void* arg, waitReason reason);
void finishWaiter(sudog* sg);  // after blockWaiter: give back a thread's note
// Wake sg's owner. Called without channel locks; sg may be gone once this returns.
void readyWaiter(sudog* sg);
// Block forever: the nil channel, and select with no cases.
[[noreturn]] void blockForever(waitReason reason);

}  // namespace runtime
