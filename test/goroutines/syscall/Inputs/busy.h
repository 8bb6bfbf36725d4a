// The work a blocked system call must not stall: goroutines that compute and pass values
// to each other over unbuffered channels (the runtime's own channels, declared here as
// the runtime exports them to tests).
#pragma once
#include <gocc/go.h>

#include <cstdint>

namespace runtime {
struct hchan;
hchan* makechan(uint32_t elemsize, uint32_t size);
bool chansend(hchan* c, const void* ep, bool block);
bool chanrecv(hchan* c, void* ep, bool block, bool* received);
}  // namespace runtime

template <typename T>
void send(runtime::hchan* c, T v) {
  runtime::chansend(c, &v, true);
}

template <typename T>
T recv(runtime::hchan* c) {
  T v{};
  runtime::chanrecv(c, &v, true, nullptr);
  return v;
}

// Start f on a goroutine and return once it has begun. With one P, main then runs again
// only when f blocks in the runtime or its P is handed to another M.
template <typename F>
void goAndWait(F f) {
  runtime::hchan* started = runtime::makechan(sizeof(int), 0);
  gocc::go([=] {
    send(started, 1);
    f();
  });
  recv<int>(started);
}

inline long step(long v, int i) { return (v * 31 + i) % 1000003; }

// Two goroutines pass a value back and forth rounds times, each computing a step on it;
// the caller waits for the result. Returns whether it is the value computed without them.
inline bool pingPong(int rounds) {
  runtime::hchan* ping = runtime::makechan(sizeof(long), 0);
  runtime::hchan* pong = runtime::makechan(sizeof(long), 0);
  runtime::hchan* done = runtime::makechan(sizeof(long), 0);
  gocc::go([=] {
    for (int i = 0; i < rounds; i++) send(pong, step(recv<long>(ping), i));
  });
  gocc::go([=] {
    long v = 1;
    for (int i = 0; i < rounds; i++) {
      send(ping, step(v, -i));
      v = recv<long>(pong);
    }
    send(done, v);
  });
  long want = 1;
  for (int i = 0; i < rounds; i++) want = step(step(want, -i), i);
  return recv<long>(done) == want;
}
