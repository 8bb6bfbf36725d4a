// gocc/chan.h — Go's channels for C++: gocc::chan<T>, and gocc::runtime::Error, the panic a
// misused channel throws.
//
// A chan<T> is a handle, as a Go channel value is: copies refer to the same channel, and the
// channel lives while any handle, or any goroutine or thread blocked on it, refers to it (an
// intrusive reference count: there is no garbage collector). A default-constructed chan<T> is
// the nil channel (Go's `var c chan T`); chan<T>(n) or make_chan<T>(n) makes a channel with a
// buffer of n elements, unbuffered for n = 0.
//
//   gocc::chan<int> c(10);          // c := make(chan int, 10)
//   c.send(1);                      // c <- 1
//   int v = c.recv();               // v := <-c
//   auto [w, ok] = c.recv_ok();     // w, ok := <-c
//   c.close();                      // close(c)
//   for (int x : c) use(x);         // for x := range c
//
// Go's rules hold exactly: a send blocks until a receiver takes the value or the buffer has
// room; a receive blocks until a value is there; operations on the nil channel block forever;
// a receive from a closed channel whose buffer is drained gives T{} and ok == false. Sending
// on a closed channel, closing a closed channel and closing the nil channel panic: they throw
// gocc::runtime::Error with Go's text ("send on closed channel", ...), which a program may
// catch as Go's recover would; uncaught, it gives Go's panic report and exit status 2. A
// sender blocked when the channel is closed panics too.
//
// Blocking parks the calling goroutine (its thread runs other goroutines meanwhile); on a
// thread the runtime did not start (std::thread) it sleeps in the kernel. Both may use the
// same channels. Elements are moved through the channel, never copied by the runtime: a
// move-only T (std::unique_ptr) works. T must be default-constructible (T{} is what a closed
// channel gives, Go's zero value), and moving or destroying it must not throw.
//
// gocc/select.h has Go's select statement over these channels.
#pragma once
#include <cstddef>
#include <cstdint>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>

#pragma GCC visibility push(default)

namespace gocc {

namespace runtime {
// A run-time panic of the gocc runtime (Go: runtime.Error), e.g. "send on closed channel".
// what() is the text Go's panic prints.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};
}  // namespace runtime

template <class T>
class chan;

// The result of chan<T>::recv_ok: the value, and whether it was sent (false: the channel is
// closed and drained, and value is T{}).
template <class T>
struct received {
  T value;
  bool ok;
};

namespace detail {

// The runtime's channel (runtime/chan.h); opaque here.
struct hchan;

// How the runtime moves and destroys elements of one type. move == nullptr: the type is
// trivially copyable, and the runtime copies its bytes (the fast path).
struct elemType {
  uint32_t size;
  uint32_t align;
  void (*move)(void* dst, void* src) noexcept;  // construct *dst from std::move(*src)
  void (*destroy)(void* p) noexcept;
};

template <class T>
inline constexpr elemType elemTypeOf = {
    sizeof(T), alignof(T),
    std::is_trivially_copyable_v<T>
        ? nullptr
        : +[](void* dst, void* src) noexcept { ::new (dst) T(std::move(*static_cast<T*>(src))); },
    std::is_trivially_copyable_v<T> ? nullptr
                                    : +[](void* p) noexcept { static_cast<T*>(p)->~T(); }};

// What a channel operation did.
enum class chanStatus : int {
  done,        // sent, or received a value
  wouldBlock,  // non-blocking and not ready
  closed,      // send: the channel is closed; receive: closed and drained (no value)
};

// The runtime's half (runtime/chan.cpp). A receive's elem is raw storage: on done the value
// is constructed there; on closed, a trivially copyable element's bytes are zeroed and any
// other is left unconstructed. A send moves from *elem; the caller still owns and destroys it.
hchan* chanMake(const elemType* t, size_t size);  // null: size out of range
void chanRetain(hchan* c);
void chanRelease(hchan* c);
chanStatus chanSend(hchan* c, void* elem, bool block);
chanStatus chanRecv(hchan* c, void* elem, bool block);
bool chanClose(hchan* c);  // false: c was closed already
size_t chanLen(hchan* c);
size_t chanCap(hchan* c);

// Throw Go's panic. Never inlined, and named gocc::detail::, so that tracebacks hide it and
// start at the program's own frame; never merged, so that each call keeps its own line.
[[noreturn]] __attribute__((noinline, nomerge)) inline void chanpanic(const char* what) {
  throw runtime::Error(what);
}

// Whether T{} is all zero bytes, so that the bytes the runtime zeroes for a closed channel's
// trivially copyable element are already T{}.
template <class T>
inline constexpr bool zeroIsZeroBytes =
    std::is_trivially_copyable_v<T> && std::is_trivially_default_constructible_v<T>;

// Receive into raw storage and leave a T there whatever happened (T{} if closed); returns
// false only for a non-blocking receive that would have blocked.
template <class T>
__attribute__((always_inline, nodebug)) inline bool recvInto(hchan* c, void* p, bool block,
                                                             bool* ok) {
  chanStatus s = chanRecv(c, p, block);
  if (s == chanStatus::wouldBlock) return false;
  *ok = s == chanStatus::done;
  if (s == chanStatus::closed && !zeroIsZeroBytes<T>) ::new (p) T{};
  return true;
}

// Raw storage for one T that is destroyed if it was constructed.
template <class T>
struct slot {
  alignas(T) unsigned char bytes[sizeof(T)];
  T* get() { return std::launder(reinterpret_cast<T*>(bytes)); }
};

template <class T>
hchan* handleOf(const chan<T>& c);

}  // namespace detail

// A channel of T. The public operations are inline wrappers of the runtime's, without debug
// information: a traceback shows the program's own line that called send, recv or close.
template <class T>
class chan {
  static_assert(std::is_default_constructible_v<T>,
                "gocc::chan<T>: T must be default-constructible (a closed channel gives T{})");
  static_assert(std::is_nothrow_move_constructible_v<T> && std::is_nothrow_destructible_v<T>,
                "gocc::chan<T>: moving and destroying T must not throw");
  static_assert(sizeof(T) < (1 << 16), "gocc::chan<T>: element type too large (>= 64 KiB), as Go");

public:
  using value_type = T;

