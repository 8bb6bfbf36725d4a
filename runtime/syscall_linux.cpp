// syscall_linux.cpp — the blocking libc calls of a C++ program, bracketed by entersyscall and
// exitsyscall (Go: syscall.Syscall and the runtime's cgocall do the same for every call that
// may block), so that a goroutine blocked in the kernel lets its P go to other goroutines.
//
// Interposition. Each wrapper is the libc function itself (read, pthread_mutex_lock, ...),
// defined here with default visibility. The executable's definition comes first in the
// dynamic linker's lookup order, so the program's calls, those of the statically linked
// libstdc++ (std::mutex, std::condition_variable, std::this_thread::sleep_for,
// std::thread::join) and those of shared libraries that import the name all reach it. The
// wrapper calls the next definition (libc's, or that of a library preloaded to wrap it),
// found with dlsym(RTLD_NEXT) on the first call of each function (in a static program, glibc's
// own code under its other name: libc_next.h). Calls glibc makes inside
// itself (fread → read, printf → write, getaddrinfo → poll) use glibc's internal names and
// cannot be interposed: they keep their P while they block. The wrappers are weak: a program
// that defines one of these functions itself keeps its own.
//
// Who enters a system call: only a user goroutine running on its own stack with a P
// (mayEnterSyscall). A thread the runtime did not start, the scheduler on g0, a signal
// handler on the alternate signal stack, and a signal handler that interrupted a goroutine
// already in a system call call libc straight away.
//
// Cheap calls stay cheap. entersyscall and exitsyscall are a few atomic operations when the
// call does not block long enough for sysmon to take the P (about 20 µs). Locks and
// semaphores are tried without blocking first (pthread_mutex_trylock, sem_trywait,
// LOCK_NB), and only a call that would wait enters a system call. Reads and writes always
// do: telling a non-blocking descriptor apart would cost a system call (fcntl) per call,
// more than entersyscall itself.
//
// errno belongs to the goroutine: it is read right after the call and set again after
// exitsyscall, which may have moved the goroutine to another thread.
#include "syscall_linux.h"

#include <dlfcn.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "libc_next.h"
#include "print.h"
#include "proc.h"

// Weak: a static program (gocc build -static) does not call them, and a strong reference
// would pull glibc's dynamic loader out of libc.a, with its link-time warnings for dlopen.
#pragma weak dlsym
#pragma weak dlvsym

// A static program's table of glibc's definitions: in goccrt_static.o only.
extern "C" __attribute__((weak, visibility("hidden")))
const runtime::LibcFunction gocc_static_libc[];

void* runtime::libcNext(const char* name, const char* version) {
  if (gocc_static_libc) {
    for (const LibcFunction* f = gocc_static_libc; f->name; f++)
      if (strcmp(f->name, name) == 0) return f->code;
    return nullptr;
  }
  if (!dlsym) return nullptr;
  return version ? dlvsym(RTLD_NEXT, name, version) : dlsym(RTLD_NEXT, name);
}

#ifndef GOCC_LIBRARY  // a library interposes no libc function (docs/ports.md)
// The wrappers are libc's global names; their helpers are local to this file, inside the
// runtime's namespace, so that a traceback hides them where they are inlined into a wrapper
// (their names start with "runtime::").
namespace runtime {
namespace {

// The next definition of a libc function after the executable's, looked up on its first
// call. Two threads may both look it up; they store the same pointer.
template <typename F>
struct nextFn {
  const char* name;
  const char* version;  // a symbol version (glibc keeps old ones), or null for the default
  std::atomic<F> fn;

  F get() {
    F f = fn.load(std::memory_order_acquire);
    if (__builtin_expect(f != nullptr, 1)) return f;
    void* sym = runtime::libcNext(name, version);
    if (!sym) {
      if (version)
        runtime::print("runtime: no definition of ", name, "@", version,
                       " after the executable's\n");
      else
        runtime::print("runtime: no definition of ", name, " after the executable's\n");
      runtime::throw_("syscall: libc function missing");
    }
    f = reinterpret_cast<F>(sym);
    fn.store(f, std::memory_order_release);
    return f;
  }
};

// Set errno of the thread this runs on. Not inlined: glibc declares __errno_location const,
// so within one function the compiler may reuse the address it computed before exitsyscall,
// which is the old thread's errno once the goroutine has moved.
__attribute__((noinline)) void setErrno(int err) { errno = err; }

// The next definition called with args: inside entersyscall/exitsyscall when a goroutine
// makes the call, straight away otherwise.
template <typename F, typename... Args>
__attribute__((always_inline)) inline auto blocking(nextFn<F>& next, Args... args) {
  F f = next.get();
  if (!mayEnterSyscall()) return f(args...);
  entersyscall();
  auto r = f(args...);
  int err = errno;
  exitsyscall();
  setErrno(err);
  return r;
}

// One nextFn per wrapped function, named next_<function>.
#define NEXT(fn)                      \
  nextFn<decltype(&::fn)> next_##fn { \
    #fn, nullptr, { nullptr }         \
  }
#define NEXT_VERSION(fn, version)     \
  nextFn<decltype(&::fn)> next_##fn { \
    #fn, version, { nullptr }         \
  }

