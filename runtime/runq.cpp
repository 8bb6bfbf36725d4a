// runq.cpp — see runq.h.
#include "runq.h"

#include "lock_futex.h"
#include "malloc.h"
#include "os_linux.h"
#include "print.h"

namespace runtime {

namespace {

// Move half of pp's local queue and gp to the global queue. False if a thief got there
// first (then the local queue is no longer full and the caller retries).
bool runqputslow(p* pp, g* gp, uint32 h, uint32 t) {
  g* batch[runqSize / 2 + 1];
  uint32 n = (t - h) / 2;
  if (n != runqSize / 2) throw_("runqputslow: queue is not full");
  for (uint32 i = 0; i < n; i++) batch[i] = pp->runq[(h + i) % runqSize];
  if (!pp->runqhead.compare_exchange_strong(h, h + n, std::memory_order_release)) return false;
  batch[n] = gp;
  lock(&sched.lock);
  globrunqputbatch(batch, int32(n + 1));
  unlock(&sched.lock);
  return true;
}

// Grab up to half of pp's goroutines into batch[batchHead...]; returns how many.
uint32 runqgrab(p* pp, g** batch, uint32 batchHead, bool stealRunNext) {
  for (;;) {
    uint32 h = pp->runqhead.load(std::memory_order_acquire);
    uint32 t = pp->runqtail.load(std::memory_order_acquire);
    uint32 n = t - h;
    n = n - n / 2;
    if (n == 0) {
      if (stealRunNext) {
        g* next = pp->runnext.load(std::memory_order_acquire);
        if (next && pp->status.load(std::memory_order_relaxed) == Prunning) {
          // A running P's runnext is most often the partner of a goroutine that has just
          // readied it and is about to block (a channel hand-off): give the owner 3 µs to
          // switch to it, as Go does, rather than split the pair across two threads.
          usleep(3);
          next = pp->runnext.load(std::memory_order_acquire);
        }
        if (next && pp->runnext.compare_exchange_strong(next, nullptr, std::memory_order_acq_rel)) {
          batch[batchHead % runqSize] = next;
          return 1;
        }
      }
      return 0;
    }
    if (n > runqSize / 2) continue;  // read inconsistent h and t
    for (uint32 i = 0; i < n; i++) batch[(batchHead + i) % runqSize] = pp->runq[(h + i) % runqSize];
    if (pp->runqhead.compare_exchange_strong(h, h + n, std::memory_order_release)) return n;
  }
}

}  // namespace

void runqput(p* pp, g* gp, bool next) {
  if (next) {
    g* old = pp->runnext.load(std::memory_order_relaxed);
    while (!pp->runnext.compare_exchange_weak(old, gp, std::memory_order_acq_rel)) {
    }
    if (!old) return;
    gp = old;  // kick the old runnext out to the regular queue
  }
  for (;;) {
    uint32 h = pp->runqhead.load(std::memory_order_acquire);
    uint32 t = pp->runqtail.load(std::memory_order_relaxed);
    if (t - h < runqSize) {
      pp->runq[t % runqSize] = gp;
      pp->runqtail.store(t + 1, std::memory_order_release);
      return;
    }
    if (runqputslow(pp, gp, h, t)) return;
  }
}

g* runqget(p* pp, bool* inheritTime) {
  g* next = pp->runnext.load(std::memory_order_relaxed);
  // Only the owner sets runnext to non-null, so a failed CAS means a thief took it.
  if (next && pp->runnext.compare_exchange_strong(next, nullptr, std::memory_order_acq_rel)) {
    if (inheritTime) *inheritTime = true;
    return next;
  }
  for (;;) {
    uint32 h = pp->runqhead.load(std::memory_order_acquire);
    uint32 t = pp->runqtail.load(std::memory_order_relaxed);
    if (t == h) return nullptr;
    g* gp = pp->runq[h % runqSize];
    if (pp->runqhead.compare_exchange_weak(h, h + 1, std::memory_order_release)) {
      if (inheritTime) *inheritTime = false;
      if (t - h > 2) prefetchG(pp->runq[(h + 2) % runqSize]);  // likely to run soon
      return gp;
    }
  }
}

g* runqsteal(p* pp, p* p2, bool stealRunNext) {
  uint32 t = pp->runqtail.load(std::memory_order_relaxed);
  uint32 n = runqgrab(p2, pp->runq, t, stealRunNext);
  if (n == 0) return nullptr;
  n--;
  g* gp = pp->runq[(t + n) % runqSize];
  if (n == 0) return gp;
  uint32 h = pp->runqhead.load(std::memory_order_acquire);
  if (t - h + n >= runqSize) throw_("runqsteal: runq overflow");
  pp->runqtail.store(t + n, std::memory_order_release);
  return gp;
}

bool runqempty(p* pp) {
  // runqhead/runqtail/runnext are read without a snapshot: retry until tail is stable.
  for (;;) {
    uint32 h = pp->runqhead.load(std::memory_order_acquire);
    uint32 t = pp->runqtail.load(std::memory_order_acquire);
    g* next = pp->runnext.load(std::memory_order_acquire);
    if (pp->runqtail.load(std::memory_order_acquire) == t) return h == t && next == nullptr;
  }
}

uint32 runqlen(p* pp) {
  return pp->runqtail.load(std::memory_order_acquire) -
         pp->runqhead.load(std::memory_order_acquire);
}

void globrunqput(g* gp) {
  sched.runq.pushBack(gp);
  sched.runqsize++;
}

void globrunqputbatch(g** batch, int32 n) {
  for (int32 i = 0; i < n; i++) sched.runq.pushBack(batch[i]);
  sched.runqsize += n;
}

void gRing::pushBack(g* gp) {
  if (size == capacity) {  // double, unwrapping the old ring at the start of the new one
    uint32 grown = capacity ? capacity * 2 : 256;
    auto* bigger = static_cast<g**>(sysAlloc(grown * sizeof(g*)));
    for (uint32 i = 0; i < size; i++) bigger[i] = slots[(head + i) & (capacity - 1)];
    if (slots) sysFree(slots, capacity * sizeof(g*));
    slots = bigger;
    capacity = grown;
    head = 0;
  }
  slots[(head + size) & (capacity - 1)] = gp;
  size++;
}

void gRing::release() {
  sysFree(slots, capacity * sizeof(g*));
  *this = gRing{};
}

g* globrunqget(p* pp, int32 max) {
  if (sched.runqsize == 0) return nullptr;
  int32 n = sched.runqsize / gomaxprocs + 1;
  if (n > sched.runqsize) n = sched.runqsize;
  if (max > 0 && n > max) n = max;
  if (n > runqSize / 2) n = runqSize / 2;
  sched.runqsize -= n;
  g* gp = sched.runq.pop();
  for (n--; n > 0; n--) runqput(pp, sched.runq.pop(), false);
  return gp;
}

}  // namespace runtime
