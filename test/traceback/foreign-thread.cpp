// Threads the runtime did not start (std::thread) report their faults like goroutines do: each
// gets an alternate signal stack as it starts, so that running off the bottom of its stack is
// "fatal error: stack overflow" with a traceback rather than a silent death by SIGSEGV, and its
// stack's bounds, so that the traceback walks every frame of the thread's own.
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t nil 2>&1; echo status=$?' | FileCheck %s --check-prefix=NIL
// RUN: bash -c '%t overflow 2>&1; echo status=$?' | FileCheck %s --check-prefix=OVERFLOW
// RUN: bash -c 'ulimit -c 0; GOTRACEBACK=crash %t overflow 2>&1; echo status=$?' | FileCheck %s --check-prefix=CRASH
// A thread that ends gives its signal stack back.
// RUN: %t stack | FileCheck %s --check-prefix=STACK
#include <signal.h>
#include <sys/mman.h>

#include <cstdio>
#include <cstring>
#include <thread>

int* volatile nullp;
volatile int sink;

// NIL: panic: runtime error: invalid memory address or nil pointer dereference
// NIL-NEXT: [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x{{[0-9a-f]+}}]
// NIL-EMPTY:
// NIL-NEXT: thread not started by the gocc runtime:
__attribute__((noinline)) void third() { *nullp = 1; }
// NIL-NEXT: third()
// NIL-NEXT: foreign-thread.cpp:[[@LINE-2]] +0x
__attribute__((noinline)) void second() {
  third();
  sink = 2;
}
// NIL-NEXT: second()
// NIL-NEXT: foreign-thread.cpp:[[@LINE-4]] +0x
__attribute__((noinline)) void first() {
  second();
  sink = 1;
}
// NIL-NEXT: first()
// NIL-NEXT: foreign-thread.cpp:[[@LINE-4]] +0x

__attribute__((noinline)) int recurse(int n) {
  char buf[512];
  memset(buf, n, sizeof buf);
  return recurse(n + 1) + buf[n % 512];
}
// OVERFLOW: runtime: thread stack exceeds {{[0-9]+}}-byte limit
// OVERFLOW-NEXT: runtime: sp=0x{{[0-9a-f]+}} stack=[0x{{[0-9a-f]+}}, 0x{{[0-9a-f]+}}]
// OVERFLOW-NEXT: fatal error: stack overflow
// OVERFLOW-NEXT: [signal SIGSEGV: segmentation violation
// OVERFLOW-EMPTY:
// OVERFLOW-NEXT: thread not started by the gocc runtime:
// OVERFLOW-NEXT: recurse(int)
// OVERFLOW-NEXT: foreign-thread.cpp:{{4[0-9]}} +0x
// OVERFLOW: ...additional frames elided...
// OVERFLOW: status=2
// CRASH: fatal error: stack overflow
// CRASH: status=134

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "stack") == 0) {
    void* signalStack = nullptr;
    std::thread([&] {
      stack_t st;
      sigaltstack(nullptr, &st);
      if (!(st.ss_flags & SS_DISABLE)) signalStack = st.ss_sp;
    }).join();
    unsigned char resident;
    bool mapped = signalStack && mincore(signalStack, 4096, &resident) == 0;
    std::printf("signal stack %s, %s after the thread\n", signalStack ? "installed" : "missing",
                mapped ? "still mapped" : "unmapped");
    // STACK: signal stack installed, unmapped after the thread
    return 0;
  }
  std::thread t([&] {
    if (strcmp(argv[1], "nil") == 0) first();
    // (the lambda, inlined into std::thread's machinery, which is inlined into _M_run)
    // NIL-NEXT: main::$_{{[0-9]}}::operator()() const
    // NIL-NEXT: foreign-thread.cpp:[[@LINE-3]]{{$}}
    // NIL: std::thread::_State_impl<{{.*}}>::_M_run()
    // NIL-NEXT: std_thread.h:{{[0-9]+}} +0x
    // NIL-NEXT: execute_native_thread_routine
    // NIL-NEXT: ?:0 +0x
    // NIL-NEXT: status=2
    if (strcmp(argv[1], "overflow") == 0) sink = recurse(0);
  });
  t.join();
}