  // The nil channel (c = {} makes a handle nil again).
  chan() noexcept = default;
  // A new channel with room for capacity buffered elements (0: unbuffered). Panics with
  // "chanMake: size out of range" if the buffer could not be that large.
  explicit chan(size_t capacity) : c_(detail::chanMake(&detail::elemTypeOf<T>, capacity)) {
    if (!c_) detail::chanpanic("chanMake: size out of range");
  }

  chan(const chan& o) noexcept : c_(o.c_) {
    if (c_) detail::chanRetain(c_);
  }
  chan(chan&& o) noexcept : c_(std::exchange(o.c_, nullptr)) {}
  chan& operator=(chan o) noexcept {
    std::swap(c_, o.c_);
    return *this;
  }
  ~chan() {
    if (c_) detail::chanRelease(c_);
  }

  // c <- v. Blocks until a receiver takes v or the buffer has room.
  __attribute__((always_inline, nodebug)) void send(const T& v) const {
    if constexpr (std::is_trivially_copyable_v<T>) {
      sendMoving(const_cast<T*>(&v));  // the runtime copies its bytes, leaving v as it was
    } else {
      T copy(v);
      sendMoving(&copy);
    }
  }
  __attribute__((always_inline, nodebug)) void send(T&& v) const { sendMoving(&v); }

  // <-c. Blocks until a value is there; T{} once the channel is closed and drained.
  __attribute__((always_inline, nodebug)) T recv() const { return recv_ok().value; }

  // v, ok := <-c.
  __attribute__((always_inline, nodebug)) received<T> recv_ok() const {
    bool ok;
    if constexpr (detail::zeroIsZeroBytes<T>) {
      received<T> r;
      detail::recvInto<T>(c_, &r.value, true, &ok);
      r.ok = ok;
      return r;
    } else {
      detail::slot<T> s;
      detail::recvInto<T>(c_, s.bytes, true, &ok);
      received<T> r{std::move(*s.get()), ok};
      s.get()->~T();
      return r;
    }
  }

  // close(c): no more values will be sent; blocked receivers get T{} and ok == false, and
  // blocked senders panic.
  __attribute__((always_inline, nodebug)) void close() const {
    if (!c_) detail::chanpanic("close of nil channel");
    if (!detail::chanClose(c_)) detail::chanpanic("close of closed channel");
  }

  // len(c): the number of elements in the buffer.
  size_t len() const noexcept { return c_ ? detail::chanLen(c_) : 0; }
  // cap(c): the buffer's capacity.
  size_t cap() const noexcept { return c_ ? detail::chanCap(c_) : 0; }

  // Channels compare equal when they are the same channel (Go's ==); nil equals nullptr.
  friend bool operator==(const chan& a, const chan& b) noexcept { return a.c_ == b.c_; }
  friend bool operator==(const chan& a, std::nullptr_t) noexcept { return a.c_ == nullptr; }

  // for (T v : c): receive until the channel is closed and drained (Go: for v := range c).
  class iterator;
  struct sentinel {};
  __attribute__((always_inline, nodebug)) iterator begin() const {
    iterator it(c_);
    ++it;
    return it;
  }
  sentinel end() const noexcept { return {}; }

private:
  friend detail::hchan* detail::handleOf<T>(const chan& c);

  __attribute__((always_inline, nodebug)) void sendMoving(T* v) const {
    if (detail::chanSend(c_, v, true) == detail::chanStatus::closed)
      detail::chanpanic("send on closed channel");
  }

  detail::hchan* c_ = nullptr;
};

// The iterator of range-for: each ++ receives; it equals end() once the channel is closed
// and drained. *it gives the value received, moved out of the iterator.
template <class T>
class chan<T>::iterator {
public:
  explicit iterator(detail::hchan* c) : c_(c) {}
  iterator(const iterator&) = delete;
  iterator& operator=(const iterator&) = delete;
  iterator(iterator&& o) noexcept : c_(o.c_), full_(std::exchange(o.full_, false)) {
    if (full_) ::new (v_.bytes) T(std::move(*o.v_.get()));
  }
  ~iterator() { clear(); }

  __attribute__((always_inline, nodebug)) iterator& operator++() {
    clear();
    bool ok;
    detail::recvInto<T>(c_, v_.bytes, true, &ok);
    if (ok)
      full_ = true;
    else
      v_.get()->~T();
    return *this;
  }
  T operator*() { return std::move(*v_.get()); }
  friend bool operator!=(const iterator& it, sentinel) noexcept { return it.full_; }
  friend bool operator==(const iterator& it, sentinel) noexcept { return !it.full_; }

private:
  void clear() {
    if (full_) v_.get()->~T();
    full_ = false;
  }

  detail::hchan* c_;
  bool full_ = false;
  detail::slot<T> v_;
};

// make(chan T, capacity).
template <class T>
chan<T> make_chan(size_t capacity = 0) {
  return chan<T>(capacity);
}

template <class T>
detail::hchan* detail::handleOf(const chan<T>& c) {
  return c.c_;
}

}  // namespace gocc

#pragma GCC visibility pop
