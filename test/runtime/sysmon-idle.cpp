// sysmon sleeps while it has nothing to do: with no scheduler trace wanted and no pooled stack
// waiting for the scavenger, a program blocked in a system call costs no CPU. (sysmon used to
// poll every 10 ms for as long as main held its P: ~50 wake-ups in the half second below.)
// With GODEBUG=schedtrace it must keep waking, to print.
// RUN: %gocc build -cxxflags=-I%S/Inputs -o %t %s
// RUN: %t | FileCheck %s --check-prefix=QUIET
// QUIET: sysmon quiet
// RUN: env GODEBUG=schedtrace=50 %t | FileCheck %s --check-prefix=TRACE
// TRACE: sysmon busy
#include "other_thread.h"

static long sysmonSwitches() { return atol(otherThreadStatus("voluntary_ctxt_switches:").c_str()); }

int main() {
  usleep(100 * 1000);  // let sysmon settle
  long before = sysmonSwitches();
  usleep(500 * 1000);  // blocked in a system call, holding the main goroutine's P
  long woke = sysmonSwitches() - before;
  std::printf("sysmon %s (%ld wake-ups)\n", woke < 5 ? "quiet" : "busy", woke);
}
