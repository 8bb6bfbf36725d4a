// A goroutine in gocc::time::Sleep is parked with Go's wait reason: GOTRACEBACK=all lists it
// as "[sleep]", in Sleep, called from its function.
// RUN: %gocc build -o %t %s
// RUN: bash -c 'env GOTRACEBACK=all %t 2>&1; echo status=$?' | FileCheck %s
#include <gocc/go.h>
#include <gocc/time.h>

#include <stdexcept>

using namespace std::chrono_literals;

volatile int sink;

__attribute__((noinline)) void dozer() {
  gocc::time::Sleep(1h);
  sink = 1;  // no tail call: dozer keeps its frame
}

int main() {
  gocc::go(dozer);
  gocc::time::Sleep(20ms);
  throw std::runtime_error("look at the sleeper");
}
// CHECK: panic: look at the sleeper
// CHECK: goroutine 1 [running]:
// CHECK: goroutine {{[0-9]+}} [sleep]:
// CHECK-NEXT: gocc::time::Sleep(std::chrono::duration<...>)
// CHECK-NEXT: timer.cpp:{{[0-9]+}} +0x
// CHECK-NEXT: dozer()
// CHECK-NEXT: sleep-traceback.cpp:15 +0x
// CHECK-NEXT: created by main in goroutine 1
// CHECK: status=2
