// gocc/sync.h — Go's package sync for C++: Mutex, RWMutex, WaitGroup, Once, Cond
// (docs/goroutines.md, "Sync").
//
// They block the goroutine, not the thread: a goroutine that waits for a lock is parked and
// its thread runs other goroutines. A thread the runtime did not start (std::thread) may
// use them too; it sleeps in the kernel while it waits, in the same queue as the goroutines.
//
// The algorithms are Go's (sync/mutex.go, rwmutex.go, waitgroup.go, once.go, cond.go):
//  - Mutex: a locker spins a little when that can pay (a multicore machine, GOMAXPROCS > 1,
//    another P running), then queues. A woken waiter competes with newcomers; one that has
//    waited more than 1 ms switches the mutex to starvation mode, in which Unlock hands the
//    mutex straight to the first waiter and newcomers queue behind it.
//  - RWMutex: a writer that calls Lock stops new readers, then waits for the readers
//    inside to leave; a stream of readers cannot starve it.
// The zero value of each is ready to use, with constant initialization (a global costs no
// static constructor). None may be copied or moved.
//
// The names are Go's (Lock, Unlock, TryLock, RLock, ...) and, next to them, the standard
// library's (lock, unlock, try_lock, lock_shared, ...): std::lock_guard, std::unique_lock,
// std::scoped_lock and std::shared_lock work with them.
//
// Misuse that Go diagnoses ends the program as in Go: unlocking an unlocked Mutex or
// RWMutex is a fatal error ("fatal error: sync: unlock of unlocked mutex", every goroutine's
// stack as GOTRACEBACK says, exit status 2); a negative WaitGroup counter is a panic: a
// gocc::sync::Error exception, which ends the program with "panic: sync: negative
// WaitGroup counter" unless caught.
#pragma once
#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <type_traits>
#include <utility>

#pragma GCC visibility push(default)

// On the out-of-line functions: a call to one is never a tail call, so that its caller's
// frame, and line, stay in a traceback taken inside it (a waiting goroutine's, a fatal
// error's), as Go's do.
#define GOCC_SYNC_FRAME __attribute__((not_tail_called))

namespace gocc::sync {

// What the sync types throw where Go panics (a negative WaitGroup counter, ...); what()
// is Go's panic text.
class Error : public std::logic_error {
public:
  using std::logic_error::logic_error;
};

// A mutual-exclusion lock (Go: sync.Mutex). The zero value is unlocked. A Mutex is not
// tied to a goroutine: one may lock it and another unlock it.
class Mutex {
public:
  constexpr Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  // Lock the mutex, waiting (parked) until it is free.
  void Lock() {
    int32_t unlocked = 0;
    if (state_.compare_exchange_strong(unlocked, kLocked, std::memory_order_acquire)) return;
    lockSlow();
  }
  // Lock it if it is free (and not promised to a starving waiter); never waits.
  bool TryLock() {
    int32_t old = state_.load(std::memory_order_relaxed);
    if (old & (kLocked | kStarving)) return false;
    return state_.compare_exchange_strong(old, old | kLocked, std::memory_order_acquire);
  }
  // Unlock it; a fatal error if it is not locked.
  void Unlock() {
    int32_t now = state_.fetch_sub(kLocked, std::memory_order_release) - kLocked;
    if (now != 0) unlockSlow(now);
  }

  void lock() { Lock(); }
  bool try_lock() { return TryLock(); }
  void unlock() { Unlock(); }

private:
  // state_: bit 0 locked, bit 1 a waiter was woken (so Unlock need not wake another), bit 2
  // starvation mode, the bits above the number of waiters. sema_: the semaphore they wait on.
  static constexpr int32_t kLocked = 1;
  static constexpr int32_t kWoken = 2;
  static constexpr int32_t kStarving = 4;
  static constexpr int kWaiterShift = 3;

  GOCC_SYNC_FRAME void lockSlow();
  GOCC_SYNC_FRAME void unlockSlow(int32_t now);

  std::atomic<int32_t> state_{0};
  std::atomic<uint32_t> sema_{0};
};

// Anything that can be locked and unlocked (Go: sync.Locker): a non-owning reference to an
// object with lock() and unlock() (Mutex, RWMutex, std::mutex, ...), which must outlive it.
class Locker {
public:
  template <class L, class = std::enable_if_t<!std::is_same_v<std::decay_t<L>, Locker>>,
            class = decltype(std::declval<L&>().lock(), std::declval<L&>().unlock())>
  Locker(L& l)
      : obj_(&l),
        lock_([](void* o) { static_cast<L*>(o)->lock(); }),
        unlock_([](void* o) { static_cast<L*>(o)->unlock(); }) {}
  // obj with the given operations.
  Locker(void* obj, void (*lock)(void*), void (*unlock)(void*))
      : obj_(obj), lock_(lock), unlock_(unlock) {}

  void Lock() { lock_(obj_); }
  void Unlock() { unlock_(obj_); }
  void lock() { Lock(); }
  void unlock() { Unlock(); }

private:
  void* obj_;
  void (*lock_)(void*);
  void (*unlock_)(void*);
};

// A reader/writer mutual-exclusion lock (Go: sync.RWMutex): any number of readers, or one
// writer. The zero value is unlocked. A writer waiting in Lock keeps new readers out, so a
// reader must not RLock again while it holds a read lock (a writer may be waiting between).
class RWMutex {
public:
  constexpr RWMutex() = default;
  RWMutex(const RWMutex&) = delete;
  RWMutex& operator=(const RWMutex&) = delete;

