// syscall_linux.h — the blocking libc functions a C++ program calls, wrapped so that a
// goroutine blocked in one does not hold its P (Go: the syscall package's Syscall, which
// brackets every blocking system call with entersyscall and exitsyscall).
//
// The wrappers themselves are the libc names, defined in syscall_linux.cpp with default
// visibility. This header holds the test they share.
#pragma once
#include "runtime2.h"

namespace runtime {

// Whether a blocking call made here may enter a system call: the code is a user goroutine
// that holds a P and runs on its own stack, in user code (Grunning). Not on a thread the
// runtime did not start (getg() null), not on g0 (the scheduler, sysmon), not in a signal
// handler on the alternate signal stack, not for a goroutine already in a system call (a
// signal handler that interrupted it): its M has no P, and from the start of entersyscall
// its status is Gsyscall.
inline bool mayEnterSyscall() {
  g* gp = getg();
  if (!gp) return false;
  m* mp = gp->m;
  if (gp != mp->curg || !mp->p) return false;
  if (gp->atomicstatus.load(std::memory_order_relaxed) != Grunning) return false;
  auto sp = reinterpret_cast<uintptr>(__builtin_frame_address(0));
  return sp >= gp->stk.lo && sp < gp->stk.hi;
}

}  // namespace runtime
