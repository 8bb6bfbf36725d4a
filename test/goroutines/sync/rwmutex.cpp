// gocc::sync::RWMutex: readers hold it together (5 readers each wait, holding a read lock,
// until all 5 are in: with one P that finishes only if they are in at once); a writer
// excludes readers and writers (readers never see a half-done write of two fields); a
// writer waiting in Lock keeps new readers out, so a stream of overlapping readers cannot
// starve it; TryLock and TryRLock fail while the other kind holds it.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
// RUN: env GOMAXPROCS=3 %t stream | FileCheck %s --check-prefix=STREAM
#include <gocc/go.h>
#include <gocc/sync.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <ctime>

gocc::sync::RWMutex rw;

int64_t now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void readersTogether() {
  constexpr int readers = 5;
  gocc::sync::WaitGroup allIn, done;
  allIn.Add(readers);
  done.Add(readers);
  for (int i = 0; i < readers; i++)
    gocc::go([&] {
      rw.RLock();
      allIn.Done();
      allIn.Wait();  // every reader holds the read lock at this point
      rw.RUnlock();
      done.Done();
    });
  done.Wait();
  printf("%d readers held the lock at once\n", readers);
  // CHECK: 5 readers held the lock at once
}

void writerExcludes() {
  int a = 0, b = 0;  // written together under the write lock
  std::atomic<int> torn{0};
  gocc::sync::WaitGroup done;
  done.Add(20);
  for (int i = 0; i < 20; i++)
    gocc::go([&, i] {
      for (int j = 0; j < 500; j++) {
        if (i % 4 == 0) {
          rw.Lock();
          a++;
          for (volatile int k = 0; k < 50; k++) {
          }
          b++;
          rw.Unlock();
        } else {
          rw.RLock();
          if (a != b) torn++;
          rw.RUnlock();
        }
      }
      done.Done();
    });
  done.Wait();
  printf("writes %d %d, torn reads %d\n", a, b, torn.load());
  // CHECK-NEXT: writes 2500 2500, torn reads 0
}

void tryLocks() {
  rw.RLock();
  printf("TryLock with a reader: %d, TryRLock: %d\n", rw.TryLock(), rw.TryRLock());
  // CHECK-NEXT: TryLock with a reader: 0, TryRLock: 1
  rw.RUnlock();
  rw.RUnlock();
  rw.Lock();
  printf("TryLock with a writer: %d, TryRLock: %d\n", rw.TryLock(), rw.TryRLock());
  // CHECK-NEXT: TryLock with a writer: 0, TryRLock: 0
  rw.Unlock();
  printf("TryLock when free: %d\n", rw.TryLock());
  // CHECK-NEXT: TryLock when free: 1
  rw.Unlock();
}

// Two readers take turns holding read locks that overlap, so that some reader is always
// inside; the main goroutine asks for the write lock and must get it.
void stream() {
  std::atomic<bool> stop{false};
  std::atomic<int> inside{0};
  gocc::sync::WaitGroup done;
  done.Add(2);
  for (int i = 0; i < 2; i++)
    gocc::go([&] {
      while (!stop.load()) {
        rw.RLock();
        inside++;
        for (int64_t end = now() + 200000; now() < end;) {
        }
        inside--;
        rw.RUnlock();
      }
      done.Done();
    });
  while (inside.load() == 0) {
  }
  int64_t start = now();
  rw.Lock();
  int64_t took = now() - start;
  int readersInside = inside.load();
  stop.store(true);
  rw.Unlock();
  done.Wait();
  printf("writer got in within 1 s: %s, readers inside with it: %d\n",
         took < 1000000000LL ? "yes" : "no", readersInside);
  // STREAM: writer got in within 1 s: yes, readers inside with it: 0
}

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "stream") == 0) {
    stream();
    return 0;
  }
  readersTogether();
  writerExcludes();
  tryLocks();
}
