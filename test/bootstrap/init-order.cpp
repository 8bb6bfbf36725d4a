// Static constructors run before main, after the runtime's own initialization, on the main
// goroutine and the main thread; atexit handlers, static destructors and .fini_array run at
// exit; stdout is flushed when piped; main's return value is the exit status.
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t a b; echo status=$?' | FileCheck %s
// The same with glibc linked in, which starts through __libc_start_main:
// RUN: %gocc build -static -o %t.static %s
// RUN: bash -c '%t.static a b; echo status=$?' | FileCheck %s
#include <gocc/runtime.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

static int onOSStack() {
  int local;
  FILE* f = fopen("/proc/self/maps", "r");
  char line[512];
  int result = 0;
  while (fgets(line, sizeof line, f)) {
    unsigned long lo, hi;
    char name[64] = "";
    sscanf(line, "%lx-%lx %*s %*s %*s %*s %63s", &lo, &hi, name);
    if ((unsigned long)&local >= lo && (unsigned long)&local < hi) result = name[0] == '[';
  }
  fclose(f);
  return result;
}

struct Global {
  const char* name;
  explicit Global(const char* n) : name(n) {
    printf("ctor %s: gomaxprocs>0=%d goroutines=%d main-thread=%d os-stack=%d\n", name,
           gocc::runtime::GOMAXPROCS(0) > 0, gocc::runtime::NumGoroutine(), gettid() == getpid(),
           onOSStack());
  }
  ~Global() { printf("dtor %s\n", name); }
};

Global first("first");
__attribute__((init_priority(200))) Global early("early");
__attribute__((constructor)) static void ctorAttr() { printf("constructor attribute\n"); }
__attribute__((destructor)) static void dtorAttr() { printf("destructor attribute"); }

int main(int argc, char** argv) {
  printf("main argc=%d\n", argc);
  atexit([] { printf("atexit\n"); });
  return 7;
}
// CHECK:      ctor early: gomaxprocs>0=1 goroutines=1 main-thread=1 os-stack=0
// CHECK-DAG:  ctor first: gomaxprocs>0=1 goroutines=1 main-thread=1 os-stack=0
// CHECK-DAG:  constructor attribute
// CHECK:      main argc=3
// CHECK-NEXT: atexit
// CHECK-NEXT: dtor first
// CHECK-NEXT: dtor early
// The last line has no newline: it reached the pipe only through exit's stdio flush.
// CHECK-NEXT: destructor attributestatus=7
