// traceback.h — printing goroutine stacks (Go: traceback.go), and GOTRACEBACK.
#pragma once
#include <string_view>

#include "runtime2.h"

namespace runtime {

// GOTRACEBACK, parsed once by parsedebugvars (Go: setTraceback's traceback_cache).
struct tracebackSetting {
  uint32 level = 1;    // 0: no stacks; 1: user frames; 2 and more: runtime frames too, fp/sp/pc
  bool all = false;    // print every goroutine, not only the failing one
  bool crash = false;  // end in SIGABRT (core dump) instead of exit(2)
};
extern tracebackSetting tracebackEnv;
// Go's setTraceback: none | single | all | system | crash | a number N (all + level N);
// anything else counts as a number that does not parse: all + level 0.
void setTraceback(std::string_view level);

// What a fatal path prints (Go: gotraceback, after m.throwing): a panic (an uncaught
// exception, a fault in user code) follows GOTRACEBACK; a user-caused fatal error (Go's
// fatal: deadlock, thread exhaustion) prints every goroutine at GOTRACEBACK's level; a
// runtime throw prints every goroutine with runtime frames, whatever GOTRACEBACK says.
enum class throwType { panic, user, runtime };
tracebackSetting gotraceback(throwType t);

// Where a stack walk starts. pc is the frame's pc: the faulting instruction for a signal
// (exact), else a return address, whose line is looked up at pc-1. fp is the frame's rbp
// (its saved rbp and return address are at fp and fp+8); sp is the frame's stack pointer
// as far as known, printed at level 2.
struct frameStart {
  uintptr pc = 0;
  uintptr fp = 0;
  uintptr sp = 0;
  bool exact = false;
};

// The caller of the function this is expanded in, as a starting point (Go's getcallerpc and
// getcallersp). The function must be noinline and keep its frame pointer.
// (The caller's frame pointer is the one saved at this frame's; its sp is above this frame's
// record of two words, saved frame pointer and return address.)
#define GOCC_CALLER_FRAME()                                                \
  ::runtime::frameStart {                                                  \
    reinterpret_cast<::runtime::uintptr>(__builtin_return_address(0)),     \
        *static_cast<::runtime::uintptr*>(__builtin_frame_address(0)),     \
        reinterpret_cast<::runtime::uintptr>(__builtin_frame_address(0)) + \
            2 * sizeof(::runtime::uintptr),                                \
        false                                                              \
  }

// One step of a frame-pointer walk: from frame f to its caller. False when there is no
// caller to go to: f.fp is 0 (a goroutine's first frame, rt0), outside [lo, hi),
// misaligned, or the chain does not go up the stack.
bool nextFrame(frameStart* f, uintptr lo, uintptr hi);

// Print the stack of gp (or of the current M's g0 when gp is g0), from start, in Go's
// format: per frame "name\n\tfile:line +0xoff\n", preceded by "name\n\tfile:line\n" for each
// inlined call the frame's pc lies in (innermost first), runtime frames only at level 2, at
// most 100 frames, then "created by". The walk follows frame pointers and stops at the
// goroutine's first frame (rbp 0 in runtime.goexit or rt0), or at a frame pointer outside
// [lo, hi), misaligned or not above the previous one. Allocation-free and lock-free.
void traceback(const frameStart& start, g* gp, uint32 level);
// "runtime.x", "runtime::x" (after a template's return type too: "auto runtime::f<int>()")
// or the public headers' gocc::detail::x: hidden below level 2.
bool isRuntimeName(const char* name);
// "goroutine N [status]:"
void goroutineheader(g* gp);
// Every other goroutine: parked ones from their saved context, running ones as
// "goroutine running on other thread; stack unavailable". me is the one printed already.
void tracebackothers(g* me, uint32 level);

// Fill pcs with up to n pcs of the current stack, skipping the first skip frames after
// start (Go: callers). An inlined call counts as a frame, as in Go: a function's own frame
// stores its return address, each caller of an inlined call the pc after one at the call
// site (the inline tree's parentPc + 1). Returns how many it stored.
int callers(const frameStart& start, int skip, uintptr* pcs, int n);
// The frame skip frames up from start, counted as callers counts them: the pc of its call
// (the return address - 1, or the parentPc for an inlined call's caller), the file and line
// of the call. False if there is no such frame or the table does not give its position.
bool caller(const frameStart& start, int skip, uintptr* pc, const char** file, int32* line);

// The bounds a frame-pointer walk of the current thread's stack may read: the current
// goroutine's (or g0's) stack. False on a thread the runtime did not start.
bool currentStackBounds(uintptr* lo, uintptr* hi);

}  // namespace runtime
