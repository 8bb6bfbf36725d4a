// gocc/go.h — Go's `go` statement for C++: gocc::go(f, args...) starts a goroutine.
//
// A goroutine is a function running on its own small stack, scheduled by gocc's runtime onto
// GOMAXPROCS threads (docs/goroutines.md). gocc::go(f, args...) copies or moves f and args
// (decayed, as std::thread does) into the new goroutine and returns at once; the goroutine
// runs f(args...) and ends when f returns. Nothing waits for it: when main returns the
// program exits, whatever its goroutines are doing, as in Go.
//
// Stacks do not grow (C++ frames cannot move): a goroutine gets 64 KiB, of which only the
// pages it touches cost memory. gocc::go(gocc::stack_size(n), f, args...) asks for n bytes
// instead (rounded up to whole pages; at least 8 KiB, at most debug::SetMaxStack's limit,
// 1 GB by default). Running off the end is Go's fatal "stack overflow", never corruption.
//
// An exception escaping f is a panic: the program prints Go's report for that goroutine
// ("panic: what()", "goroutine N [running]:", its frames, "created by F in goroutine M")
// and exits with status 2.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <new>
#include <tuple>
#include <type_traits>
#include <utility>

#pragma GCC visibility push(default)

namespace gocc {

// The stack a goroutine started with gocc::go(stack_size(n), f, args...) gets: n bytes.
struct stack_size {
  constexpr explicit stack_size(std::size_t bytes) : bytes(bytes) {}
  std::size_t bytes;
};

namespace detail {
// gocc::go's runtime half, in two steps. goNew makes a goroutine, created at callerpc (the
// return address of the call of gocc::go, which is never inlined nor tail-called, so that it
// lies on the line, and in the function, that called it), with stackSize bytes of stack (0:
// the default) whose top closureSize bytes (16-byte aligned) are left for its closure: *closure
// is their address. goStart makes it runnable, running fn(arg); entry is the user function
// it will run (entryOf), or null: a traceback shows a goroutine that has not run yet at that
// function. goCancel discards it instead.
void* goNew(const void* callerpc, std::size_t stackSize, std::size_t closureSize, void** closure);
void goStart(void* gp, void (*fn)(void*), void* arg, const void* entry);
void goCancel(void* gp);

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

// A closure up to this size lives at the top of the goroutine's own stack, sharing its first
// page with the G and the first frames; a larger one is allocated with new.
constexpr std::size_t maxStackClosure = 512;

// The goroutine's first function: it calls the closure and then destroys it (or deletes it,
// if it is not on the stack). The call is never inlined, so that the goroutine's own function
// keeps its frame and name in tracebacks; this frame is the runtime's (hidden, as Go hides
// runtime.goexit).
template <class Closure, bool OnStack>
void goTrampoline(void* arg) {
  struct Release {
    Closure* c;
    ~Release() {
      if constexpr (OnStack)
        c->~Closure();
      else
        delete c;
    }
  } closure{static_cast<Closure*>(arg)};
  std::apply(
      [](auto&& f, auto&&... args) {
        if constexpr (std::is_member_pointer_v<std::decay_t<decltype(f)>>)
          std::invoke(std::move(f), std::move(args)...);  // (obj.*f)(args...), as std::thread
        else [[clang::noinline]]
          std::move(f)(std::move(args)...);
      },
      std::move(*closure.c));
  // Never a tail call, even when releasing the closure costs nothing: this frame stays under
  // the goroutine's function, so that every goroutine's stack ends the same way.
  asm volatile("");
}

template <class F, class... Args>
void goSpawn(const void* callerpc, std::size_t stackSize, F&& f, Args&&... args) {
  static_assert(std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>,
                "gocc::go: f must be callable with the (decayed) arguments given");
  using Closure = std::tuple<std::decay_t<F>, std::decay_t<Args>...>;
  constexpr bool onStack = sizeof(Closure) <= maxStackClosure && alignof(Closure) <= 16;
  void* where = nullptr;
  void* gp = goNew(callerpc, stackSize, onStack ? sizeof(Closure) : 0, &where);
  struct CancelOnUnwind {  // a copy or move constructor threw: the goroutine never runs
    void* gp;
    ~CancelOnUnwind() {
      if (gp) goCancel(gp);
    }
  } cancel{gp};
  Closure* closure;
  if constexpr (onStack)
    closure = ::new (where) Closure(std::forward<F>(f), std::forward<Args>(args)...);
  else
    closure = new Closure(std::forward<F>(f), std::forward<Args>(args)...);
  cancel.gp = nullptr;
  goStart(gp, &goTrampoline<Closure, onStack>, closure, entryOf(std::get<0>(*closure)));
}
}  // namespace detail

template <class F, class... Args>
__attribute__((noinline, not_tail_called)) void go(F&& f, Args&&... args) {
  detail::goSpawn(__builtin_return_address(0), 0, std::forward<F>(f), std::forward<Args>(args)...);
}

template <class F, class... Args>
__attribute__((noinline, not_tail_called)) void go(stack_size size, F&& f, Args&&... args) {
  detail::goSpawn(__builtin_return_address(0), size.bytes, std::forward<F>(f),
                  std::forward<Args>(args)...);
}

}  // namespace gocc

#pragma GCC visibility pop
