// gocc/go.h — Go's `go` statement for C++: gocc::go(f, args...) starts a goroutine.
//
// A goroutine is a function running on its own small stack, scheduled by gocc's runtime onto
// GOMAXPROCS threads (docs/goroutines.md). gocc::go(f, args...) copies or moves f and args
// (decayed, as std::thread does) into the new goroutine and returns at once; the goroutine
// runs f(args...) and ends when f returns. Nothing waits for it: when main returns the
// program exits, whatever its goroutines are doing, as in Go.
//
// An exception escaping f is a panic: the program prints Go's report for that goroutine
// ("panic: what()", "goroutine N [running]:", its frames, "created by F in goroutine M")
// and exits with status 2.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <tuple>
#include <type_traits>
#include <utility>

#pragma GCC visibility push(default)

namespace gocc {

namespace detail {
// Start a goroutine running fn(arg), created at callerpc: the return address of the call of
// gocc::go, which is never inlined nor tail-called, so that this address lies on the line,
// and in the function, that called it. entry is the user function the goroutine will run
// (entryOf), or null: a traceback shows a goroutine that has not run yet at that function.
void goStart(void (*fn)(void*), void* arg, const void* callerpc, const void* entry);

template <class F, class = void>
struct hasOneCallOperator : std::false_type {};
template <class F>
struct hasOneCallOperator<F, std::void_t<decltype(&F::operator())>> : std::true_type {};

// The address of the code f runs: a function's own, or the operator() of a lambda or
// function object that has exactly one (not a template, not overloaded, not virtual);
// else null.
template <class F>
const void* entryOf(const F& f) {
  if constexpr (std::is_pointer_v<F> && std::is_function_v<std::remove_pointer_t<F>>) {
    return reinterpret_cast<const void*>(f);
  } else if constexpr (std::is_class_v<F> && hasOneCallOperator<F>::value) {
    // A pointer to a member function is {address, this-adjustment} in the Itanium C++ ABI;
    // for a virtual one the first word is an odd vtable offset instead.
    auto call = &F::operator();
    const void* address;
    __builtin_memcpy(&address, &call, sizeof address);
    return reinterpret_cast<uintptr_t>(address) & 1 ? nullptr : address;
  } else {
    return nullptr;
  }
}

// The goroutine's first function: it takes ownership of the closure and calls it. The call
// is never inlined, so that the goroutine's own function keeps its frame and name in
// tracebacks; this frame is the runtime's (hidden, as Go hides runtime.goexit).
template <class Closure>
void goTrampoline(void* arg) {
  std::unique_ptr<Closure> closure(static_cast<Closure*>(arg));
  std::apply(
      [](auto&& f, auto&&... args) {
        if constexpr (std::is_member_pointer_v<std::decay_t<decltype(f)>>)
          std::invoke(std::move(f), std::move(args)...);  // (obj.*f)(args...), as std::thread
        else [[clang::noinline]]
          std::move(f)(std::move(args)...);
      },
      std::move(*closure));
}
}  // namespace detail

template <class F, class... Args>
__attribute__((noinline, not_tail_called)) void go(F&& f, Args&&... args) {
  static_assert(std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>,
                "gocc::go: f must be callable with the (decayed) arguments given");
  using Closure = std::tuple<std::decay_t<F>, std::decay_t<Args>...>;
  auto* closure = new Closure(std::forward<F>(f), std::forward<Args>(args)...);
  detail::goStart(&detail::goTrampoline<Closure>, closure, __builtin_return_address(0),
                  detail::entryOf(std::get<0>(*closure)));
}

}  // namespace gocc

#pragma GCC visibility pop
