// gocc::go keeps a small closure (up to 512 bytes) at the top of the goroutine's own stack,
// in the page its G and first frames use; a larger or over-aligned one is allocated with new.
// Either way the goroutine's function gets its arguments and the closure is destroyed when
// the goroutine ends. If copying an argument throws, gocc::go throws and no goroutine starts.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
// CHECK: small: 42, on its own stack: yes
// CHECK-NEXT: large: 4096 bytes, on its own stack: no
// CHECK-NEXT: aligned: 64, on its own stack: no
// CHECK-NEXT: destroyed: 3 of 3
// CHECK-NEXT: copy threw: copy failed
// CHECK-NEXT: goroutines: 1
// CHECK-NEXT: after the throw: ok
#include <gocc/go.h>
#include <gocc/runtime.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

std::atomic<int> destroyed{0}, done{0};

struct Tracked {
  bool live = true;
  Tracked() = default;
  Tracked(Tracked&& o) noexcept { o.live = false; }
  ~Tracked() {
    if (live) destroyed++;
  }
};

struct ThrowsOnCopy {
  ThrowsOnCopy() = default;
  ThrowsOnCopy(const ThrowsOnCopy&) { throw std::runtime_error("copy failed"); }
};

struct alignas(64) Aligned {
  int v = 64;
};

// Whether p lies within 64 KiB below the frame of the goroutine's function: on its stack.
bool onOwnStack(const void* p, const void* frame) {
  auto a = reinterpret_cast<uintptr_t>(p), f = reinterpret_cast<uintptr_t>(frame);
  return a > f && a - f < (64 << 10);
}

void wait(int n) {
  while (done.load() < n) usleep(1000);
}

int main() {
  gocc::go(
      [](int v, const Tracked& t) {
        std::printf("small: %d, on its own stack: %s\n", v,
                    onOwnStack(&t, __builtin_frame_address(0)) ? "yes" : "no");
        done++;
      },
      42, Tracked());
  wait(1);
  std::array<char, 4096> big{};
  gocc::go(
      [](const std::array<char, 4096>& b, const Tracked& t) {
        std::printf("large: %zu bytes, on its own stack: %s\n", b.size(),
                    onOwnStack(&t, __builtin_frame_address(0)) ? "yes" : "no");
        done++;
      },
      big, Tracked());
  wait(2);
  gocc::go(
      [](const Aligned& a, const Tracked& t) {
        std::printf("aligned: %d, on its own stack: %s\n", a.v,
                    onOwnStack(&a, __builtin_frame_address(0)) ? "yes" : "no");
        done++;
      },
      Aligned(), Tracked());
  wait(3);
  usleep(10000);  // the last goroutine ends after its done++
  std::printf("destroyed: %d of 3\n", destroyed.load());
  ThrowsOnCopy bad;
  try {
    gocc::go([](ThrowsOnCopy) { std::printf("must not run\n"); }, bad);
  } catch (const std::exception& e) {
    std::printf("copy threw: %s\n", e.what());
  }
  std::printf("goroutines: %d\n", gocc::runtime::NumGoroutine());
  gocc::go([] {
    std::printf("after the throw: ok\n");
    done++;
  });
  wait(4);
}
