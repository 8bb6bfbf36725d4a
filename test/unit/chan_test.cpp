// Unit tests of runtime channels (runtime/chan.cpp) on the paths that do not park:
// buffering, FIFO order, wrap-around, non-blocking operations, close semantics.
// (The parking paths run in every program: gcenable's handshake; see test/bootstrap.)
#include "chan.h"

#include <gtest/gtest.h>

using namespace runtime;

namespace {

TEST(Chan, BufferedFIFOWithWrapAround) {
  hchan* c = makechan(sizeof(int), 3);
  int v;
  for (int round = 0; round < 5; round++) {
    for (int i = 0; i < 3; i++) {
      v = round * 10 + i;
      EXPECT_TRUE(chansend(c, &v, false));
    }
    v = 99;
    EXPECT_FALSE(chansend(c, &v, false)) << "full channel accepted a non-blocking send";
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

TEST(Chan, UnbufferedNonBlockingNeverSucceedsAlone) {
  hchan* c = makechan(sizeof(long), 0);
  long v = 1;
  EXPECT_FALSE(chansend(c, &v, false));
  EXPECT_FALSE(chanrecv(c, &v, false, nullptr));
  freechan(c);
}

TEST(Chan, CloseDrainsThenGivesZeroValues) {
  hchan* c = makechan(sizeof(int), 2);
  int v = 7;
  chansend(c, &v, false);
  closechan(c);
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

TEST(Chan, ZeroSizedElements) {
  hchan* c = makechan(0, 2);
  EXPECT_TRUE(chansend(c, nullptr, false));
  EXPECT_TRUE(chansend(c, nullptr, false));
  EXPECT_FALSE(chansend(c, nullptr, false));
  EXPECT_TRUE(chanrecv(c, nullptr, false, nullptr));
  freechan(c);
}

TEST(ChanDeathTest, SendOnClosedChannelIsFatal) {
  hchan* c = makechan(sizeof(int), 1);
  closechan(c);
  int v = 1;
  EXPECT_EXIT(chansend(c, &v, false), ::testing::ExitedWithCode(2),
              "fatal error: send on closed channel");
}

TEST(ChanDeathTest, CloseOfClosedChannelIsFatal) {
  hchan* c = makechan(sizeof(int), 1);
  closechan(c);
  EXPECT_EXIT(closechan(c), ::testing::ExitedWithCode(2), "fatal error: close of closed channel");
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

}  // namespace
