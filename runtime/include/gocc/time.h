// gocc/time.h — Go's package time for goroutines: Sleep, After, AfterFunc, Timer, Ticker,
// Now and Since.
//
// Durations are std::chrono durations; gocc::time::Duration is std::chrono::nanoseconds, with
// Go's constants (Nanosecond ... Hour), and every function that takes a Duration takes any
// std::chrono::duration (rounded up to a whole nanosecond).
//
// Timers are the runtime's (docs/goroutines.md): each P keeps a heap of them, and whichever
// M holds the P runs the due ones. A goroutine in Sleep is parked, waiting for its timer: it
// holds no thread, so a thousand sleeping goroutines cost a thousand small stacks and no
// threads. A timer fires no earlier than its time, and later by as much as it takes an M to
// get to it; the scheduler does not preempt, so a goroutine that computes without ever
// blocking delays the timers of its P until it blocks (another idle P's M takes them over).
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <type_traits>

#include "gocc/chan.h"

#pragma GCC visibility push(default)

namespace gocc::time {

// A Duration is a count of nanoseconds (Go: time.Duration).
using Duration = std::chrono::nanoseconds;
inline constexpr Duration Nanosecond{1};
inline constexpr Duration Microsecond = 1000 * Nanosecond;
inline constexpr Duration Millisecond = 1000 * Microsecond;
inline constexpr Duration Second = 1000 * Millisecond;
inline constexpr Duration Minute = 60 * Second;
inline constexpr Duration Hour = 60 * Minute;

// toDuration: any std::chrono duration as a Duration, rounded up to a whole nanosecond (so
// that a wait is never shorter than asked) and saturated at Duration's limits.
template <class Rep, class Period>
constexpr Duration toDuration(std::chrono::duration<Rep, Period> d) {
  using Long = std::chrono::duration<long double, std::nano>;
  auto ns = std::chrono::duration_cast<Long>(d).count();
  if (ns >= static_cast<long double>(Duration::max().count())) return Duration::max();
  if (ns <= static_cast<long double>(Duration::min().count())) return Duration::min();
  if constexpr (std::is_floating_point_v<Rep> || std::ratio_less_v<Period, std::nano>)
    return std::chrono::ceil<Duration>(d);
  else
    return std::chrono::duration_cast<Duration>(d);
}

// An instant, as Go's time.Time: a wall-clock reading (nanoseconds since the Unix epoch)
// and, for times from Now, a monotonic one. Sub, Before, After and Since use the monotonic
// readings when both times have them, so that a change of the wall clock does not disturb a
// measurement. The zero Time is January 1, year 1, UTC, as in Go.
class Time {
public:
  constexpr Time() = default;

  // UnixNano: nanoseconds since January 1, 1970 UTC.
  int64_t UnixNano() const { return wall_; }
  std::chrono::system_clock::time_point Wall() const {
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(Duration(wall_)));
  }
  bool IsZero() const { return wall_ == zeroWall && mono_ == 0; }

  // Sub: the duration t - u.
  Duration Sub(Time u) const {
    if (mono_ != 0 && u.mono_ != 0) return Duration(mono_ - u.mono_);
    return Duration(wall_ - u.wall_);
  }
  // Add: the time t + d (keeping the monotonic reading, as Go's Add does).
  Time Add(Duration d) const {
    Time t = *this;
    t.wall_ += d.count();
    if (t.mono_ != 0) t.mono_ += d.count();
    return t;
  }
  bool Before(Time u) const { return Sub(u).count() < 0; }
  bool After(Time u) const { return Sub(u).count() > 0; }
  bool Equal(Time u) const { return Sub(u).count() == 0; }

private:
  // The zero Time's wall reading: year 1 is 62135596800 s before the Unix epoch, which is
  // beyond int64 nanoseconds; the zero Time is kept as the smallest int64 instead.
  static constexpr int64_t zeroWall = INT64_MIN;
  int64_t wall_ = zeroWall;
  int64_t mono_ = 0;  // the runtime's monotonic clock; 0: none
  friend Time Now();
};

// Now: the current time, with a monotonic reading.
Time Now();
// Since: the time elapsed since t (Now().Sub(t)).
inline Duration Since(Time t) { return Now().Sub(t); }
// Until: the duration until t (t.Sub(Now())).
inline Duration Until(Time t) { return t.Sub(Now()); }

namespace detail {
// Durations that do not convert to Duration implicitly (floating-point counts, finer
// periods): the functions that take a Duration take them too, through toDuration. Others
// call the Duration overloads directly, so that a traceback shows the caller's own line.
template <class Rep, class Period>
constexpr bool needsRounding = !std::is_convertible_v<std::chrono::duration<Rep, Period>, Duration>;

struct timerBox;  // a runtime timer and what it does when it fires (timer.cpp)
void timerRetain(timerBox* b);
void timerRelease(timerBox* b);

// A counted reference to a runtime timer: the handle Timer is built on. Copies refer to the
// same timer, as copies of Go's *Timer do. Dropping the last handle does not stop the timer:
// a started timer lives until it has fired or is stopped (Go's rule; AfterFunc relies on it).
class timerRef {
public:
  timerRef() = default;
  explicit timerRef(timerBox* b) : box_(b) {}
  timerRef(const timerRef& o) : box_(o.box_) {
    if (box_) timerRetain(box_);
  }
  timerRef(timerRef&& o) noexcept : box_(o.box_) { o.box_ = nullptr; }
  timerRef& operator=(timerRef o) noexcept {
    std::swap(box_, o.box_);
    return *this;
  }
  ~timerRef() {
    if (box_) timerRelease(box_);
  }
  timerBox* get() const { return box_; }

private:
  timerBox* box_ = nullptr;
};
}  // namespace detail

