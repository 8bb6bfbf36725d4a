// lock_futex.h — runtime locks and notes on futexes (Go: lock_futex.go).
#pragma once
#include "runtime2.h"

namespace runtime {

void lock(mutex* l);
void unlock(mutex* l);

// One-time notifications. A note starts cleared; notewakeup may be called once, by anyone;
// notesleep (by the note's one sleeper) returns once notewakeup has been called.
// noteclear re-arms it for another round, when nobody sleeps on it.
void noteclear(note* n);
void notewakeup(note* n);
void notesleep(note* n);
// notetsleep: like notesleep with a timeout (ns < 0: none); true if woken, false on timeout.
bool notetsleep(note* n, int64 ns);

// A note for a thread the runtime did not start to sleep on while it waits in a channel, a
// select or a semaphore (a goroutine parks instead). The notes come from one pool that is
// never freed, so that a waker's late notewakeup, after the sleeper has returned and even
// exited, touches memory that is still there.
struct threadNote {
  note n;
  threadNote* next = nullptr;
};
threadNote* getThreadNote();
void putThreadNote(threadNote* tn);

}  // namespace runtime
