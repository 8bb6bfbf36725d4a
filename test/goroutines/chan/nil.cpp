// Operations on the nil channel (a default-constructed gocc::chan<T>) block forever, as in
// Go, and a select with no cases does too; a select whose cases are all on nil channels
// waits like any blocked select. Each blocked goroutine shows Go's wait reason when every
// goroutine is asleep and the runtime reports the deadlock.
// RUN: %gocc build -o %t %s
// RUN: bash -c 'env GOMAXPROCS=1 %t 2>&1; echo status=$?' | FileCheck %s
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/select.h>

#include <cstdio>

gocc::chan<int> nilChan;
gocc::chan<int> progress(8);

void sendNil();
void selectNoCases();
void selectNilCases();

int main() {
  // Without blocking, a nil channel is never ready.
  int r = gocc::select(gocc::recv(nilChan), gocc::send(nilChan, 1), gocc::otherwise([] {}));
  fprintf(stderr, "nil cases with a default: case %d\n", r);
  // CHECK: nil cases with a default: case 2
  gocc::go(sendNil);
  gocc::go(selectNoCases);
  gocc::go(selectNilCases);
  for (int i = 0; i < 3; i++) progress.recv();
  nilChan.recv();
  // CHECK-NEXT: fatal error: all goroutines are asleep - deadlock!
  // CHECK-EMPTY:
  // CHECK-NEXT: goroutine 1 [chan receive (nil chan)]:
  // CHECK-NEXT: {{^}}main{{$}}
  // CHECK-NEXT: nil.cpp:[[@LINE-5]] +0x
}

__attribute__((noinline)) void sendNil() {
  progress.send(1);
  nilChan.send(1);
}
// CHECK: goroutine {{[0-9]+}} [chan send (nil chan)]:
// CHECK-NEXT: sendNil()
// CHECK-NEXT: nil.cpp:[[@LINE-4]] +0x

__attribute__((noinline)) void selectNoCases() {
  progress.send(1);
  gocc::select();
}
// CHECK: goroutine {{[0-9]+}} [select (no cases)]:
// CHECK-NEXT: selectNoCases()
// CHECK-NEXT: nil.cpp:[[@LINE-4]] +0x

__attribute__((noinline)) void selectNilCases() {
  gocc::chan<long> nilLong;
  progress.send(1);
  gocc::select(gocc::recv(nilChan), gocc::send(nilLong, 2L));
}
// CHECK: goroutine {{[0-9]+}} [select]:
// CHECK-NEXT: selectNilCases()
// CHECK-NEXT: nil.cpp:[[@LINE-4]] +0x
// CHECK: status=2