  // Read-lock, waiting while a writer holds or waits for the lock.
  void RLock() {
    if (readerCount_.fetch_add(1, std::memory_order_acquire) + 1 < 0) rLockSlow();
  }
  GOCC_SYNC_FRAME bool TryRLock();
  // Undo one RLock; a fatal error if not read-locked.
  void RUnlock() {
    int32_t r = readerCount_.fetch_sub(1, std::memory_order_release) - 1;
    if (r < 0) rUnlockSlow(r);
  }
  // Write-lock, waiting until no reader nor writer holds it.
  GOCC_SYNC_FRAME void Lock();
  GOCC_SYNC_FRAME bool TryLock();
  // Undo Lock; a fatal error if not write-locked.
  GOCC_SYNC_FRAME void Unlock();
  // A Locker whose Lock and Unlock are this RWMutex's RLock and RUnlock (Go: RLocker).
  Locker RLocker() {
    return Locker(
        this, [](void* rw) { static_cast<RWMutex*>(rw)->RLock(); },
        [](void* rw) { static_cast<RWMutex*>(rw)->RUnlock(); });
  }

  void lock() { Lock(); }
  bool try_lock() { return TryLock(); }
  void unlock() { Unlock(); }
  void lock_shared() { RLock(); }
  bool try_lock_shared() { return TryRLock(); }
  void unlock_shared() { RUnlock(); }

private:
  static constexpr int32_t kMaxReaders = 1 << 30;

  GOCC_SYNC_FRAME void rLockSlow();
  GOCC_SYNC_FRAME void rUnlockSlow(int32_t r);

  Mutex w_;                              // held by the writer, and by one that waits
  std::atomic<uint32_t> writerSem_{0};   // the writer waits here for the readers to leave
  std::atomic<uint32_t> readerSem_{0};   // readers wait here for the writer to finish
  std::atomic<int32_t> readerCount_{0};  // readers in or waiting; - kMaxReaders: a writer
  std::atomic<int32_t> readerWait_{0};   // readers the writer waits for
};

// Waits for a collection of goroutines to finish (Go: sync.WaitGroup): Add the number to
// wait for, each calls Done when it finishes, and Wait blocks until the counter is zero.
// Add with a positive delta while the counter is zero must happen before Wait.
class WaitGroup {
public:
  constexpr WaitGroup() = default;
  WaitGroup(const WaitGroup&) = delete;
  WaitGroup& operator=(const WaitGroup&) = delete;

  // Add delta (which may be negative) to the counter; when it reaches zero, release every
  // Wait. Throws Error if the counter goes negative.
  GOCC_SYNC_FRAME void Add(int delta);
  // Add(-1).
  GOCC_SYNC_FRAME void Done();
  // Block until the counter is zero.
  GOCC_SYNC_FRAME void Wait();

private:
  std::atomic<uint64_t> state_{0};  // the counter in the high 32 bits, the waiters below
  std::atomic<uint32_t> sema_{0};
};

// Performs an action exactly once (Go: sync.Once). Do(f) calls f() if no Do of this Once
// has called its function yet; every Do returns only after that one call has returned. As
// in Go, a call that ends in an exception counts as done: the exception propagates to its
// Do's caller and later Do calls do nothing. f must not call Do on the same Once.
class Once {
public:
  constexpr Once() = default;
  Once(const Once&) = delete;
  Once& operator=(const Once&) = delete;

  template <class F>
  void Do(F&& f) {
    // The fast path, one load: done_ is set only after f has returned.
    if (done_.load(std::memory_order_acquire) == 0) doSlow(std::forward<F>(f));
  }

private:
  template <class F>
  void doSlow(F&& f) {
    struct held {
      Mutex& m;
      ~held() { m.Unlock(); }
    };
    struct markDone {
      std::atomic<uint32_t>& done;
      ~markDone() { done.store(1, std::memory_order_release); }
    };
    m_.Lock();
    held unlockAtEnd{m_};
    if (done_.load(std::memory_order_relaxed) != 0) return;
    markDone doneAtEnd{done_};  // also when f throws, as Go's deferred store
    std::forward<F>(f)();
  }

  std::atomic<uint32_t> done_{0};
  Mutex m_;
};

// A condition variable (Go: sync.Cond): goroutines wait on it for an event, holding L.
class Cond {
public:
  explicit Cond(Locker l) : L(l) {}
  Cond(const Cond&) = delete;
  Cond& operator=(const Cond&) = delete;

  // Unlock L, wait for a Signal or Broadcast that comes after this call began, lock L
  // again. Wait may return without the condition the caller waits for being true: call it
  // in a loop that checks the condition.
  GOCC_SYNC_FRAME void Wait();
  // Wake one waiting goroutine, if any. The caller need not hold L.
  GOCC_SYNC_FRAME void Signal();
  // Wake every waiting goroutine. The caller need not hold L.
  GOCC_SYNC_FRAME void Broadcast();

  Locker L;  // held while the condition is checked or changed

private:
  // The runtime's notify list (runtime/sema.h), laid out alike.
  struct notifyList {
    std::atomic<uint32_t> wait{0};
    std::atomic<uint32_t> notify{0};
    std::atomic<uint32_t> lock{0};
    void* head = nullptr;
    void* tail = nullptr;
  };
  notifyList notify_;
};

}  // namespace gocc::sync

#undef GOCC_SYNC_FRAME
#pragma GCC visibility pop
