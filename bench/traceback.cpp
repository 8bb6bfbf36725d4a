// bench/traceback.cpp: what a traceback's symbolization costs in a running gocc program,
// through the public API (gocc/runtime.h), i.e. the runtime's own findfunc + funcline on the
// table loaded with the program. Built and run by bench/traceback.sh.
//   1. per pc: FuncForPC(pc) + Name() + FileLine(pc) for N pcs spread over the program's
//      code (every 16th byte of .text), N rounds; ns per lookup.
//   2. per frame: Callers() of a 64-deep stack, then FuncForPC/Name/FileLine of each frame,
//      as a traceback does; ns per frame.
#include <gocc/runtime.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <vector>

extern "C" char __executable_start[], etext[];  // the linker script's PROVIDEs

namespace rt = gocc::runtime;

static volatile uintptr_t sink;

static double nsSince(std::chrono::steady_clock::time_point t0, long n) {
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count() /
         double(n);
}

static void symbolize(uintptr_t pc) {
  rt::Func* f = rt::FuncForPC(pc);
  if (!f) return;
  auto [file, line] = f->FileLine(pc);
  sink += uintptr_t(f->Name()[0]) + uintptr_t(file[0]) + uintptr_t(line);
}

__attribute__((noinline)) static int deep(int n, double* perFrame) {
  if (n > 0) return deep(n - 1, perFrame) + 1;
  uintptr_t pcs[100];
  const int rounds = 20000;
  int frames = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; r++) {
    int k = rt::Callers(0, pcs, 100);
    for (int i = 0; i < k; i++) symbolize(pcs[i] - 1);
    frames += k;
  }
  *perFrame = nsSince(t0, frames);
  return frames / rounds;
}

int main() {
  // Code addresses, sampled every 16 bytes from the first function to the end of .text.
  uintptr_t lo = 0;
  for (uintptr_t a = uintptr_t(__executable_start); a < uintptr_t(etext) && !lo; a += 16)
    if (rt::FuncForPC(a)) lo = a;
  std::vector<uintptr_t> pcs;
  for (uintptr_t a = lo; a < uintptr_t(etext); a += 16) pcs.push_back(a);
  int found = 0;
  for (uintptr_t pc : pcs) found += rt::FuncForPC(pc) != nullptr;

  const int rounds = 10;
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; r++)
    for (uintptr_t pc : pcs) symbolize(pc);
  double perPC = nsSince(t0, long(rounds) * long(pcs.size()));
  printf("pcs: %zu sampled, %d in a function; FuncForPC+Name+FileLine: %.0f ns per pc\n",
         pcs.size(), found, perPC);

  double perFrame = 0;
  int depth = deep(60, &perFrame);
  printf("stack of %d frames: Callers + FuncForPC+Name+FileLine: %.0f ns per frame\n", depth,
         perFrame);
}
