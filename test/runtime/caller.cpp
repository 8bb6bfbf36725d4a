// gocc::runtime::Caller, Callers and FuncForPC, checked against the lines of this file
// (Go's semantics: Caller(0) is the line calling Caller; Callers(0) starts in Callers).
// RUN: %gocc build -o %t %s
// RUN: %t | FileCheck %s
#include <gocc/runtime.h>

#include <cstdio>
#include <cstring>
#include <thread>

namespace rt = gocc::runtime;

volatile int sink;

void show(const char* what, rt::CallerInfo c) {
  const char* base = strrchr(c.file, '/');
  printf("%s: ok=%d %s:%d\n", what, c.ok, base ? base + 1 : c.file, c.line);
}

__attribute__((noinline)) void leaf() {
  show("caller0", rt::Caller(0));
  // CHECK: caller0: ok=1 caller.cpp:[[@LINE-1]]
  show("caller1", rt::Caller(1));
  // CHECK: caller1: ok=1 caller.cpp:[[#CALL_LEAF:]]
  show("far", rt::Caller(1000));
  // CHECK: far: ok=0 :0
  show("negative", rt::Caller(-1));
  // CHECK: negative: ok=0 :0

  uintptr_t pcs[8];
  int n = rt::Callers(0, pcs, 8);
  printf("callers: n>=3 %d\n", n >= 3);
  // CHECK: callers: n>=3 1
  for (int i = 0; i < 3; i++) {
    rt::Func* f = rt::FuncForPC(pcs[i] - 1);  // return addresses: the call is at pc-1
    auto [file, line] = f->FileLine(pcs[i] - 1);
    const char* base = strrchr(file, '/');
    printf("frame %d: %s %s:%d entry<=pc %d\n", i, f->Name(), base ? base + 1 : file, line,
           f->Entry() <= pcs[i]);
  }
  // CHECK: frame 0: gocc::runtime::Callers(int, unsigned {{long|int}}*, int) {{.*}} entry<=pc 1
  // CHECK: frame 1: leaf() caller.cpp:[[@LINE-11]] entry<=pc 1
  // CHECK: frame 2: middle(int) caller.cpp:[[#CALL_LEAF]] entry<=pc 1
  int m = rt::Callers(1, pcs, 1);
  printf("skip1: %d %s\n", m, rt::FuncForPC(pcs[0] - 1)->Name());
  // CHECK: skip1: 1 leaf()
  printf("none: %d %d\n", rt::Callers(0, pcs, 0), rt::Callers(500, pcs, 8));
  // CHECK: none: 0 0
  printf("nullfunc: %d\n", rt::FuncForPC(0) == nullptr);
  // CHECK: nullfunc: 1
  rt::Func* self = rt::FuncForPC(reinterpret_cast<uintptr_t>(&leaf));
  printf("self: %s entry==&leaf %d\n", self->Name(),
         self->Entry() == reinterpret_cast<uintptr_t>(&leaf));
  // CHECK: self: leaf() entry==&leaf 1
}

int leafCallLine;

__attribute__((noinline)) void middle(int n) {
  leaf();
  leafCallLine = __LINE__ - 1;  // the line of the call above
  sink = n;
}

int main() {
  middle(1);
  printf("leaf is called at line %d\n", leafCallLine);
  // CHECK: leaf is called at line [[#CALL_LEAF]]
  show("main", rt::Caller(0));
  // CHECK: main: ok=1 caller.cpp:[[@LINE-1]]
  // A thread the runtime did not start: its stack's bounds are noted as it starts, so that its
  // own frames can be walked too.
  std::thread([] {
    uintptr_t pcs[4];
    show("thread", rt::Caller(0));
    printf("thread callers: %d\n", rt::Callers(0, pcs, 4));
  }).join();
  // CHECK: thread: ok=1 caller.cpp:[[@LINE-3]]
  // CHECK: thread callers: 4
}
