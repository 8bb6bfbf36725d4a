// Unit tests of runtime channels and select (runtime/chan.cpp, select.cpp): buffering, FIFO
// order, wrap-around, non-blocking operations, close semantics, elements moved and destroyed
// through their type's functions, and blocking between threads. The runtime is not
// bootstrapped here, so every thread is one the runtime did not start: a blocked operation
// sleeps on a futex note, the path std::threads take in a gocc program. (Goroutines parking
// run in every gocc program, and in the lit tests of test/goroutines/chan.)
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "chan.h"
#include "os_linux.h"

using namespace runtime;

namespace {

struct Chan : ::testing::Test {
  void SetUp() override {
    if (physPageSize == 0) physPageSize = 4096;  // persistentalloc's check (threads' notes)
  }
};

TEST_F(Chan, BufferedFIFOWithWrapAround) {
  hchan* c = makechan(sizeof(int), 3);
  int v;
  for (int round = 0; round < 5; round++) {
    for (int i = 0; i < 3; i++) {
      v = round * 10 + i;
      EXPECT_EQ(chansend(c, &v, false), chanStatus::done);
    }
    v = 99;
    EXPECT_EQ(chansend(c, &v, false), chanStatus::wouldBlock)
        << "full channel accepted a non-blocking send";
    for (int i = 0; i < 3; i++) {
      bool received = false;
      EXPECT_TRUE(chanrecv(c, &v, false, &received));
      EXPECT_TRUE(received);
      EXPECT_EQ(v, round * 10 + i);
    }
    EXPECT_FALSE(chanrecv(c, &v, false, nullptr)) << "empty channel gave a value";
  }
  freechan(c);
}

TEST_F(Chan, UnbufferedNonBlockingNeverSucceedsAlone) {
  hchan* c = makechan(sizeof(long), 0);
  long v = 1;
  EXPECT_EQ(chansend(c, &v, false), chanStatus::wouldBlock);
  EXPECT_FALSE(chanrecv(c, &v, false, nullptr));
  freechan(c);
}

TEST_F(Chan, CloseDrainsThenGivesZeroValues) {
  hchan* c = makechan(sizeof(int), 2);
  int v = 7;
  chansend(c, &v, false);
  EXPECT_TRUE(closechan(c));
  bool received = false;
  v = 0;
  EXPECT_TRUE(chanrecv(c, &v, false, &received));
  EXPECT_TRUE(received);
  EXPECT_EQ(v, 7);
  v = 123;
  EXPECT_TRUE(chanrecv(c, &v, true, &received));  // closed and empty: never blocks
  EXPECT_FALSE(received);
  EXPECT_EQ(v, 0);
  freechan(c);
}

TEST_F(Chan, ZeroSizedElements) {
  hchan* c = makechan(0, 2);
  EXPECT_EQ(chansend(c, nullptr, false), chanStatus::done);
  EXPECT_EQ(chansend(c, nullptr, false), chanStatus::done);
  EXPECT_EQ(chansend(c, nullptr, false), chanStatus::wouldBlock);
  EXPECT_TRUE(chanrecv(c, nullptr, false, nullptr));
  freechan(c);
}

// The panics are the caller's (gocc/chan.h throws them): the runtime reports them.
TEST_F(Chan, SendOnClosedChannelReportsClosed) {
  hchan* c = makechan(sizeof(int), 1);
  EXPECT_TRUE(closechan(c));
  int v = 1;
  EXPECT_EQ(chansend(c, &v, false), chanStatus::closed);
  EXPECT_EQ(chansend(c, &v, true), chanStatus::closed);
  freechan(c);
}

TEST_F(Chan, CloseOfClosedChannelReportsIt) {
  hchan* c = makechan(sizeof(int), 1);
  EXPECT_TRUE(closechan(c));
  EXPECT_FALSE(closechan(c));
  freechan(c);
}

TEST_F(Chan, NilChannelNeverReadyWithoutBlocking) {
  int v = 1;
  EXPECT_EQ(chansend(nullptr, &v, false), chanStatus::wouldBlock);
  EXPECT_EQ(chanrecv(nullptr, &v, false), chanStatus::wouldBlock);
}

TEST_F(Chan, SizeOutOfRange) {
  gocc::detail::elemType t = {8, 8, nullptr, nullptr};
  EXPECT_EQ(makechan(t, uint64(1) << 40), nullptr);
}

TEST_F(Chan, OverAlignedElements) {
  struct alignas(64) Line {
    long v[8];
  };
  hchan* c = makechan(gocc::detail::elemTypeOf<Line>, 3);
  for (uint32 i = 0; i < 3; i++)
    EXPECT_EQ(reinterpret_cast<uintptr>(c->buf + i * sizeof(Line)) % 64, 0u);
  freechan(c);
}

// --- elements moved and destroyed through their type's functions ----------------------------

// Counts the live objects, and catches a use or destruction of one already destroyed.
struct Tracked {
  static inline std::atomic<int> live{0};
  static constexpr uint32 aliveMark = 0xa11fe, deadMark = 0xdead;
  uint32 mark = aliveMark;
  std::unique_ptr<int> p;

