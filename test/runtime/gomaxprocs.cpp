// GOMAXPROCS: the environment variable sets the number of Ps; garbage is ignored as Go
// ignores it (NumCPU Ps); gocc::runtime::GOMAXPROCS(n) changes it at run time.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=3 %t | FileCheck %s --check-prefix=THREE
// RUN: env GOMAXPROCS=1 %t | FileCheck %s --check-prefix=ONE
// RUN: %t | FileCheck %s --check-prefix=DEFAULT
// RUN: env GOMAXPROCS=abc %t | FileCheck %s --check-prefix=DEFAULT
// RUN: env GOMAXPROCS=0 %t | FileCheck %s --check-prefix=DEFAULT
// RUN: env GOMAXPROCS=-4 %t | FileCheck %s --check-prefix=DEFAULT
// RUN: env GOMAXPROCS= %t | FileCheck %s --check-prefix=DEFAULT
// RUN: env GOMAXPROCS=3x %t | FileCheck %s --check-prefix=DEFAULT
// RUN: env GOMAXPROCS=99999999999999999999 %t | FileCheck %s --check-prefix=DEFAULT
// RUN: env GOMAXPROCS=100000 %t | FileCheck %s --check-prefix=CAPPED
#include <gocc/runtime.h>

#include <cstdio>

int main() {
  int procs = gocc::runtime::GOMAXPROCS(0);
  int cpus = gocc::runtime::NumCPU();
  printf("procs=%d numcpu-matches=%s\n", procs, procs == cpus ? "yes" : "no");
  printf("set 2, was %d\n", gocc::runtime::GOMAXPROCS(2) == procs);
  printf("now %d\n", gocc::runtime::GOMAXPROCS(0));
  printf("set -1 leaves it: %d\n", gocc::runtime::GOMAXPROCS(-1));
  printf("goroutines=%d\n", gocc::runtime::NumGoroutine());
}
// THREE: procs=3
// THREE-NEXT: set 2, was 1
// THREE-NEXT: now 2
// THREE-NEXT: set -1 leaves it: 2
// THREE-NEXT: goroutines=1
// ONE: procs=1
// ONE: now 2
// DEFAULT: procs={{[0-9]+}} numcpu-matches=yes
// DEFAULT: now 2
// CAPPED: procs=1024
