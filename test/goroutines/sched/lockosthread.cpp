// LockOSThread keeps a goroutine on its thread: a locked goroutine that blocks and is woken
// a thousand times by a goroutine on another thread (GOMAXPROCS=2) always resumes on the
// same thread id. The nesting counts are Go's: two LockOSThread calls need two
// UnlockOSThread calls, and an UnlockOSThread with none to undo does nothing (whether the
// goroutine is locked shows in its Stack header, "[running, locked to thread]", as in Go). A static
// constructor's LockOSThread keeps main on the main thread after the init tasks (whose own lock,
// the runtime's, is counted apart).
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
// CHECK: locked goroutine stayed on one thread: yes
// CHECK-NEXT: after one of two unlocks, still locked: yes
// CHECK-NEXT: after both, unlocked: yes
// CHECK-NEXT: extra unlock is harmless: yes
// CHECK-NEXT: unlocked again: yes
// CHECK-NEXT: main stayed on the main thread: yes
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/runtime.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <string_view>

gocc::chan<int> ping(0), pong(0);
gocc::chan<bool> done(0);

// The init tasks run locked by the runtime; this lock is the program's and outlives them.
struct LockMain {
  LockMain() { gocc::runtime::LockOSThread(); }
} lockMain;

// Blocks rounds times; reports whether it ever resumed on another thread.
bool pingPong(int rounds) {
  pid_t first = gettid();
  bool moved = false;
  for (int i = 0; i < rounds; i++) {
    ping.send(i);
    pong.recv();
    moved |= gettid() != first;
  }
  return moved;
}

// The partner: on whichever thread, answers every ping.
void echo(int rounds) {
  for (int i = 0; i < rounds; i++) pong.send(ping.recv());
}

// Whether the calling goroutine keeps its thread through rounds of blocking.
bool staysPut(int rounds) {
  gocc::go(echo, rounds);
  return !pingPong(rounds);
}

// Whether the calling goroutine is locked, as its traceback header says.
bool locked() {
  char buf[256];
  size_t n = gocc::runtime::Stack(buf, sizeof buf, false);
  return std::string_view(buf, n).find(", locked to thread]") != std::string_view::npos;
}

constexpr int rounds = 1000;

int main() {
  pid_t mainThread = gettid();

  gocc::go([] {
    gocc::runtime::LockOSThread();
    std::printf("locked goroutine stayed on one thread: %s\n", staysPut(rounds) ? "yes" : "no");
    gocc::runtime::LockOSThread();
    gocc::runtime::UnlockOSThread();
    std::printf("after one of two unlocks, still locked: %s\n", locked() ? "yes" : "no");
    gocc::runtime::UnlockOSThread();
    std::printf("after both, unlocked: %s\n", !locked() ? "yes" : "no");
    gocc::runtime::UnlockOSThread();  // none left to undo
    gocc::runtime::LockOSThread();
    std::printf("extra unlock is harmless: %s\n", locked() ? "yes" : "no");
    gocc::runtime::UnlockOSThread();
    std::printf("unlocked again: %s\n", !locked() ? "yes" : "no");
    done.send(true);
  });
  done.recv();
  // Main itself has been blocking and woken by goroutines on other threads all along.
  std::printf("main stayed on the main thread: %s\n",
              gettid() == mainThread && mainThread == getpid() ? "yes" : "no");
}
