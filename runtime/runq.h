// runq.h — run queues (Go: proc.go's runqput/runqget/runqsteal and the global queue).
//
// Each P has a local run queue of runqSize goroutines plus a one-slot runnext. Only the
// P's owner puts into it (single producer); the owner and thieves take from it, by CAS on
// runqhead (multiple consumers). head and tail only grow; slot = index % runqSize.
// runnext holds the goroutine readied most recently by the running one (the receiver of a
// channel send, say): it runs next, inheriting the time slice, which keeps a
// producer–consumer pair on one P.
//
// When the local queue is full, runqput moves half of it, plus the new goroutine, to the
// global run queue (sched.runq, under sched.lock), which every P checks from time to time.
#pragma once
#include "runtime2.h"

namespace runtime {

// Put gp on pp's local queue (next: into runnext). Called by pp's owner only.
void runqput(p* pp, g* gp, bool next);
// Take a goroutine from pp's local queue, runnext first. Called by pp's owner only.
// *inheritTime is true if it came from runnext.
g* runqget(p* pp, bool* inheritTime);
// Steal half of p2's goroutines into pp's queue and return one of them (or null).
// stealRunNext: also take p2's runnext.
g* runqsteal(p* pp, p* p2, bool stealRunNext);
bool runqempty(p* pp);
uint32 runqlen(p* pp);

// The global run queue. Callers hold sched.lock.
void globrunqput(g* gp);
void globrunqputbatch(g** batch, int32 n);
g* globrunqget(p* pp, int32 max);  // also refills pp's local queue

}  // namespace runtime
