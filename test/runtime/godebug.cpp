// GODEBUG: inittrace=1 prints one line per init task in Go's format (the libraries', then
// the program's, one per translation unit); schedtrace=X prints the scheduler summary;
// garbage is ignored, as Go ignores it.
// RUN: %gocc build -o %t %s
// RUN: env GODEBUG=inittrace=1 %t 2>&1 | FileCheck %s --check-prefix=TRACE
// RUN: env GODEBUG=schedtrace=5 %t 2>&1 | FileCheck %s --check-prefix=SCHED
// RUN: env GODEBUG=schedtrace=5,scheddetail=1 %t 2>&1 | FileCheck %s --check-prefix=DETAIL
// RUN: env GODEBUG=inittrace=x,schedtrace=,,=1,nonsense,foo=bar,inittrace %t 2>&1 | FileCheck %s --check-prefix=QUIET
// RUN: env GODEBUG=inittrace=99999999999999999999 %t 2>&1 | FileCheck %s --check-prefix=QUIET
// RUN: env GODEBUG= %t 2>&1 | FileCheck %s --check-prefix=QUIET
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

std::vector<std::string> table = {"a", "b", "c"};  // a constructor that allocates

int main() {
  usleep(20000);  // long enough for a few schedtrace lines
  printf("main %zu\n", table.size());
}
// TRACE: init libstdc++ @{{[0-9.]+}} ms, {{[0-9.]+}} ms clock, {{[0-9]+}} bytes, {{[0-9]+}} allocs
// TRACE-NEXT: init godebug.cpp @{{[0-9.]+}} ms, {{[0-9.]+}} ms clock, {{[1-9][0-9]*}} bytes, {{[1-9][0-9]*}} allocs
// TRACE-NEXT: main 3
// SCHED: SCHED {{[0-9]+}}ms: gomaxprocs={{[0-9]+}} idleprocs={{[0-9]+}} threads={{[0-9]+}} spinningthreads={{[0-9]+}} idlethreads={{[0-9]+}} runqueue=0 [{{[0-9 ]+}}]
// SCHED: main 3
// DETAIL: SCHED {{[0-9]+}}ms: gomaxprocs={{[0-9]+}} {{.*}} gcwaiting=0 nmidlelocked={{[0-9]+}} stopwait=0 sysmonwait=0
// DETAIL-NEXT: P0: status={{[0-3]}} schedtick={{[0-9]+}} syscalltick={{[0-9]+}} m={{-?[0-9]+}} runqsize={{[0-9]+}} gfreecnt={{[0-9]+}}
// DETAIL: M0: p={{-?[0-9]+}} curg={{-?[0-9]+}} spinning={{true|false}} lockedg={{-?[0-9]+}}
// QUIET-NOT: init
// QUIET-NOT: SCHED
// QUIET: main 3
// QUIET-NOT: {{.}}
