// Elements are moved through channels, never copied: std::unique_ptr goes through unbuffered
// and buffered channels, a select's send and receive cases, and range-for. A counted type
// shows that every object made is destroyed exactly once: when received, and, for what a
// buffer still holds, when the last handle to the channel goes. Objects check that nothing
// uses or destroys them after their destruction.
// RUN: %gocc build -o %t %s
// RUN: env GOMAXPROCS=1 %t | FileCheck %s
// RUN: env GOMAXPROCS=2 %t | FileCheck %s
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/select.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>

std::atomic<int> live{0};

struct Counted {
  static constexpr unsigned aliveMark = 0xa11fe, deadMark = 0xdead;
  unsigned mark = aliveMark;
  std::unique_ptr<int> p;

  Counted() { live++; }
  explicit Counted(int v) : p(std::make_unique<int>(v)) { live++; }
  Counted(Counted&& o) noexcept : p(std::move(o.p)) {
    o.check();
    live++;
  }
  Counted& operator=(Counted&& o) noexcept {
    check();
    o.check();
    p = std::move(o.p);
    return *this;
  }
  ~Counted() {
    check();
    mark = deadMark;
    live--;
  }
  void check() const {
    if (mark != aliveMark) {
      printf("use of a destroyed object\n");
      abort();
    }
  }
  int value() const { return p ? *p : -1; }
};

int main() {
  // unique_ptr, unbuffered, from a goroutine.
  gocc::chan<std::unique_ptr<int>> u(0);
  gocc::go([u] {
    for (int i = 1; i <= 3; i++) u.send(std::make_unique<int>(i * 11));
    u.close();
  });
  for (auto p : u) printf("unique_ptr %d\n", *p);
  // CHECK: unique_ptr 11
  // CHECK-NEXT: unique_ptr 22
  // CHECK-NEXT: unique_ptr 33

  {
    // Counted, buffered: sent objects are moved in; received ones moved out.
    gocc::chan<Counted> c(4);
    for (int i = 0; i < 4; i++) c.send(Counted(i));
    printf("after 4 sends: live %d\n", live.load());
    // CHECK-NEXT: after 4 sends: live 4
    printf("received %d\n", c.recv().value());
    // CHECK-NEXT: received 0
    auto [v, ok] = c.recv_ok();
    printf("received %d %d, live %d\n", v.value(), ok, live.load());
    // CHECK-NEXT: received 1 1, live 3

    // A select moves its send case's value in and its receive case's value out.
    gocc::chan<Counted> d(1);
    Counted kept(7);
    int r = gocc::select(gocc::send(d, std::move(kept)));
    printf("select sent (case %d), source moved-from: %d, d holds %zu\n", r, kept.value(), d.len());
    // CHECK-NEXT: select sent (case 0), source moved-from: -1, d holds 1
    gocc::select(gocc::recv(d, [](Counted x) { printf("select received %d\n", x.value()); }));
    // CHECK-NEXT: select received 7
    // A send case not chosen destroys its value with the case.
    gocc::chan<Counted> full(0);
    gocc::select(gocc::send(full, Counted(9)), gocc::otherwise([] {}));

    // Copies of the handle keep the channel and its two buffered objects.
    gocc::chan<Counted> copy = c;
    c = {};
    printf("handle dropped, a copy remains: live %d\n", live.load());
    // (two in the buffer, v and the moved-from kept)
    // CHECK-NEXT: handle dropped, a copy remains: live 4
  }
  // The last handle went: the buffer's objects were destroyed with the channel.
  printf("all handles gone: live %d\n", live.load());
  // CHECK-NEXT: all handles gone: live 0

  // Many objects through an unbuffered channel between goroutines, and a closed channel's
  // zero value, a default-constructed Counted.
  {
    gocc::chan<Counted> c(0);
    gocc::chan<int> done(0);
    gocc::go([c, done] {
      long sum = 0;
      for (Counted x : c) sum += x.value();
      auto [zero, ok] = c.recv_ok();
      printf("sum %ld, then %d %d\n", sum, zero.value(), ok);
      done.send(1);
    });
    for (int i = 0; i < 1000; i++) c.send(Counted(i));
    c.close();
    done.recv();
    // CHECK-NEXT: sum 499500, then -1 0
  }
  printf("at the end: live %d\n", live.load());
  // CHECK-NEXT: at the end: live 0
}
