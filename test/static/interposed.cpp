// In a static program the runtime's interposed libc functions reach glibc's code without a
// dynamic linker: threads (pthread_create, pthread_join, thrd_exit), locks, sleeps, reads and
// writes, and the five glibc defines under one name only (ppoll, epoll_wait, epoll_pwait,
// accept4, usleep) through the same system calls.
// RUN: %gocc build -static -o %t %s
// RUN: bash -c '%t; echo status=$?' | FileCheck %s
#include <poll.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <threads.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <mutex>
#include <thread>

int main() {
  std::mutex mu;
  int n = 0;
  std::thread t([&] {
    std::lock_guard<std::mutex> lock(mu);
    n++;
    usleep(1000);
  });
  t.join();
  printf("thread n=%d\n", n);  // CHECK: thread n=1

  int fds[2];
  if (pipe(fds) != 0) return 1;
  char c = 0;
  ssize_t w = write(fds[1], "x", 1), r = read(fds[0], &c, 1);
  printf("pipe %zd %zd %c\n", w, r, c);  // CHECK: pipe 1 1 x

  pollfd p = {fds[1], POLLOUT, 0};
  timespec zero = {0, 0};
  printf("ppoll %d\n", ppoll(&p, 1, &zero, nullptr));  // CHECK: ppoll 1

  int ep = epoll_create1(0);
  epoll_event ev = {};
  ev.events = EPOLLOUT;
  epoll_ctl(ep, EPOLL_CTL_ADD, fds[1], &ev);
  epoll_event out;
  printf("epoll_wait %d\n", epoll_wait(ep, &out, 1, 0));             // CHECK: epoll_wait 1
  printf("epoll_pwait %d\n", epoll_pwait(ep, &out, 1, 0, nullptr));  // CHECK: epoll_pwait 1

  int a = accept4(fds[0], nullptr, nullptr, 0);
  printf("accept4 %d %s\n", a, errno == ENOTSOCK ? "ENOTSOCK" : "?");  // CHECK: accept4 -1 ENOTSOCK

  thrd_t th;
  thrd_create(&th, [](void*) -> int { thrd_exit(7); }, nullptr);
  int res = 0;
  thrd_join(th, &res);
  printf("thrd_exit %d\n", res);  // CHECK: thrd_exit 7
}
// CHECK: status=0
