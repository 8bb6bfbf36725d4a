// With one P, a goroutine blocked in any of the wrapped libc calls does not stall the
// others: two goroutines compute and exchange values while it waits, then main releases it.
// RUN: %gocc build -o %t %s
// RUN: bash -c 'env GOMAXPROCS=1 %t nanosleep; echo status=$?' | FileCheck %s -DCALL=nanosleep -DRESULT=slept
// RUN: bash -c 'env GOMAXPROCS=1 %t usleep; echo status=$?' | FileCheck %s -DCALL=usleep -DRESULT=slept
// RUN: bash -c 'env GOMAXPROCS=1 %t sleep_for; echo status=$?' | FileCheck %s -DCALL=sleep_for -DRESULT=slept
// RUN: bash -c 'env GOMAXPROCS=1 %t poll; echo status=$?' | FileCheck %s -DCALL=poll -DRESULT="1 ready"
// RUN: bash -c 'env GOMAXPROCS=1 %t waitpid; echo status=$?' | FileCheck %s -DCALL=waitpid -DRESULT="child exited 7"
// RUN: bash -c 'env GOMAXPROCS=1 %t mutex; echo status=$?' | FileCheck %s -DCALL=mutex -DRESULT="locked after the thread"
// RUN: bash -c 'env GOMAXPROCS=1 %t cond; echo status=$?' | FileCheck %s -DCALL=cond -DRESULT="woken by main"
// RUN: bash -c 'env GOMAXPROCS=1 %t sem_wait; echo status=$?' | FileCheck %s -DCALL=sem_wait -DRESULT="posted by main"
// RUN: bash -c 'env GOMAXPROCS=1 %t join; echo status=$?' | FileCheck %s -DCALL=join -DRESULT="joined the thread"
// CHECK: [[CALL]]: blocked
// CHECK-NEXT: exchanged 10000 values: ok
// CHECK-NEXT: still blocked: yes
// CHECK-NEXT: [[CALL]]: [[RESULT]]
// CHECK-NEXT: status=0
#include <poll.h>
#include <semaphore.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>

#include "Inputs/busy.h"

int fds[2];
std::mutex mu;
std::condition_variable cv;
bool condReady = false;
sem_t sem;
std::atomic<bool> threadHolds{false}, threadMayGo{false};
std::thread thread;
pid_t child;

// A thread the runtime does not know holds mu until main lets it go.
void holdMutexInThread() {
  thread = std::thread([] {
    std::lock_guard<std::mutex> hold(mu);
    threadHolds = true;
    while (!threadMayGo) usleep(1000);
  });
  while (!threadHolds) usleep(1000);
}

struct blockingCall {
  const char* name;
  void (*setup)();
  std::string (*block)();  // in the goroutine: blocks until release, returns what it saw
  void (*release)();
};

const blockingCall calls[] = {
    {"nanosleep", [] {},
     [] {
       timespec ts = {0, 500 * 1000 * 1000};
       return std::string(nanosleep(&ts, nullptr) == 0 ? "slept" : "failed");
     },
     [] {}},
    {"usleep", [] {}, [] { return std::string(usleep(500 * 1000) == 0 ? "slept" : "failed"); },
     [] {}},
    {"sleep_for", [] {},
     [] {
       std::this_thread::sleep_for(std::chrono::milliseconds(500));
       return std::string("slept");
     },
     [] {}},
    {"poll", [] { (void)!pipe(fds); },
     [] {
       pollfd p = {fds[0], POLLIN, 0};
       return std::to_string(poll(&p, 1, -1)) + " ready";
     },
     [] { (void)!write(fds[1], "x", 1); }},
    {"waitpid",
     [] {
       (void)!pipe(fds);
       child = fork();
       if (child == 0) {  // exits with 7 once main writes to the pipe
         dup2(fds[0], 0);
         close(fds[1]);
         execl("/bin/sh", "sh", "-c", "read x; exit 7", nullptr);
         _exit(1);
       }
     },
     [] {
       int status = 0;
       waitpid(child, &status, 0);
       return "child exited " + std::to_string(WEXITSTATUS(status));
     },
     [] { (void)!write(fds[1], "go\n", 3); }},
    {"mutex", holdMutexInThread,
     [] {
       std::lock_guard<std::mutex> lock(mu);
       return std::string("locked after the thread");
     },
     [] {
       threadMayGo = true;
       thread.join();
     }},
    {"cond", [] {},
     [] {
       std::unique_lock<std::mutex> lock(mu);
       while (!condReady) cv.wait(lock);
       return std::string("woken by main");
     },
     [] {
       std::lock_guard<std::mutex> lock(mu);
       condReady = true;
       cv.notify_one();
     }},
    {"sem_wait", [] { sem_init(&sem, 0, 0); },
     [] { return std::string(sem_wait(&sem) == 0 ? "posted by main" : "failed"); },
     [] { sem_post(&sem); }},
    {"join",
     [] {
       thread = std::thread([] {
         while (!threadMayGo) usleep(1000);
       });
     },
     [] {
       thread.join();
       return std::string("joined the thread");
     },
     [] { threadMayGo = true; }},
};

int main(int argc, char** argv) {
  alarm(20);  // without the hand-off the program would hang: end it
  const blockingCall* call = nullptr;
  for (const blockingCall& c : calls)
    if (argc > 1 && strcmp(argv[1], c.name) == 0) call = &c;
  if (!call) return 1;
  call->setup();
  std::atomic<bool> done{false};
  gocc::chan<std::string*> result(0);
  goAndWait([&] {
    std::string* seen = new std::string(call->block());
    done = true;
    result.send(seen);
  });  // the goroutine runs, readies main, and blocks
  printf("%s: blocked\n", call->name);
  printf("exchanged 10000 values: %s\n", pingPong(10000) ? "ok" : "WRONG");
  printf("still blocked: %s\n", done ? "no" : "yes");
  call->release();
  std::string* seen = result.recv();
  printf("%s: %s\n", call->name, seen->c_str());
}
