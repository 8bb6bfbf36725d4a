// The work a blocked system call must not stall: goroutines that compute and pass values
// to each other over unbuffered channels.
#pragma once
#include <gocc/chan.h>
#include <gocc/go.h>

// Start f on a goroutine and return once it has begun. With one P, main then runs again
// only when f blocks in the runtime or its P is handed to another M.
template <typename F>
void goAndWait(F f) {
  gocc::chan<int> started(0);
  gocc::go([=] {
    started.send(1);
    f();
  });
  started.recv();
}

inline long step(long v, int i) { return (v * 31 + i) % 1000003; }

// Two goroutines pass a value back and forth rounds times, each computing a step on it;
// the caller waits for the result. Returns whether it is the value computed without them.
inline bool pingPong(int rounds) {
  gocc::chan<long> ping(0), pong(0), done(0);
  gocc::go([=] {
    for (int i = 0; i < rounds; i++) pong.send(step(ping.recv(), i));
  });
  gocc::go([=] {
    long v = 1;
    for (int i = 0; i < rounds; i++) {
      ping.send(step(v, -i));
      v = pong.recv();
    }
    done.send(v);
  });
  long want = 1;
  for (int i = 0; i < rounds; i++) want = step(step(want, -i), i);
  return done.recv() == want;
}
