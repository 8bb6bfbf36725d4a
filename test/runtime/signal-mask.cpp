// The runtime's own threads (sysmon's M) block asynchronous signals, so a signal sent to the
// process reaches the program's threads as it would without the runtime: here main blocks
// SIGTERM, sends it to the whole process, and collects it with sigwait. Were sysmon's thread
// open to it, the kernel would deliver it there and its default action would kill the process.
// RUN: %gocc build -o %t -cxxflags=-I%S/Inputs %s
// RUN: %t | FileCheck %s
// CHECK: sigwait got SIGTERM
// CHECK-NEXT: sysmon blocks SIGTERM: 1, SIGINT: 1, SIGSEGV: 0
#include <csignal>

#include "other_thread.h"

// Whether sysmon's thread blocks sig.
static int otherThreadBlocks(int sig) {
  return (strtoull(otherThreadStatus("SigBlk:").c_str(), nullptr, 16) >> (sig - 1)) & 1;
}

int main() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  kill(getpid(), SIGTERM);  // to the process: any thread not blocking it may take it
  int sig = 0;
  sigwait(&set, &sig);
  std::printf("sigwait got %s\n", sig == SIGTERM ? "SIGTERM" : "something else");
  // A new thread runs with every signal blocked until glibc's start_thread installs the mask
  // it was created with: wait for sysmon's thread to get that far.
  for (int i = 0; i < 2000 && otherThreadBlocks(SIGSEGV) != 0; i++) usleep(1000);
  std::printf("sysmon blocks SIGTERM: %d, SIGINT: %d, SIGSEGV: %d\n", otherThreadBlocks(SIGTERM),
              otherThreadBlocks(SIGINT), otherThreadBlocks(SIGSEGV));
}
