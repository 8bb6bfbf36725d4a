// fanin.cpp: fan-in with select and a timeout. Two producers talk at their own pace; one
// select merges their messages and gives up when nothing has come for a while.
//   gocc run examples/fanin.cpp
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/select.h>
#include <gocc/time.h>

#include <cstdio>
#include <string>

using namespace gocc::time;

// Send count messages from name, one every period, then go quiet.
gocc::chan<std::string> producer(std::string name, Duration period, int count) {
  gocc::chan<std::string> out(0);
  gocc::go([=] {
    for (int i = 1; i <= count; i++) {
      Sleep(period);
      out.send(name + " #" + std::to_string(i));
    }
  });
  return out;
}

int main() {
  auto fast = producer("fast", 10 * Millisecond, 5);
  auto slow = producer("slow", 25 * Millisecond, 2);
  for (bool quiet = false; !quiet;) {
    gocc::select(gocc::recv(fast, [](std::string m) { std::printf("%s\n", m.c_str()); }),
                 gocc::recv(slow, [](std::string m) { std::printf("%s\n", m.c_str()); }),
                 gocc::recv(After(100 * Millisecond), [&] {
                   std::printf("nothing for 100ms: done\n");
                   quiet = true;
                 }));
  }
}
