// Faults in user code become Go's runtime-error panics, printed from the faulting pc and
// frame (taken from the signal's ucontext) on the M's alternate signal stack, exit status 2.
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t nil 2>&1; echo status=$?' | FileCheck %s --check-prefix=NIL
// RUN: bash -c '%t wild 2>&1; echo status=$?' | FileCheck %s --check-prefix=WILD
// RUN: bash -c '%t div 2>&1; echo status=$?' | FileCheck %s --check-prefix=DIV
// RUN: bash -c '%t bus %t.bus 2>&1; echo status=$?' | FileCheck %s --check-prefix=BUS
// The main goroutine's guard is a PROT_NONE area in either guard mode (an access fault,
// SEGV_ACCERR, code 2).
// RUN: bash -c '%t overflow 2>&1; echo status=$?' | FileCheck %s --check-prefix=OVERFLOW
// RUN: bash -c 'env GODEBUG=stackmprotect=1 %t overflow 2>&1; echo status=$?' \
// RUN:   | FileCheck %s --check-prefix=OVERFLOW
// A non-canonical address faults with si_code SI_KERNEL and addr 0: not a nil dereference
// (Go checks the code too), but an unexpected fault.
// RUN: bash -c '%t noncanonical 2>&1; echo status=$?' | FileCheck %s --check-prefix=NONCANON
// NONCANON: unexpected fault address 0x0
// NONCANON-NEXT: fatal error: fault
// NONCANON-NEXT: [signal SIGSEGV: segmentation violation code=0x80 addr=0x0 pc=0x{{[0-9a-f]+}}]
// NONCANON-NOT: nil pointer
// NONCANON: status=2
// A SIGSEGV sent by kill(2) is not a fault: it kills as it would without the runtime.
// RUN: bash -c '%t kill 2>&1; echo status=$?' | FileCheck %s --check-prefix=KILL
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>

volatile int sink;

namespace ns {
struct T {
  int* p;
  __attribute__((noinline)) int load() const { return *p + 1; }
  // NIL: panic: runtime error: invalid memory address or nil pointer dereference
  // NIL-NEXT: [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x{{[0-9a-f]+}}]
  // NIL-EMPTY:
  // NIL-NEXT: goroutine 1 [running]:
  // NIL-NEXT: ns::T::load() const
  // The faulting instruction's own line (no pc-1 for the top frame).
  // NIL-NEXT: {{^	/.*}}signals.cpp:[[@LINE-7]] +0x{{[0-9a-f]+$}}
  // WILD: unexpected fault address 0xdeadbeef
  // WILD-NEXT: fatal error: fault
  // WILD-NEXT: [signal SIGSEGV: segmentation violation code=0x1 addr=0xdeadbeef pc=0x{{[0-9a-f]+}}]
  // WILD-EMPTY:
  // WILD-NEXT: goroutine 1 [running]:
  // WILD-NEXT: ns::T::load() const
  // A throw (Go's "fault") shows every frame with fp/sp/pc, runtime frames included.
  // WILD-NEXT: signals.cpp:[[@LINE-15]] +0x{{[0-9a-f]+}} fp=0x{{[0-9a-f]+}} sp=0x{{[0-9a-f]+}} pc=0x{{[0-9a-f]+$}}
};
}  // namespace ns

__attribute__((noinline)) int load(int* p) {
  ns::T t{p};
  int v = t.load();
  // NIL-NEXT: load(int*)
  // NIL-NEXT: signals.cpp:[[@LINE-2]] +0x
  // WILD-NEXT: load(int*)
  return v * 3;
}

__attribute__((noinline)) int divide(int a, int b) {
  return a / b;
  // DIV: panic: runtime error: integer divide by zero
  // DIV-NEXT: [signal SIGFPE: floating-point exception code=0x1 addr=0x{{[0-9a-f]+}} pc=0x{{[0-9a-f]+}}]
  // DIV-EMPTY:
  // DIV-NEXT: goroutine 1 [running]:
  // DIV-NEXT: divide(int, int)
  // DIV-NEXT: signals.cpp:[[@LINE-6]] +0x
}