NEXT(read);
NEXT(write);
NEXT(readv);
NEXT(writev);
NEXT(pread);
NEXT(pwrite);
NEXT(accept);
NEXT(accept4);
NEXT(connect);
NEXT(recv);
NEXT(recvfrom);
NEXT(recvmsg);
NEXT(send);
NEXT(sendto);
NEXT(sendmsg);
NEXT(poll);
NEXT(ppoll);
NEXT(select);
NEXT(pselect);
NEXT(epoll_wait);
NEXT(epoll_pwait);
NEXT(nanosleep);
NEXT(clock_nanosleep);
NEXT(sleep);
NEXT(usleep);
NEXT(wait);
NEXT(waitpid);
NEXT(waitid);
NEXT(system);
NEXT(flock);
NEXT(sem_wait);
NEXT(sem_timedwait);
NEXT(sem_clockwait);
NEXT(pthread_mutex_lock);
NEXT(pthread_rwlock_rdlock);
NEXT(pthread_rwlock_wrlock);
NEXT(pthread_join);
// glibc keeps the condition variables of before 2.3.2 under their old versions (amd64's 2.2.5,
// 386's 2.0); the current ones are 2.3.2. An architecture glibc was ported to later has only
// the current ones, under its first version (arm64: 2.17), and no 2.3.2 at all.
#if defined(__aarch64__)
#define GOCC_PTHREAD_COND_VERSION "GLIBC_2.17"
#else
#define GOCC_PTHREAD_COND_VERSION "GLIBC_2.3.2"
#endif
NEXT_VERSION(pthread_cond_wait, GOCC_PTHREAD_COND_VERSION);
NEXT_VERSION(pthread_cond_timedwait, GOCC_PTHREAD_COND_VERSION);
NEXT(pthread_cond_clockwait);
}  // namespace
}  // namespace runtime
using namespace runtime;  // the helpers, for the wrappers below

// Weak: a program that defines one of these itself keeps its own (as for malloc).
#define WRAPPER extern "C" __attribute__((weak)) GOCC_VISIBLE

// --- file descriptors: pipes, sockets, terminals ---------------------------------------

WRAPPER ssize_t read(int fd, void* buf, size_t n) { return blocking(next_read, fd, buf, n); }
WRAPPER ssize_t write(int fd, const void* buf, size_t n) {
  return blocking(next_write, fd, buf, n);
}
WRAPPER ssize_t readv(int fd, const iovec* iov, int n) { return blocking(next_readv, fd, iov, n); }
WRAPPER ssize_t writev(int fd, const iovec* iov, int n) {
  return blocking(next_writev, fd, iov, n);
}
WRAPPER ssize_t pread(int fd, void* buf, size_t n, off_t off) {
  return blocking(next_pread, fd, buf, n, off);
}
WRAPPER ssize_t pwrite(int fd, const void* buf, size_t n, off_t off) {
  return blocking(next_pwrite, fd, buf, n, off);
}
WRAPPER int accept(int fd, sockaddr* addr, socklen_t* len) {
  return blocking(next_accept, fd, addr, len);
}
WRAPPER int accept4(int fd, sockaddr* addr, socklen_t* len, int flags) {
  return blocking(next_accept4, fd, addr, len, flags);
}
WRAPPER int connect(int fd, const sockaddr* addr, socklen_t len) {
  return blocking(next_connect, fd, addr, len);
}
WRAPPER ssize_t recv(int fd, void* buf, size_t n, int flags) {
  return blocking(next_recv, fd, buf, n, flags);
}
WRAPPER ssize_t recvfrom(int fd, void* buf, size_t n, int flags, sockaddr* addr, socklen_t* len) {
  return blocking(next_recvfrom, fd, buf, n, flags, addr, len);
}
WRAPPER ssize_t recvmsg(int fd, msghdr* msg, int flags) {
  return blocking(next_recvmsg, fd, msg, flags);
}
WRAPPER ssize_t send(int fd, const void* buf, size_t n, int flags) {
  return blocking(next_send, fd, buf, n, flags);
}
WRAPPER ssize_t sendto(int fd, const void* buf, size_t n, int flags, const sockaddr* addr,
                       socklen_t len) {
  return blocking(next_sendto, fd, buf, n, flags, addr, len);
}
WRAPPER ssize_t sendmsg(int fd, const msghdr* msg, int flags) {
  return blocking(next_sendmsg, fd, msg, flags);
}

// --- waiting for descriptors -----------------------------------------------------------

