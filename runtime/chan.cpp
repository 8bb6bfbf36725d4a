// chan.cpp — channels (Go: chan.go).
//
// Invariants, under c.lock:
//  - at most one of sendq and recvq is non-empty (except for an unbuffered channel with
//    both senders and receivers blocked... which cannot happen: they would have met);
//  - a buffered channel has qcount > 0 only if recvq is empty, and qcount < dataqsiz only
//    if sendq is empty.
// A blocked goroutine parks with a sudog on its own stack in the channel's queue; whoever
// takes it out copies the value directly to or from the sleeper's stack and readies it.
#include "chan.h"

#include <cstdlib>
#include <cstring>

#include "print.h"
#include "proc.h"

namespace runtime {

void waitq::enqueue(sudog* sg) {
  sg->next = nullptr;
  sg->prev = last;
  if (last)
    last->next = sg;
  else
    first = sg;
  last = sg;
}

sudog* waitq::dequeue() {
  sudog* sg = first;
  if (!sg) return nullptr;
  first = sg->next;
  if (first)
    first->prev = nullptr;
  else
    last = nullptr;
  sg->next = sg->prev = nullptr;
  return sg;
}

hchan* makechan(uint32 elemsize, uint32 size) {
  if (elemsize > (1 << 16)) throw_("makechan: invalid channel element type");
  if (size > 0 && uint64(elemsize) * size > (uint64(1) << 40))
    throw_("makechan: size out of range");
  auto* c = new (calloc(1, sizeof(hchan))) hchan();
  c->elemsize = elemsize;
  c->dataqsiz = size;
  if (size > 0 && elemsize > 0) c->buf = static_cast<uint8_t*>(calloc(size, elemsize));
  return c;
}

void freechan(hchan* c) {
  free(c->buf);
  c->~hchan();
  free(c);
}

namespace {

uint8_t* chanbuf(hchan* c, uint32 i) { return c->buf + uint64(i) * c->elemsize; }

void copyElem(hchan* c, void* dst, const void* src) {
  if (dst && c->elemsize) memcpy(dst, src, c->elemsize);
}

void zeroElem(hchan* c, void* dst) {
  if (dst && c->elemsize) memset(dst, 0, c->elemsize);
}

bool chanparkcommit(g*, void* lock) {
  unlock(static_cast<mutex*>(lock));
  return true;
}

// Park in q until a partner takes our sudog (c.lock held on entry, released once parked).
// Returns false if we were woken by close instead.
bool waitInQueue(hchan* c, waitq* q, void* elem, waitReason reason) {
  sudog mysg;
  mysg.gp = getg();
  mysg.elem = elem;
  q->enqueue(&mysg);
  gopark(chanparkcommit, &c->lock, reason);
  return mysg.success;
}

}  // namespace

bool chansend(hchan* c, const void* ep, bool block) {
  lock(&c->lock);
  if (c->closed) {
    unlock(&c->lock);
    throw_("send on closed channel");
  }
  if (sudog* sg = c->recvq.dequeue()) {
    // A receiver is waiting: hand it the value directly.
    copyElem(c, sg->elem, ep);
    sg->success = true;
    unlock(&c->lock);
    goready(sg->gp);
    return true;
  }
  if (c->qcount < c->dataqsiz) {
    copyElem(c, chanbuf(c, c->sendx), ep);
    if (++c->sendx == c->dataqsiz) c->sendx = 0;
    c->qcount++;
    unlock(&c->lock);
    return true;
  }
  if (!block) {
    unlock(&c->lock);
    return false;
  }
  if (!waitInQueue(c, &c->sendq, const_cast<void*>(ep), waitReasonChanSend))
    throw_("send on closed channel");
  return true;
}

bool chanrecv(hchan* c, void* ep, bool block, bool* received) {
  lock(&c->lock);
  if (c->closed && c->qcount == 0) {
    unlock(&c->lock);
    zeroElem(c, ep);
    if (received) *received = false;
    return true;
  }
  if (sudog* sg = c->sendq.dequeue()) {
    // A sender is waiting, so the buffer (if any) is full: take its head, and move the
    // sender's value into the freed slot at the tail.
    if (c->dataqsiz == 0) {
      copyElem(c, ep, sg->elem);
    } else {
      copyElem(c, ep, chanbuf(c, c->recvx));
      copyElem(c, chanbuf(c, c->recvx), sg->elem);
      if (++c->recvx == c->dataqsiz) c->recvx = 0;
      c->sendx = c->recvx;
    }
    sg->success = true;
    unlock(&c->lock);
    goready(sg->gp);
    if (received) *received = true;
    return true;
  }
  if (c->qcount > 0) {
    copyElem(c, ep, chanbuf(c, c->recvx));
    zeroElem(c, chanbuf(c, c->recvx));
    if (++c->recvx == c->dataqsiz) c->recvx = 0;
    c->qcount--;
    unlock(&c->lock);
    if (received) *received = true;
    return true;
  }
  if (!block) {
    unlock(&c->lock);
    return false;
  }
  bool ok = waitInQueue(c, &c->recvq, ep, waitReasonChanReceive);
  if (received) *received = ok;
  return true;
}

void closechan(hchan* c) {
  lock(&c->lock);
  if (c->closed) {
    unlock(&c->lock);
    throw_("close of closed channel");
  }
  c->closed = true;
  gQueue woken;
  while (sudog* sg = c->recvq.dequeue()) {
    zeroElem(c, sg->elem);
    sg->success = false;
    woken.pushBack(sg->gp);
  }
  while (sudog* sg = c->sendq.dequeue()) {
    sg->success = false;
    woken.pushBack(sg->gp);
  }
  unlock(&c->lock);
  while (g* gp = woken.pop()) goready(gp);
}

}  // namespace runtime
