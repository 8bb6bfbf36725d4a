// gocc/select.h — Go's select statement for C++: gocc::select waits on several channel
// operations and runs the one that can proceed.
//
//   int chosen = gocc::select(
//       gocc::recv(numbers, [](int v, bool ok) { ... }),    // case v, ok := <-numbers:
//       gocc::recv(names, [](std::string s) { ... }),       // case s := <-names:
//       gocc::recv(quit),                                   // case <-quit:
//       gocc::send(out, 42, [] { ... }),                    // case out <- 42:
//       gocc::otherwise([] { ... }));                       // default:
//
// Each case names a channel operation and, optionally, what to run when it is chosen: a
// receive's callback takes the value and ok, the value alone, or nothing; a send's takes
// nothing. select returns the position of the chosen case among its arguments, so a program
// may also switch on it instead of passing callbacks.
//
// Go's semantics: the values to send are evaluated (built into the cases) before the select
// runs; if several cases are ready, one is chosen uniformly at random; if none is, the select
// runs its otherwise case, or without one blocks until a case is ready. A case on the nil
// channel is never ready; a select with no cases (gocc::select()) blocks forever. A receive
// from a closed channel is ready and gives T{} with ok == false; a send to a closed channel
// panics ("send on closed channel"), as the chan<T> operations do.
//
// The cases are meant to be built in the call: they refer to their channels without owning
// a reference, so a case must not outlive the channel handle it was made from.
#pragma once
#include <cstddef>
#include <type_traits>
#include <utility>

#include "gocc/chan.h"

#pragma GCC visibility push(default)

namespace gocc {

namespace detail {

// One case as the runtime sees it: a send of *elem to c, or a receive into elem.
struct scase {
  hchan* c;
  void* elem;
  bool send;
};

// The runtime's select (runtime/select.cpp, Go's chanSelect): the index of the case it ran,
// or -1 if none was ready and !block; *ok is false for a receive from, or a send to, a
// closed channel.
int chanSelect(scase* cases, int ncases, bool block, bool* ok);

// A callback that does nothing: the default of the case builders.
struct nothing {
  void operator()() const noexcept {}
};

template <class T, class F>
struct recvCase {
  hchan* c;
  F f;
  slot<T> v;

  static constexpr bool isDefault = false;
  scase toScase() { return {c, v.bytes, false}; }
  __attribute__((always_inline, nodebug)) void run(bool ok) {
    if (!ok && !zeroIsZeroBytes<T>) ::new (v.bytes) T{};
    struct destroy {
      T* p;
      ~destroy() { p->~T(); }
    } guard{v.get()};
    if constexpr (std::is_invocable_v<F&, T&&, bool>)
      f(std::move(*v.get()), ok);
    else if constexpr (std::is_invocable_v<F&, T&&>)
      f(std::move(*v.get()));
    else
      f();
  }
};

template <class T, class F>
struct sendCase {
  hchan* c;
  T v;
  F f;

  static constexpr bool isDefault = false;
  scase toScase() { return {c, &v, true}; }
  __attribute__((always_inline, nodebug)) void run(bool ok) {
    if (!ok) chanpanic("send on closed channel");
    f();
  }
};

template <class F>
struct defaultCase {
  F f;

  static constexpr bool isDefault = true;
  __attribute__((always_inline, nodebug)) void run(bool) { f(); }
};

// The runtime's index of argument i of a select: its position among the channel cases, or
// -1 for the otherwise case.
template <class... Cases>
struct caseIndex {
  static constexpr bool isDefault[] = {std::remove_reference_t<Cases>::isDefault..., false};
  static constexpr int of(size_t i) {
    if (isDefault[i]) return -1;
    int k = 0;
    for (size_t j = 0; j < i; j++) k += !isDefault[j];
    return k;
  }
};

// Run the case the runtime chose and return its argument position.
template <class... Cases, size_t... I>
__attribute__((always_inline, nodebug)) inline int runChosen(int chosen, bool ok,
                                                             std::index_sequence<I...>,
                                                             Cases&... cases) {
  int ran = -1;
  ((chosen == caseIndex<Cases...>::of(I) ? (cases.run(ok), ran = int(I)) : 0), ...);
  return ran;
}

}  // namespace detail

// case v, ok := <-c: f(T v, bool ok), f(T v) or f(); without f the value is dropped.
template <class T, class F = detail::nothing>
__attribute__((always_inline, nodebug)) inline detail::recvCase<T, std::decay_t<F>> recv(
    const chan<T>& c [[clang::lifetimebound]], F&& f = {}) {
  static_assert(std::is_invocable_v<std::decay_t<F>&, T&&, bool> ||
                    std::is_invocable_v<std::decay_t<F>&, T&&> ||
                    std::is_invocable_v<std::decay_t<F>&>,
                "gocc::recv: the callback must take (T, bool), (T) or nothing");
  return {detail::handleOf(c), std::forward<F>(f), {}};
}

// case c <- v: v is converted to T now (Go evaluates it before the select); f() runs if the
// send is chosen.
template <class T, class V, class F = detail::nothing>
__attribute__((always_inline, nodebug)) inline detail::sendCase<T, std::decay_t<F>> send(
    const chan<T>& c [[clang::lifetimebound]], V&& v, F&& f = {}) {
  static_assert(std::is_invocable_v<std::decay_t<F>&>, "gocc::send: the callback takes nothing");
  return {detail::handleOf(c), T(std::forward<V>(v)), std::forward<F>(f)};
}

// default: runs when no other case is ready.
template <class F>
__attribute__((always_inline, nodebug)) inline detail::defaultCase<std::decay_t<F>> otherwise(
    F&& f) {
  return {std::forward<F>(f)};
}

// select: run one ready case (chosen at random among the ready ones), waiting for one if
// there is no otherwise case. Returns the position of the case that ran among the arguments.
template <class... Cases>
__attribute__((always_inline, nodebug)) inline int select(Cases&&... cases) {
  constexpr int ndefault = (0 + ... + int(std::remove_reference_t<Cases>::isDefault));
  static_assert(ndefault <= 1, "gocc::select: at most one otherwise case");
  constexpr int n = int(sizeof...(Cases)) - ndefault;
  static_assert(n <= 65536, "gocc::select: at most 65536 cases, as Go");
  detail::scase sc[n > 0 ? n : 1];
  int k = 0;
  (
      [&](auto& c) {
        if constexpr (!std::remove_reference_t<decltype(c)>::isDefault) sc[k++] = c.toScase();
      }(cases),
      ...);
  bool ok = false;
  int chosen = detail::chanSelect(sc, n, ndefault == 0, &ok);
  return detail::runChosen(chosen, ok, std::index_sequence_for<Cases...>{}, cases...);
}

}  // namespace gocc

#pragma GCC visibility pop