// A page of a file mapped beyond the file's end: SIGBUS (BUS_ADRERR) at a real address,
// which Go reports as an unexpected fault address.
__attribute__((noinline)) int busError(const char* path) {
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  auto* p = static_cast<volatile int*>(mmap(nullptr, 4096, PROT_READ, MAP_SHARED, fd, 0));
  return p[0];
  // BUS: unexpected fault address 0x{{[0-9a-f]+}}
  // BUS-NEXT: fatal error: fault
  // BUS-NEXT: [signal SIGBUS: bus error code=0x2 addr=0x{{[0-9a-f]+}} pc=0x{{[0-9a-f]+}}]
  // BUS-EMPTY:
  // BUS-NEXT: goroutine 1 [running]:
  // BUS-NEXT: busError(char const*)
  // BUS-NEXT: signals.cpp:[[@LINE-7]] +0x
}

// Unbounded recursion runs into the guard page below the main goroutine's stack.
__attribute__((noinline)) int recurse(int n) {
  volatile char frame[512];
  frame[0] = char(n);
  return recurse(n + 1) + frame[0];
  // OVERFLOW: runtime: goroutine stack exceeds {{[0-9]+}}-byte limit
  // OVERFLOW-NEXT: runtime: sp=0x{{[0-9a-f]+}} stack=[0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}]
  // OVERFLOW-NEXT: fatal error: stack overflow
  // OVERFLOW-NEXT: [signal SIGSEGV: segmentation violation code=0x2 addr=0x{{[0-9a-f]+}} pc=0x{{[0-9a-f]+}}]
  // OVERFLOW-EMPTY:
  // OVERFLOW-NEXT: goroutine 1 [running]:
  // OVERFLOW-NEXT: recurse(int)
  // OVERFLOW-NEXT: signals.cpp:{{[0-9]+}} +0x
  // 100 frames, all of them recurse's, then Go's elision line.
  // OVERFLOW-COUNT-99: recurse(int)
  // OVERFLOW-NEXT: signals.cpp:[[@LINE-11]] +0x
  // OVERFLOW-NEXT: ...additional frames elided...
  // OVERFLOW-NOT: {{^}}main{{$}}
  // OVERFLOW: status=2
}

int main(int argc, char** argv) {
  const char* mode = argv[1];
  if (strcmp(mode, "nil") == 0) sink = load(nullptr);
  if (strcmp(mode, "wild") == 0) sink = load(reinterpret_cast<int*>(0xdeadbeef));
  // NIL-NEXT: {{^}}main{{$}}
  // NIL-NEXT: signals.cpp:[[@LINE-3]] +0x
  // NIL-NEXT: status=2
  // WILD: {{^}}main{{$}}
  // WILD-NEXT: signals.cpp:[[@LINE-5]] +0x{{[0-9a-f]+}} fp=
  // Then the runtime frames below main: runtime.main, down to runtime.goexit.
  // WILD-NEXT: runtime.main
  // WILD: runtime.goexit
  // WILD: status=2
  if (strcmp(mode, "div") == 0) sink = divide(argc, argc - 2);
  // DIV-NEXT: {{^}}main{{$}}
  // DIV-NEXT: signals.cpp:[[@LINE-2]] +0x
  // DIV-NEXT: status=2
  if (strcmp(mode, "bus") == 0) sink = busError(argv[2]);
  // BUS-NEXT: {{^}}main{{$}}
  // BUS-NEXT: signals.cpp:[[@LINE-2]] +0x
  if (strcmp(mode, "overflow") == 0) sink = recurse(0);
  if (strcmp(mode, "noncanonical") == 0) sink = load(reinterpret_cast<int*>(0xdead000000000000ull));
  if (strcmp(mode, "kill") == 0) kill(getpid(), SIGSEGV);
  // KILL-NOT: {{^}}panic
  // KILL-NOT: {{^}}fatal
  // KILL: status=139
  return 0;
}
