// The misuse Go diagnoses as a fatal error ends the program with Go's text, the stacks as
// GOTRACEBACK says (the failing goroutine by default) and exit status 2: unlocking an
// unlocked Mutex, RUnlock or Unlock of an unlocked RWMutex, also from a std::thread.
// RUN: %gocc build -o %t %s
// RUN: bash -c '%t mutex 2>&1; echo status=$?' | FileCheck %s --check-prefix=MUTEX
// RUN: bash -c '%t runlock 2>&1; echo status=$?' | FileCheck %s --check-prefix=RUNLOCK
// RUN: bash -c '%t unlock 2>&1; echo status=$?' | FileCheck %s --check-prefix=UNLOCK
// RUN: bash -c '%t thread 2>&1; echo status=$?' | FileCheck %s --check-prefix=THREAD
#include <gocc/sync.h>

#include <cstring>
#include <thread>

gocc::sync::Mutex mu;
gocc::sync::RWMutex rw;

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "";
  if (strcmp(mode, "mutex") == 0) {
    mu.Lock();
    mu.Unlock();
    mu.Unlock();
    // MUTEX: fatal error: sync: unlock of unlocked mutex
    // MUTEX-EMPTY:
    // MUTEX-NEXT: goroutine 1 [running]:
    // MUTEX-NEXT: gocc::sync::Mutex::unlockSlow(int)
    // MUTEX: {{^}}main{{$}}
    // MUTEX: status=2
  }
  if (strcmp(mode, "runlock") == 0) {
    rw.RUnlock();
    // RUNLOCK: fatal error: sync: RUnlock of unlocked RWMutex
    // RUNLOCK-EMPTY:
    // RUNLOCK-NEXT: goroutine 1 [running]:
    // RUNLOCK-NEXT: gocc::sync::RWMutex::rUnlockSlow(int)
    // RUNLOCK: status=2
  }
  if (strcmp(mode, "unlock") == 0) {
    rw.Lock();
    rw.Unlock();
    rw.Unlock();
    // UNLOCK: fatal error: sync: Unlock of unlocked RWMutex
    // UNLOCK-EMPTY:
    // UNLOCK-NEXT: goroutine 1 [running]:
    // UNLOCK-NEXT: gocc::sync::RWMutex::Unlock()
    // UNLOCK: {{^}}main{{$}}
    // UNLOCK-NEXT: misuse.cpp:[[@LINE-6]] +0x
    // UNLOCK: status=2
  }
  if (strcmp(mode, "thread") == 0) {
    std::thread([] { mu.Unlock(); }).join();
    // THREAD: fatal error: sync: unlock of unlocked mutex
    // THREAD-EMPTY:
    // THREAD-NEXT: thread not started by the gocc runtime:
    // THREAD: status=2
  }
  return 0;
}
