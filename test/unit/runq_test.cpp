// Unit tests of the run queues (runtime/runq.cpp): order, runnext, overflow into the
// global queue, stealing, and concurrent stealing losing or duplicating nothing.
#include "runq.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "lock_futex.h"

using namespace runtime;

namespace {

struct Fixture : ::testing::Test {
  std::vector<g> gs = std::vector<g>(4096);
  p p1, p2;
  void SetUp() override {
    gomaxprocs = 2;
    lock(&sched.lock);
    while (globrunqget(&p2, 1)) {
    }
    while (runqget(&p2, nullptr)) {
    }
    unlock(&sched.lock);
  }
};

using RunQueue = Fixture;

TEST_F(RunQueue, FIFOOrder) {
  for (int i = 0; i < 10; i++) runqput(&p1, &gs[i], false);
  EXPECT_EQ(runqlen(&p1), 10u);
  for (int i = 0; i < 10; i++) EXPECT_EQ(runqget(&p1, nullptr), &gs[i]);
  EXPECT_EQ(runqget(&p1, nullptr), nullptr);
  EXPECT_TRUE(runqempty(&p1));
}

TEST_F(RunQueue, RunnextRunsFirstAndInheritsTime) {
  runqput(&p1, &gs[0], false);
  runqput(&p1, &gs[1], true);
  runqput(&p1, &gs[2], true);  // kicks gs[1] out to the tail
  bool inherit = false;
  EXPECT_EQ(runqget(&p1, &inherit), &gs[2]);
  EXPECT_TRUE(inherit);
  EXPECT_EQ(runqget(&p1, &inherit), &gs[0]);
  EXPECT_FALSE(inherit);
  EXPECT_EQ(runqget(&p1, &inherit), &gs[1]);
  EXPECT_TRUE(runqempty(&p1));
}

TEST_F(RunQueue, OverflowMovesHalfToGlobalQueue) {
  for (int i = 0; i < runqSize; i++) runqput(&p1, &gs[i], false);
  EXPECT_EQ(runqlen(&p1), uint32(runqSize));
  runqput(&p1, &gs[runqSize], false);  // full: half of it plus this one go global
  EXPECT_EQ(runqlen(&p1), uint32(runqSize / 2));
  EXPECT_EQ(sched.runqsize, runqSize / 2 + 1);
  // The oldest half went global, in order, then the new one.
  lock(&sched.lock);
  for (int i = 0; i < runqSize / 2; i++) EXPECT_EQ(sched.runq.pop(), &gs[i]);
  EXPECT_EQ(sched.runq.pop(), &gs[runqSize]);
  sched.runqsize = 0;
  unlock(&sched.lock);
  for (int i = runqSize / 2; i < runqSize; i++) EXPECT_EQ(runqget(&p1, nullptr), &gs[i]);
}

TEST_F(RunQueue, GlobalGetRefillsLocalQueue) {
  gomaxprocs = 1;
  lock(&sched.lock);
  for (int i = 0; i < 10; i++) globrunqput(&gs[i]);
  g* first = globrunqget(&p1, 0);
  unlock(&sched.lock);
  EXPECT_EQ(first, &gs[0]);
  EXPECT_EQ(runqlen(&p1), 9u);
  EXPECT_EQ(sched.runqsize, 0);
  for (int i = 1; i < 10; i++) EXPECT_EQ(runqget(&p1, nullptr), &gs[i]);
}

TEST_F(RunQueue, StealTakesHalf) {
  for (int i = 0; i < 10; i++) runqput(&p1, &gs[i], false);
  g* got = runqsteal(&p2, &p1, false);
  ASSERT_NE(got, nullptr);
  EXPECT_EQ(runqlen(&p1), 5u);
  EXPECT_EQ(runqlen(&p2), 4u);  // 5 stolen: one returned, four queued
  EXPECT_EQ(got, &gs[4]);
  for (int i = 0; i < 4; i++) EXPECT_EQ(runqget(&p2, nullptr), &gs[i]);
}

TEST_F(RunQueue, StealRunnextOnlyWhenAsked) {
  runqput(&p1, &gs[0], true);
  EXPECT_EQ(runqsteal(&p2, &p1, false), nullptr);
  EXPECT_EQ(runqsteal(&p2, &p1, true), &gs[0]);
  EXPECT_TRUE(runqempty(&p1));
}

// One owner puts and gets while two thieves steal: every goroutine comes out exactly once.
TEST_F(RunQueue, ConcurrentStealLosesNothing) {
  constexpr int N = 4000;
  std::atomic<bool> done{false};
  std::vector<std::vector<g*>> taken(3);
  p thief[2];
  auto steal = [&](int k) {
    while (!done.load()) {
      if (g* gp = runqsteal(&thief[k], &p1, true)) {
        taken[k].push_back(gp);
        while (g* more = runqget(&thief[k], nullptr)) taken[k].push_back(more);
      }
    }
  };
  std::thread t0(steal, 0), t1(steal, 1);
  for (int i = 0; i < N; i++) {
    runqput(&p1, &gs[i], i % 7 == 0);
    if (i % 3 == 0)
      if (g* gp = runqget(&p1, nullptr)) taken[2].push_back(gp);
  }
  while (g* gp = runqget(&p1, nullptr)) taken[2].push_back(gp);
  done = true;
  t0.join();
  t1.join();
  lock(&sched.lock);
  while (sched.runqsize > 0) {
    taken[2].push_back(sched.runq.pop());
    sched.runqsize--;
  }
  unlock(&sched.lock);
  std::set<g*> seen;
  size_t total = 0;
  for (auto& v : taken) {
    total += v.size();
    seen.insert(v.begin(), v.end());
  }
  EXPECT_EQ(total, size_t(N));
  EXPECT_EQ(seen.size(), size_t(N));
}

}  // namespace
