// Goroutines run with the program's signal mask on every thread: the mask the process
// started with, as main sees it. The program starts itself again with SIGUSR1 blocked (a
// mask is inherited across exec); three goroutines that spin until all three run, while main
// spins too (so on three threads besides main's, GOMAXPROCS=4), read their thread's mask:
// SIGUSR1 blocked, SIGTERM and SIGINT not.
// The runtime's own thread, sysmon's, blocks them all (test/runtime/signal-mask.cpp).
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=4 %t | FileCheck %s
// CHECK: main: SIGUSR1 blocked, SIGTERM open, SIGINT open
// CHECK-NEXT: goroutines ran on 3 threads, not main's
// CHECK-NEXT: goroutine: SIGUSR1 blocked, SIGTERM open, SIGINT open
// CHECK-NEXT: goroutine: SIGUSR1 blocked, SIGTERM open, SIGINT open
// CHECK-NEXT: goroutine: SIGUSR1 blocked, SIGTERM open, SIGINT open
#include <gocc/go.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <set>
#include <string>

constexpr int n = 3;
std::atomic<int> running{0}, finished{0};
std::string masks[n];
pid_t tids[n];

std::string describeMask() {
  sigset_t set;
  pthread_sigmask(SIG_SETMASK, nullptr, &set);
  std::string s;
  s += sigismember(&set, SIGUSR1) ? "SIGUSR1 blocked" : "SIGUSR1 open";
  s += sigismember(&set, SIGTERM) ? ", SIGTERM blocked" : ", SIGTERM open";
  s += sigismember(&set, SIGINT) ? ", SIGINT blocked" : ", SIGINT open";
  return s;
}

int main(int argc, char** argv) {
  if (argc == 1) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, nullptr);
    execl("/proc/self/exe", argv[0], "child", static_cast<char*>(nullptr));
    return 1;
  }
  std::printf("main: %s\n", describeMask().c_str());
  for (int i = 0; i < n; i++) {
    gocc::go([i] {
      running++;
      while (running.load() < n) sched_yield();
      tids[i] = gettid();
      masks[i] = describeMask();
      finished++;
    });
  }
  while (finished.load() < n) sched_yield();
  std::set<pid_t> threads(tids, tids + n);
  std::printf("goroutines ran on %zu threads%s\n", threads.size(),
              threads.count(gettid()) ? ", main's among them" : ", not main's");
  for (auto& m : masks) std::printf("goroutine: %s\n", m.c_str());
}