WRAPPER int poll(pollfd* fds, nfds_t n, int timeout) {
  return blocking(next_poll, fds, n, timeout);
}
WRAPPER int ppoll(pollfd* fds, nfds_t n, const timespec* timeout, const sigset_t* mask) {
  return blocking(next_ppoll, fds, n, timeout, mask);
}
WRAPPER int select(int n, fd_set* r, fd_set* w, fd_set* e, timeval* timeout) {
  return blocking(next_select, n, r, w, e, timeout);
}
WRAPPER int pselect(int n, fd_set* r, fd_set* w, fd_set* e, const timespec* timeout,
                    const sigset_t* mask) {
  return blocking(next_pselect, n, r, w, e, timeout, mask);
}
WRAPPER int epoll_wait(int epfd, epoll_event* events, int n, int timeout) {
  return blocking(next_epoll_wait, epfd, events, n, timeout);
}
WRAPPER int epoll_pwait(int epfd, epoll_event* events, int n, int timeout, const sigset_t* mask) {
  return blocking(next_epoll_pwait, epfd, events, n, timeout, mask);
}

// --- sleeping, child processes ---------------------------------------------------------

WRAPPER int nanosleep(const timespec* req, timespec* rem) {
  return blocking(next_nanosleep, req, rem);
}
WRAPPER int clock_nanosleep(clockid_t clock, int flags, const timespec* req, timespec* rem) {
  return blocking(next_clock_nanosleep, clock, flags, req, rem);
}
WRAPPER unsigned int sleep(unsigned int seconds) { return blocking(next_sleep, seconds); }
WRAPPER int usleep(useconds_t usec) { return blocking(next_usleep, usec); }
WRAPPER pid_t wait(int* status) { return blocking(next_wait, status); }
WRAPPER pid_t waitpid(pid_t pid, int* status, int options) {
  return blocking(next_waitpid, pid, status, options);
}
WRAPPER int waitid(idtype_t idtype, id_t id, siginfo_t* info, int options) {
  return blocking(next_waitid, idtype, id, info, options);
}
WRAPPER int system(const char* command) { return blocking(next_system, command); }

// --- locks and semaphores: tried without blocking first ----------------------------------

WRAPPER int flock(int fd, int op) noexcept {
  if ((op & LOCK_NB) || !mayEnterSyscall()) return next_flock.get()(fd, op);
  int saved = errno;
  if (next_flock.get()(fd, op | LOCK_NB) == 0) return 0;
  if (errno != EWOULDBLOCK) return -1;
  errno = saved;
  return blocking(next_flock, fd, op);
}
WRAPPER int sem_wait(sem_t* sem) {
  if (!mayEnterSyscall()) return next_sem_wait.get()(sem);
  int saved = errno;
  if (sem_trywait(sem) == 0) return 0;
  if (errno != EAGAIN) return -1;
  errno = saved;
  return blocking(next_sem_wait, sem);
}
WRAPPER int sem_timedwait(sem_t* sem, const timespec* deadline) {
  return blocking(next_sem_timedwait, sem, deadline);
}
WRAPPER int sem_clockwait(sem_t* sem, clockid_t clock, const timespec* deadline) {
  return blocking(next_sem_clockwait, sem, clock, deadline);
}
WRAPPER int pthread_mutex_lock(pthread_mutex_t* mu) noexcept {
  if (!mayEnterSyscall()) return next_pthread_mutex_lock.get()(mu);
  int r = pthread_mutex_trylock(mu);
  if (r != EBUSY) return r;
  return blocking(next_pthread_mutex_lock, mu);
}
WRAPPER int pthread_rwlock_rdlock(pthread_rwlock_t* rw) noexcept {
  if (!mayEnterSyscall()) return next_pthread_rwlock_rdlock.get()(rw);
  int r = pthread_rwlock_tryrdlock(rw);
  if (r != EBUSY) return r;
  return blocking(next_pthread_rwlock_rdlock, rw);
}
WRAPPER int pthread_rwlock_wrlock(pthread_rwlock_t* rw) noexcept {
  if (!mayEnterSyscall()) return next_pthread_rwlock_wrlock.get()(rw);
  int r = pthread_rwlock_trywrlock(rw);
  if (r != EBUSY) return r;
  return blocking(next_pthread_rwlock_wrlock, rw);
}
WRAPPER int pthread_cond_wait(pthread_cond_t* cond, pthread_mutex_t* mu) {
  return blocking(next_pthread_cond_wait, cond, mu);
}
WRAPPER int pthread_cond_timedwait(pthread_cond_t* cond, pthread_mutex_t* mu,
                                   const timespec* deadline) {
  return blocking(next_pthread_cond_timedwait, cond, mu, deadline);
}
WRAPPER int pthread_cond_clockwait(pthread_cond_t* cond, pthread_mutex_t* mu, clockid_t clock,
                                   const timespec* deadline) {
  return blocking(next_pthread_cond_clockwait, cond, mu, clock, deadline);
}
WRAPPER int pthread_join(pthread_t thread, void** result) {
  return blocking(next_pthread_join, thread, result);
}
#endif
