// chan.h — channels (Go: chan.go), the runtime's own: gcenable's handshake uses one.
#pragma once
#include "lock_futex.h"
#include "runtime2.h"

namespace runtime {

struct hchan;

// A goroutine waiting in a channel's queue. It lives on the waiting goroutine's stack:
// stacks never move, and it is needed only while that goroutine is parked.
struct sudog {
  g* gp = nullptr;
  sudog* next = nullptr;
  sudog* prev = nullptr;
  void* elem = nullptr;  // the sender's value or the receiver's destination
  bool success = false;  // false: woken because the channel was closed
};

struct waitq {
  sudog* first = nullptr;
  sudog* last = nullptr;
  void enqueue(sudog* sg);
  sudog* dequeue();
  bool empty() const { return first == nullptr; }
};

struct hchan {
  uint32 qcount = 0;    // values in the buffer
  uint32 dataqsiz = 0;  // buffer capacity
  uint8_t* buf = nullptr;
  uint32 elemsize = 0;
  bool closed = false;
  uint32 sendx = 0;  // next buffer slot to send into
  uint32 recvx = 0;  // next buffer slot to receive from
  waitq recvq;
  waitq sendq;
  mutex lock;
};

GOCC_TESTING hchan* makechan(uint32 elemsize, uint32 size);
void freechan(hchan* c);  // no goroutine may still use c
// Send *ep. block=false: only if it can be done at once; returns whether it was sent.
GOCC_TESTING bool chansend(hchan* c, const void* ep, bool block);
// Receive into *ep (may be null). Returns whether a receive happened (always, if block);
// *received is false when the value is the zero value of a closed, drained channel.
GOCC_TESTING bool chanrecv(hchan* c, void* ep, bool block, bool* received);
void closechan(hchan* c);

}  // namespace runtime