  explicit Tracked(int v = 0) : p(std::make_unique<int>(v)) { live++; }
  Tracked(Tracked&& o) noexcept : p(std::move(o.p)) {
    EXPECT_EQ(o.mark, aliveMark);
    live++;
  }
  ~Tracked() {
    EXPECT_EQ(mark, aliveMark) << "destroyed twice";
    mark = deadMark;
    live--;
  }
};

TEST_F(Chan, MoveOnlyElementsThroughTheBuffer) {
  hchan* c = makechan(gocc::detail::elemTypeOf<Tracked>, 4);
  for (int i = 0; i < 4; i++) {
    Tracked t(i);
    EXPECT_EQ(chansend(c, &t, false), chanStatus::done);
    EXPECT_EQ(t.p, nullptr) << "the value was copied, not moved";
  }
  EXPECT_EQ(Tracked::live.load(), 4);  // the buffered ones
  for (int i = 0; i < 2; i++) {
    alignas(Tracked) unsigned char raw[sizeof(Tracked)];
    EXPECT_EQ(chanrecv(c, raw, false), chanStatus::done);
    auto* t = reinterpret_cast<Tracked*>(raw);
    EXPECT_EQ(*t->p, i);
    t->~Tracked();
  }
  EXPECT_EQ(Tracked::live.load(), 2);
  chanrelease(c);  // the last reference destroys what the buffer still holds
  EXPECT_EQ(Tracked::live.load(), 0);
}

TEST_F(Chan, ReferencesKeepTheChannel) {
  hchan* c = makechan(gocc::detail::elemTypeOf<Tracked>, 1);
  Tracked t(5);
  chansend(c, &t, false);
  chanretain(c);
  chanrelease(c);
  EXPECT_EQ(Tracked::live.load(), 2) << "freed while a reference remained";
  chanrelease(c);
  EXPECT_EQ(Tracked::live.load(), 1);
}

// --- threads ---------------------------------------------------------------------------------

TEST_F(Chan, UnbufferedHandOffBetweenThreads) {
  hchan* c = makechan(gocc::detail::elemTypeOf<Tracked>, 0);
  constexpr int n = 2000;
  std::thread sender([c] {
    for (int i = 0; i < n; i++) {
      Tracked t(i);
      EXPECT_EQ(chansend(c, &t, true), chanStatus::done);
    }
  });
  for (int i = 0; i < n; i++) {
    alignas(Tracked) unsigned char raw[sizeof(Tracked)];
    ASSERT_EQ(chanrecv(c, raw, true), chanStatus::done);
    auto* t = reinterpret_cast<Tracked*>(raw);
    EXPECT_EQ(*t->p, i);
    t->~Tracked();
  }
  sender.join();
  chanrelease(c);
  EXPECT_EQ(Tracked::live.load(), 0);
}

TEST_F(Chan, CloseWakesBlockedReceiversAndSenders) {
  hchan* in = makechan(sizeof(int), 0);
  hchan* out = makechan(sizeof(int), 0);
  std::atomic<int> closedSeen{0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; i++)
    ts.emplace_back([&] {
      int v = 42;
      if (chanrecv(in, &v, true) == chanStatus::closed && v == 0) closedSeen++;
    });
  for (int i = 0; i < 4; i++)
    ts.emplace_back([&] {
      int v = 1;
      if (chansend(out, &v, true) == chanStatus::closed) closedSeen++;
    });
  // Wait until all eight are blocked in the queues, then close both channels.
  auto queued = [](waitq& q) {
    int k = 0;
    for (sudog* sg = q.first; sg; sg = sg->next) k++;
    return k;
  };
  for (;;) {
    lock(&in->lock);
    lock(&out->lock);
    bool all = queued(in->recvq) == 4 && queued(out->sendq) == 4;
    unlock(&out->lock);
    unlock(&in->lock);
    if (all) break;
    std::this_thread::yield();
  }
  closechan(in);
  closechan(out);
  for (auto& t : ts) t.join();
  EXPECT_EQ(closedSeen.load(), 8);
  freechan(in);
  freechan(out);
}

TEST_F(Chan, SelectNothingReadyWithoutBlocking) {
  hchan* a = makechan(sizeof(int), 0);
  int v;
  scase cases[] = {{reinterpret_cast<gocc::detail::hchan*>(a), &v, false}, {nullptr, &v, true}};
  bool ok = true;
  EXPECT_EQ(selectgo(cases, 2, false, &ok), -1);
  freechan(a);
}

TEST_F(Chan, SelectBlockedThreadWokenByOneCase) {
  hchan* a = makechan(sizeof(int), 0);
  hchan* b = makechan(sizeof(long), 0);
  int va = 0;
  long vb = 0;
  scase cases[] = {{reinterpret_cast<gocc::detail::hchan*>(a), &va, false},
                   {reinterpret_cast<gocc::detail::hchan*>(b), &vb, false}};
  std::thread sender([b] {
    long x = 77;
    EXPECT_EQ(chansend(b, &x, true), chanStatus::done);
  });
  bool ok = false;
  EXPECT_EQ(selectgo(cases, 2, true, &ok), 1);
  EXPECT_TRUE(ok);
  EXPECT_EQ(vb, 77);
  sender.join();
  // The select left a's queue: a non-blocking send finds no receiver.
  EXPECT_TRUE(a->recvq.empty());
  freechan(a);
  freechan(b);
}

TEST(WaitQueue, EnqueueDequeueOrder) {
  waitq q;
  sudog a, b, c;
  q.enqueue(&a);
  q.enqueue(&b);
  q.enqueue(&c);
  EXPECT_EQ(q.dequeue(), &a);
  EXPECT_EQ(q.dequeue(), &b);
  EXPECT_EQ(q.dequeue(), &c);
  EXPECT_EQ(q.dequeue(), nullptr);
  EXPECT_TRUE(q.empty());
}

TEST(WaitQueue, RemoveFromAnyPosition) {
  waitq q;
  sudog a, b, c;
  for (sudog* sg : {&a, &b, &c}) q.enqueue(sg);
  q.remove(&b);
  q.remove(&b);  // not queued any more: nothing happens
  q.remove(&c);
  EXPECT_EQ(q.last, &a);
  q.enqueue(&c);
  q.remove(&a);
  EXPECT_EQ(q.dequeue(), &c);
  EXPECT_TRUE(q.empty());
}

TEST(WaitQueue, DequeueSkipsASelectThatWonElsewhere) {
  waitq q;
  selectState won, open;
  won.done = 1;
  sudog a, b;
  a.sel = &won;
  b.sel = &open;
  q.enqueue(&a);
  q.enqueue(&b);
  EXPECT_EQ(q.dequeue(), &b);
  EXPECT_EQ(open.winner, &b);
  EXPECT_EQ(open.done.load(), 1u);
  EXPECT_TRUE(q.empty());
}

}  // namespace