// Sleep pauses the calling goroutine for at least d; d <= 0 returns at once. The goroutine
// parks (its traceback shows [sleep]) and its thread runs other goroutines meanwhile. On a
// thread the runtime did not start (a std::thread), Sleep sleeps that thread.
void Sleep(Duration d);
template <class Rep, class Period, std::enable_if_t<detail::needsRounding<Rep, Period>, int> = 0>
void Sleep(std::chrono::duration<Rep, Period> d) {
  Sleep(toDuration(d));
}

// A Timer: a single event in the future (Go: time.Timer). NewTimer's timer sends the
// current time on C when it fires; AfterFunc's runs a function instead (its C is nil). A
// default-constructed Timer has no timer: Stop and Reset on it throw std::logic_error, as
// Go's panic on an uninitialized Timer.
class Timer {
public:
  Timer() = default;

  // The channel the time is sent on: buffered, of capacity 1, and sent to without blocking,
  // so a timer never waits for its receiver.
  chan<Time> C;

  // Stop prevents the timer from firing. It returns true if the call stops the timer, false
  // if the timer has already fired (or its function has started) or was stopped. Stop does
  // not wait for a function that AfterFunc started to return.
  bool Stop();

  // Reset makes the timer fire after d from now (again, if it has fired). It returns true if
  // the timer was pending (it has then been moved), false if it had fired or been stopped.
  // As in Go, for an AfterFunc timer a false return means the function has started or will
  // run; with Reset the function may run again, concurrently. For a NewTimer timer, Reset
  // does not drain C: a time sent before the Reset stays there (Go's rule: Stop, drain,
  // then Reset).
  bool Reset(Duration d);
  template <class Rep, class Period, std::enable_if_t<detail::needsRounding<Rep, Period>, int> = 0>
  bool Reset(std::chrono::duration<Rep, Period> d) {
    return Reset(toDuration(d));
  }

private:
  Timer(detail::timerBox* b, chan<Time> c) : C(std::move(c)), r_(b) {}
  detail::timerRef r_;
  friend Timer AfterFunc(Duration d, std::function<void()> f);
  friend Timer NewTimer(Duration d);
};

// NewTimer: a Timer that sends the current time on its C after at least d.
Timer NewTimer(Duration d);
template <class Rep, class Period, std::enable_if_t<detail::needsRounding<Rep, Period>, int> = 0>
Timer NewTimer(std::chrono::duration<Rep, Period> d) {
  return NewTimer(toDuration(d));
}

// After: the channel of NewTimer(d), for a timeout in a select. The timer cannot be stopped;
// it is freed once it has fired.
chan<Time> After(Duration d);
template <class Rep, class Period, std::enable_if_t<detail::needsRounding<Rep, Period>, int> = 0>
chan<Time> After(std::chrono::duration<Rep, Period> d) {
  return After(toDuration(d));
}

// AfterFunc waits for d and then calls f in a goroutine of its own, as Go's does. The
// returned Timer can stop it or reset it; dropping the Timer does not.
Timer AfterFunc(Duration d, std::function<void()> f);
template <class Rep, class Period, std::enable_if_t<detail::needsRounding<Rep, Period>, int> = 0>
Timer AfterFunc(std::chrono::duration<Rep, Period> d, std::function<void()> f) {
  return AfterFunc(toDuration(d), std::move(f));
}

// A Ticker sends the current time on C every period (Go: time.Ticker). C has a buffer of one
// and each tick is sent without blocking: a receiver slower than the ticker misses ticks, as
// in Go, and never sees them pile up. Ticks keep to multiples of the period from the start,
// whatever the receiver does. Copies of a Ticker refer to the same ticker; dropping every
// copy does not stop it (Go's rule): Stop it.
class Ticker {
public:
  Ticker() = default;

  chan<Time> C;

  // Stop turns the ticker off: no more ticks are sent (one sent before may still be in C).
  // It does not close C. On a default-constructed Ticker it does nothing.
  void Stop();

  // Reset stops the ticker and restarts it with period d: the next tick comes d from now.
  // d must be positive (otherwise it throws std::invalid_argument, Go's panic).
  void Reset(Duration d);
  template <class Rep, class Period, std::enable_if_t<detail::needsRounding<Rep, Period>, int> = 0>
  void Reset(std::chrono::duration<Rep, Period> d) {
    Reset(toDuration(d));
  }

private:
  Ticker(detail::timerBox* b, chan<Time> c) : C(std::move(c)), r_(b) {}
  detail::timerRef r_;
  friend Ticker NewTicker(Duration d);
};

// NewTicker: a Ticker with period d, whose first tick comes d from now. d must be positive
// (otherwise it throws std::invalid_argument("non-positive interval for NewTicker"), Go's
// panic).
Ticker NewTicker(Duration d);
template <class Rep, class Period, std::enable_if_t<detail::needsRounding<Rep, Period>, int> = 0>
Ticker NewTicker(std::chrono::duration<Rep, Period> d) {
  return NewTicker(toDuration(d));
}

// Tick: the channel of NewTicker(d), for a ticker that runs as long as the program; the nil
// channel if d <= 0 (Go: time.Tick).
chan<Time> Tick(Duration d);
template <class Rep, class Period, std::enable_if_t<detail::needsRounding<Rep, Period>, int> = 0>
chan<Time> Tick(std::chrono::duration<Rep, Period> d) {
  return Tick(toDuration(d));
}

}  // namespace gocc::time

#pragma GCC visibility pop
