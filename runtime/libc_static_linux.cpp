// libc_static_linux.cpp — glibc's own definitions of the functions the runtime interposes, for
// static programs (gocc build -static); compiled into goccrt_static.o, never into libgoccrt.a.
//
// The runtime defines read, pthread_mutex_lock, pthread_create ... itself, weakly
// (syscall_linux.cpp, proc.cpp), and calls "the next definition": in a dynamic program the one
// dlsym(RTLD_NEXT) finds in libc.so. A static program has no dynamic linker, and libc.a
// defines most of these names weakly too, so the runtime's, linked first, are the ones the
// program calls; glibc's code stays reachable under the other names libc.a gives it
// (__libc_read, __pthread_mutex_lock, ...). This table maps each interposed name to glibc's
// code (runtime::libcNext looks names up in it); referring to those names here is also what
// pulls their members out of libc.a.
//
// Five functions have no other name in libc.a (accept4, ppoll, epoll_wait, epoll_pwait,
// usleep: glibc defines them strongly, and only once): their entries are the same system calls
// made here, as glibc makes them.
#include "libc_next.h"

#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern "C" {
ssize_t __libc_read(int, void*, size_t);
ssize_t __libc_write(int, const void*, size_t);
ssize_t __readv(int, const iovec*, int);
ssize_t __writev(int, const iovec*, int);
ssize_t __libc_pread(int, void*, size_t, off_t);
ssize_t __libc_pwrite(int, const void*, size_t, off_t);
int __libc_accept(int, sockaddr*, socklen_t*);
int __libc_connect(int, const sockaddr*, socklen_t);
ssize_t __libc_recv(int, void*, size_t, int);
ssize_t __libc_recvfrom(int, void*, size_t, int, sockaddr*, socklen_t*);
ssize_t __libc_recvmsg(int, msghdr*, int);
ssize_t __libc_send(int, const void*, size_t, int);
ssize_t __libc_sendto(int, const void*, size_t, int, const sockaddr*, socklen_t);
ssize_t __libc_sendmsg(int, const msghdr*, int);
int __libc_poll(pollfd*, nfds_t, int);
int __select(int, fd_set*, fd_set*, fd_set*, timeval*);
int __pselect(int, fd_set*, fd_set*, fd_set*, const timespec*, const sigset_t*);
int __nanosleep(const timespec*, timespec*);
int __clock_nanosleep(clockid_t, int, const timespec*, timespec*);
unsigned __sleep(unsigned);
pid_t __wait(int*);
pid_t __waitpid(pid_t, int*, int);
int __waitid(idtype_t, id_t, siginfo_t*, int);
int __libc_system(const char*);
int __flock(int, int);
int __new_sem_wait(sem_t*);
int ___sem_timedwait(sem_t*, const timespec*);
int ___sem_clockwait(sem_t*, clockid_t, const timespec*);
int __pthread_mutex_lock(pthread_mutex_t*);
int __pthread_rwlock_rdlock(pthread_rwlock_t*);
int __pthread_rwlock_wrlock(pthread_rwlock_t*);
int __pthread_join(pthread_t, void**);
int __pthread_cond_wait(pthread_cond_t*, pthread_mutex_t*);
int __pthread_cond_timedwait(pthread_cond_t*, pthread_mutex_t*, const timespec*);
int __pthread_cond_clockwait(pthread_cond_t*, pthread_mutex_t*, clockid_t, const timespec*);
int __pthread_create_2_1(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*);
[[noreturn]] void __pthread_exit(void*);
}

namespace {

// The kernel's sigset_t: 64 signals.
constexpr long kernelSigsetSize = 8;

int accept4Syscall(int fd, sockaddr* addr, socklen_t* len, int flags) {
  return int(syscall(SYS_accept4, fd, addr, len, flags));
}

// The kernel writes the time left into the timeout; glibc's ppoll leaves the caller's alone.
int ppollSyscall(pollfd* fds, nfds_t n, const timespec* timeout, const sigset_t* mask) {
  timespec left;
  if (timeout) left = *timeout;
  return int(syscall(SYS_ppoll, fds, n, timeout ? &left : nullptr, mask, kernelSigsetSize));
}

// arm64 has no epoll_wait system call, only epoll_pwait (glibc makes the same substitution).
int epollWaitSyscall(int epfd, epoll_event* events, int max, int timeout) {
#ifdef SYS_epoll_wait
  return int(syscall(SYS_epoll_wait, epfd, events, max, timeout));
#else
  return int(syscall(SYS_epoll_pwait, epfd, events, max, timeout, nullptr, kernelSigsetSize));
#endif
}

int epollPwaitSyscall(int epfd, epoll_event* events, int max, int timeout, const sigset_t* mask) {
  return int(syscall(SYS_epoll_pwait, epfd, events, max, timeout, mask, kernelSigsetSize));
}

// glibc's thrd_exit: pthread_exit with the result as the thread's value.
[[noreturn]] void thrdExit(int res) { __pthread_exit(reinterpret_cast<void*>(intptr_t(res))); }

int usleepNanosleep(useconds_t us) {
  timespec ts = {time_t(us / 1000000), long(us % 1000000) * 1000};
  return __nanosleep(&ts, nullptr);
}

template <typename F>
void* code(F* f) {
  return reinterpret_cast<void*>(f);
}

}  // namespace

extern "C" const runtime::LibcFunction gocc_static_libc[] = {
    {"read", code(__libc_read)},
    {"write", code(__libc_write)},
    {"readv", code(__readv)},
    {"writev", code(__writev)},
    {"pread", code(__libc_pread)},
    {"pwrite", code(__libc_pwrite)},
    {"accept", code(__libc_accept)},
    {"accept4", code(accept4Syscall)},
    {"connect", code(__libc_connect)},
    {"recv", code(__libc_recv)},
    {"recvfrom", code(__libc_recvfrom)},
    {"recvmsg", code(__libc_recvmsg)},
    {"send", code(__libc_send)},
    {"sendto", code(__libc_sendto)},
    {"sendmsg", code(__libc_sendmsg)},
    {"poll", code(__libc_poll)},
    {"ppoll", code(ppollSyscall)},
    {"select", code(__select)},
    {"pselect", code(__pselect)},
    {"epoll_wait", code(epollWaitSyscall)},
    {"epoll_pwait", code(epollPwaitSyscall)},
    {"nanosleep", code(__nanosleep)},
    {"clock_nanosleep", code(__clock_nanosleep)},
    {"sleep", code(__sleep)},
    {"usleep", code(usleepNanosleep)},
    {"wait", code(__wait)},
    {"waitpid", code(__waitpid)},
    {"waitid", code(__waitid)},
    {"system", code(__libc_system)},
    {"flock", code(__flock)},
    {"sem_wait", code(__new_sem_wait)},
    {"sem_timedwait", code(___sem_timedwait)},
    {"sem_clockwait", code(___sem_clockwait)},
    {"pthread_mutex_lock", code(__pthread_mutex_lock)},
    {"pthread_rwlock_rdlock", code(__pthread_rwlock_rdlock)},
    {"pthread_rwlock_wrlock", code(__pthread_rwlock_wrlock)},
    {"pthread_join", code(__pthread_join)},
    {"pthread_cond_wait", code(__pthread_cond_wait)},
    {"pthread_cond_timedwait", code(__pthread_cond_timedwait)},
    {"pthread_cond_clockwait", code(__pthread_cond_clockwait)},
    {"pthread_create", code(__pthread_create_2_1)},
    {"pthread_exit", code(__pthread_exit)},
    {"thrd_exit", code(thrdExit)},
    {nullptr, nullptr},
};
