// sema.h — semaphores keyed by address, and the notify lists behind gocc::sync::Cond (Go:
// sema.go). They are what gocc::sync's Mutex, RWMutex, WaitGroup, Once and Cond block in.
//
// A semaphore is any 32-bit counter in memory: semacquire waits until it is > 0 and takes
// one; semrelease adds one and wakes a waiter. The waiters live in a fixed hash table of
// queues keyed by the counter's address, so a semaphore costs its 4 bytes and nothing else.
//
// A waiter is a goroutine (it parks: its thread runs other goroutines meanwhile) or a thread
// the runtime did not start, or the runtime's own g0 (it sleeps on a futex). Both kinds wait
// in the same queues and are woken in the same order.
#pragma once
#include "lock_futex.h"
#include "runtime2.h"

namespace runtime {

// semacquire1: wait until *addr > 0, then decrement it. lifo: queue at the head of the
// address's waiters (a waiter that was woken, lost the race and waits again, as
// sync.Mutex's). reason: what tracebacks show while the goroutine waits.
// Never tail-called: its caller's frame stays in the waiting goroutine's traceback.
__attribute__((not_tail_called)) void semacquire1(std::atomic<uint32>* addr, bool lifo,
                                                  waitReason reason);
// semrelease1: increment *addr and wake one waiter, if any. handoff: if the counter can be
// taken for the woken waiter at once, take it for them (a ticket), so that nobody who
// comes later can take it first (sync.Mutex's starvation mode).
void semrelease1(std::atomic<uint32>* addr, bool handoff);

struct semaWaiter;

// A ticket-ordered list of waiters for a condition variable (Go: notifyList). notifyListAdd
// gives a waiter its ticket while it still holds the condition's lock; notifyListWait waits
// for that ticket to be notified, and returns at once if it already was. wait is the next
// ticket to give, notify the next one to notify: tickets in [notify, wait) are waiting.
// Tickets wrap around; they are compared by their difference.
struct notifyList {
  std::atomic<uint32> wait{0};
  std::atomic<uint32> notify{0};
  mutex lock;
  semaWaiter* head = nullptr;
  semaWaiter* tail = nullptr;
};

uint32 notifyListAdd(notifyList* l);
__attribute__((not_tail_called)) void notifyListWait(notifyList* l, uint32 ticket);
void notifyListNotifyOne(notifyList* l);
void notifyListNotifyAll(notifyList* l);

// syncCanSpin: may sync.Mutex spin (iteration i) before it blocks? Only a few times, on a
// multicore machine, with GOMAXPROCS > 1, another P running and nothing else queued on this
// P: spinning pays only if the holder runs at the same time and releases the lock soon
// (Go: sync_runtime_canSpin). syncDoSpin: one spin.
bool syncCanSpin(int i);
void syncDoSpin();

}  // namespace runtime
