// sysmon sleeps while it has nothing to do: with no scheduler trace wanted and no pooled stack
// waiting for the scavenger, a program blocked in a system call costs no CPU. (A sysmon that
// polled every 10 ms while main held its P would wake ~50 times in the half second below.)
// With GODEBUG=schedtrace it must keep waking, to print.
// RUN: %gocc build -o %t -cxxflags=-I%S/Inputs %s
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
