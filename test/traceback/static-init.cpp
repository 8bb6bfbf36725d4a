// A frame in a static constructor: init runs on the main goroutine (locked to the main
// thread, as Go's init is), inside the runtime's doInit; the traceback shows the
// constructor's frames and Clang's per-file init function, runtime frames hidden.
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t 2>&1; echo status=$?' | FileCheck %s
// RUN: bash -c 'env GOTRACEBACK=system %t 2>&1; echo status=$?' | FileCheck %s --check-prefix=SYSTEM
#include <cstdio>
#include <stdexcept>

// CHECK: panic: no configuration
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [running, locked to thread]:
// SYSTEM: goroutine 1 [running, locked to thread]:
__attribute__((noinline)) int loadConfig() { throw std::runtime_error("no configuration"); }
// CHECK-NEXT: loadConfig()
// CHECK-NEXT: static-init.cpp:[[@LINE-2]] +0x

struct Config {
  int value;
  __attribute__((noinline)) Config() : value(loadConfig()) {}
  // CHECK-NEXT: Config::Config()
  // CHECK-NEXT: static-init.cpp:[[@LINE-2]] +0x
};

Config config;
// The constructor call is Clang's global initializer, inlined into its per-file init
// function, whose call of it has no line of its own (DWARF's call line 0, as llvm-symbolizer
// --inlining shows it too).
// CHECK-NEXT: {{^}}__cxx_global_var_init{{$}}
// CHECK-NEXT: static-init.cpp:[[@LINE-5]]{{$}}
// CHECK-NEXT: {{^}}_GLOBAL__sub_I_static_init.cpp{{$}}
// CHECK-NEXT: static-init.cpp:0 +0x
int twice = config.value * 2;  // more init work after config's: its call is no tail call
// CHECK-NOT: {{^}}runtime
// CHECK: status=2
// SYSTEM: runtime.doInit1
// SYSTEM: runtime.doInit{{$}}
// SYSTEM: runtime.main
// SYSTEM: runtime.goexit
// SYSTEM: status=2

int main() {
  printf("never %d\n", config.value);
  // CHECK-NOT: {{^}}never
}
