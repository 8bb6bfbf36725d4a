// Many senders and receivers race with close, on unbuffered and buffered channels:
// goroutines and std::threads send numbered values (plainly and through select) until the
// channel closes under them, which makes each one's next or blocked send panic; goroutines
// and std::threads receive (by range-for, recv_ok and select) until it is closed and drained.
// Every value sent must be received exactly once, and none that was not sent. The receiver
// that takes the round's target-th value closes the channel, while the senders are busy.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
// RUN: env GOMAXPROCS=4 %t | FileCheck %s
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/select.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

constexpr int goroutineSenders = 8, threadSenders = 2, selectSenders = 2;
constexpr int senders = goroutineSenders + threadSenders + selectSenders;
constexpr int goroutineReceivers = 4, threadReceivers = 1, selectReceivers = 2;
constexpr long perSender = 1 << 20;  // values i*perSender + k, k < perSender
constexpr long target = 100000;      // values received before the close

struct Round {
  gocc::chan<long> c;
  std::unique_ptr<std::atomic<uint8_t>[]> seen{new std::atomic<uint8_t>[senders * perSender]()};
  std::atomic<long> sent[senders] = {};
  std::atomic<long> received{0};
  std::atomic<long> duplicates{0};

  explicit Round(size_t capacity) : c(capacity) {}
  void record(long v) {
    if (v < 0 || v >= senders * perSender || seen[v].fetch_add(1) != 0) duplicates++;
    if (received.fetch_add(1) + 1 == target) c.close();
  }
  // Send until the channel closes (the panic ends the loop); count what went through.
  void sendAll(int id, bool viaSelect) {
    gocc::chan<long> nil;
    try {
      for (long k = 0; k < perSender; k++) {
        long v = id * perSender + k;
        if (viaSelect)
          gocc::select(gocc::send(c, v), gocc::recv(nil));
        else
          c.send(v);
        sent[id] = k + 1;
      }
    } catch (const gocc::runtime::Error&) {
    }
  }
};

void runRound(size_t capacity) {
  Round r(capacity);
  gocc::chan<int> done(64);
  int id = 0;
  for (int i = 0; i < goroutineSenders; i++)
    gocc::go(
        [&r, done](int id) {
          r.sendAll(id, false);
          done.send(1);
        },
        id++);
  for (int i = 0; i < selectSenders; i++)
    gocc::go(
        [&r, done](int id) {
          r.sendAll(id, true);
          done.send(1);
        },
        id++);
  std::vector<std::thread> threads;
  for (int i = 0; i < threadSenders; i++)
    threads.emplace_back([&r](int id) { r.sendAll(id, false); }, id++);
  for (int i = 0; i < goroutineReceivers; i++)
    gocc::go([&r, done, i] {
      if (i % 2 == 0) {
        for (long v : r.c) r.record(v);
      } else {
        for (;;) {
          auto [v, ok] = r.c.recv_ok();
          if (!ok) break;
          r.record(v);
        }
      }
      done.send(1);
    });
  for (int i = 0; i < selectReceivers; i++)
    gocc::go([&r, done] {
      gocc::chan<int> nil;
      for (bool open = true; open;)
        gocc::select(gocc::recv(r.c,
                                [&](long v, bool ok) {
                                  if (ok)
                                    r.record(v);
                                  else
                                    open = false;
                                }),
                     gocc::recv(nil));
      done.send(1);
    });
  for (int i = 0; i < threadReceivers; i++)
    threads.emplace_back([&r] {
      for (long v : r.c) r.record(v);
    });

  // Join the threads first: main's thread blocks in join, so that the runtime never sees every
  // goroutine asleep while a std::thread could still wake one.
  for (auto& t : threads) t.join();
  for (int i = 0; i < goroutineSenders + selectSenders + goroutineReceivers + selectReceivers; i++)
    done.recv();

  long sent = 0, missing = 0, unsent = 0;
  for (int s = 0; s < senders; s++) {
    long n = r.sent[s];
    sent += n;
    for (long k = 0; k < perSender; k++) {
      bool got = r.seen[s * perSender + k].load() != 0;
      if (k < n && !got) missing++;
      if (k >= n && got) unsent++;
    }
  }
  printf("capacity %zu: %s (sent %s, missing %ld, duplicated %ld, received unsent %ld)\n", capacity,
         r.received == sent && missing == 0 && r.duplicates == 0 && unsent == 0 ? "ok" : "WRONG",
         sent >= target ? "enough" : "too few", missing, r.duplicates.load(), unsent);
}

int main() {
  for (size_t capacity : {0, 1, 16, 1024}) runRound(capacity);
  // CHECK: capacity 0: ok (sent enough, missing 0, duplicated 0, received unsent 0)
  // CHECK-NEXT: capacity 1: ok (sent enough, missing 0, duplicated 0, received unsent 0)
  // CHECK-NEXT: capacity 16: ok (sent enough, missing 0, duplicated 0, received unsent 0)
  // CHECK-NEXT: capacity 1024: ok (sent enough, missing 0, duplicated 0, received unsent 0)
}
