// traceback.cpp — goroutine stacks in Go's format (Go: traceback.go), and GOTRACEBACK.
//
// Every function a gocc program runs was compiled with -fno-omit-frame-pointer (the
// program's code by the driver, the runtime by CMake), so each frame starts with
//   [rbp] = the caller's rbp     [rbp+8] = the return address into the caller
// and a stack is walked by following rbp. Go walks with its pcsp tables instead, because Go
// code has no frame pointers it could trust at every pc; here the frame pointer is the one
// thing every frame of our own code has, while the pcsp the driver derives from CFI is -1
// inside frame-pointer bodies (where the CFI is rbp-based: docs/pclntab.md). The walk reads nothing
// but the goroutine's stack, inside its bounds, and the pclntab, so it is safe in a signal handler
// and on a corrupt stack:
//  - it ends at rbp 0 (runtime.goexit, every goroutine's first frame, and rt0_go zero it),
//  - or at a frame pointer outside the goroutine's [stk.lo, stk.hi), misaligned, or not
//    above the previous one (which also guarantees that it ends),
//  - or after 100 frames (Go's _TracebackMaxFrames).
// Code without frame pointers (glibc's, libstdc++'s) breaks the chain: its frames are
// skipped or end the walk. The uncaught-exception path crosses libstdc++'s frames with the
// CFI unwinder first (panic.cpp) and starts the walk at the throwing frame.
//
// Output follows Go 1.19 byte for byte where the concepts match: the goroutine header,
// "name\n\tfile:line +0xoff", "...additional frames elided...", "created by". Names are the
// pclntab's (demangled C++, so they carry their parameter list; Go's "(args)" has no
// counterpart), with template arguments elided to "<...>" below level 2, as Go prints a generic
// function as pkg.F[...]. A pc inside inlined code prints a frame per inlined call, innermost
// first, as "name\n\tfile:line" (Go 1.19 prints "name(...)": its "(...)" stands for the arguments
// it cannot show, and gocc shows arguments for no frame), from the table's inline tree. Runtime
// frames (names starting with "runtime." or "runtime::") are hidden below level 2, as Go hides
// runtime.* frames.
#include "traceback.h"

#include <algorithm>
#include <climits>

#include "formats/funcname.h"
#include "print.h"
#include "signal_unix.h"
#include "stubs.h"
#include "symtab.h"

namespace runtime {

tracebackSetting tracebackEnv;
std::atomic<g*> allgs{nullptr};
namespace {
std::atomic<g*> allgsTail{nullptr};
}

void allgadd(g* gp) {
  gp->alllink.store(nullptr, std::memory_order_relaxed);
  g* prev = allgsTail.exchange(gp, std::memory_order_acq_rel);
  (prev ? prev->alllink : allgs).store(gp, std::memory_order_release);
}

void setTraceback(std::string_view level) {
  tracebackSetting t;
  if (level == "none") {
    t = {0, false, false};
  } else if (level == "single" || level.empty()) {
    t = {1, false, false};
  } else if (level == "all") {
    t = {1, true, false};
  } else if (level == "system") {
    t = {2, true, false};
  } else if (level == "crash") {
    t = {2, true, true};
  } else {
    // Go: all, and level N if the value is a number that fits a uint32 (atoi: optional
    // '-', digits, no overflow of an int); garbage gives level 0.
    t = {0, true, false};
    std::string_view s = level;
    bool neg = !s.empty() && s[0] == '-';
    if (neg) s.remove_prefix(1);
    bool ok = !s.empty();
    uint64 n = 0;
    for (char c : s) {
      if (c < '0' || c > '9' || n > (uint64(INT64_MAX) - 9) / 10) {
        ok = false;
        break;
      }
      n = n * 10 + uint64(c - '0');
    }
    if (ok && !(neg && n != 0) && n <= UINT32_MAX) t.level = uint32(n);
  }
  tracebackEnv = t;
}

tracebackSetting gotraceback(throwType t) {
  tracebackSetting s = tracebackEnv;
  if (t != throwType::panic) s.all = true;  // Go: all = m.throwing >= throwTypeUser
  if (t == throwType::runtime) s.level = 2;
  return s;
}

const char* waitReasonString(waitReason r) {
  switch (r) {
    case waitReasonZero:
      return "";
    case waitReasonChanReceive:
      return "chan receive";
    case waitReasonChanReceiveNilChan:
      return "chan receive (nil chan)";
    case waitReasonChanSend:
      return "chan send";
    case waitReasonChanSendNilChan:
      return "chan send (nil chan)";
    case waitReasonSelect:
      return "select";
    case waitReasonSelectNoCases:
      return "select (no cases)";
    case waitReasonSleep:
      return "sleep";
    case waitReasonSyncMutexLock:
      return "sync.Mutex.Lock";
    case waitReasonSyncRWMutexRLock:
      return "sync.RWMutex.RLock";
    case waitReasonSyncRWMutexLock:
      return "sync.RWMutex.Lock";
    case waitReasonSyncCondWait:
      return "sync.Cond.Wait";
    case waitReasonSemacquire:
      return "semacquire";
    case waitReasonScavengeWait:
      return "GC scavenge wait";
    case waitReasonLockedM:
      return "locked to thread";
  }
  return "";
}

namespace {

constexpr int maxFrames = 100;  // Go's _TracebackMaxFrames

uintptr load(uintptr addr) { return *reinterpret_cast<const uintptr*>(addr); }

// Go's showframe: runtime frames only at level 2.
bool showframe(const char* name, uint32 level) { return level >= 2 || !isRuntimeName(name); }

// A frame's function name: whole at level 2 and more, else in its short form, every outermost
// template argument list "<...>" (formats/funcname.h), as Go prints generic functions.
void printFuncName(printbuf& b, const char* name, uint32 level) {
  if (!name)
    printarg(b, "?");
  else if (level >= 2)
    printarg(b, name);
  else
    funcname::forEachShortPiece(name, [&](const char* piece, size_t n) { b.put(piece, n); });
}

// The file:line of a source frame, "?:0" for what the table does not say.
void printFileLine(printbuf& b, const pclntab::SourceFrame& sf) {
  bool known = sf.file && sf.line >= 0;
  printarg(b, known ? sf.file : "?");
  printarg(b, ":");
  printarg(b, known ? sf.line : 0);
}

// The function a frame's pc belongs to. A return address is looked up at pc-1: the call
// before it may be its function's last instruction (a call to a noreturn function), and
// then the return address is already the next function's first. (Go's compiler pads such
// calls with a NOP; Clang does not.)
pclntab::Func frameFunc(const frameStart& f) { return findfunc(f.exact ? f.pc : f.pc - 1); }

// Print frame f: first a frame for each inlined call its pc lies in, innermost first, as
// "name\n\tfile:line\n" (no pc offset, no fp/sp/pc: the call has no frame of its own), then
// the function itself at the outermost call site, with its +0xoff and, at level 2, fp/sp/pc.
// Frames showframe hides are skipped unless runtimeFrames, and so are all of a hidden
// function's inlined calls. Returns how many were printed.
int printFrame(const frameStart& f, uint32 level, bool runtimeFrames) {
  printbuf b;
  pclntab::Func fn = frameFunc(f);
  if (!fn.valid()) {
    // Code the table does not describe: a shared library's, or a wild return address.
    printarg(b, "?\n\t?:0 pc=");
    b.putHex(f.pc);
    printarg(b, "\n");
    b.flush();
    return 1;
  }
  // A return address belongs to the call before it: its line is looked up at pc-1, as its
  // function was.
  // Code inlined into a hidden function is hidden with it: it is that function's
  // implementation (std::apply in gocc::go's trampoline).
  if (!runtimeFrames && !showframe(funcname(fn), level)) return 0;
  pclntab::InlineUnwinder frames = inlineFrames(fn, f.exact ? f.pc : f.pc - 1);
  pclntab::SourceFrame sf;
  int nprint = 0;
  while (frames.next(&sf)) {
    if (!runtimeFrames && !showframe(sf.name, level)) continue;
    nprint++;
    printFuncName(b, sf.name, level);
    printarg(b, "\n\t");
    printFileLine(b, sf);
    if (sf.inlined) {
      printarg(b, "\n");
      b.flush();
      continue;
    }
    if (f.pc > fn.entry) {
      printarg(b, " +");
      b.putHex(f.pc - fn.entry);
    }
    if (level >= 2) {
      printarg(b, " fp=");
      b.putHex(f.fp ? f.fp + 2 * sizeof(uintptr) : 0);
      printarg(b, " sp=");
      b.putHex(f.sp);
      printarg(b, " pc=");
      b.putHex(f.pc);
    }
    printarg(b, "\n");
    b.flush();
  }
  return nprint;
}

// Print the frames from start; returns how many were printed (hidden ones not counted) and
// sets *cut if the walk stopped at maxFrames with frames left, as Go counts them (a function
// with its inlined calls is one frame).
int printFrames(const frameStart& start, uintptr lo, uintptr hi, uint32 level, bool runtimeFrames,
                bool threadOnly, bool* cut) {
  frameStart f = start;
  int nprint = 0;
  *cut = false;
  for (int n = 0;; n++) {
    if (n == maxFrames) {
      *cut = true;
      break;
    }
    // On a thread the runtime did not start, the frames beyond the program's own are libc's
    // thread start (no frame pointers there): nothing of the thread's to show.
    if (threadOnly && n > 0 && !frameFunc(f).valid()) break;
    nprint += printFrame(f, level, runtimeFrames);
    if (!nextFrame(&f, lo, hi)) break;
  }
  return nprint;
}

// "created by": the function that called runtime.newproc, which is the innermost inlined
// call at that point when the call was inlined (Go 1.19 names the outermost function there,
// beside the innermost line; gocc names the function the line belongs to).
void printcreatedby(g* gp, uint32 level) {
  if (!gp || !gp->gopc || gp->goid == 1) return;
  frameStart f{gp->gopc, 0, 0, false};  // a return address
  pclntab::Func fn = frameFunc(f);
  pclntab::SourceFrame sf;
  if (!fn.valid() || !inlineFrames(fn, f.pc - 1).next(&sf) || !showframe(sf.name, level)) return;
  printbuf b;
  printarg(b, "created by ");
  printFuncName(b, sf.name, level);
  if (gp->parentGoid) {
    printarg(b, " in goroutine ");
    printarg(b, gp->parentGoid);
  }
  printarg(b, "\n\t");
  printFileLine(b, sf);
  if (f.pc > fn.entry) {
    printarg(b, " +");
    b.putHex(f.pc - fn.entry);
  }
  printarg(b, "\n");
  b.flush();
}

// A goroutine's stack; for no goroutine, the current thread's if the runtime did not start it
// and knows its bounds (signal_unix.h).
bool stackOf(g* gp, uintptr* lo, uintptr* hi) {
  if (!gp) return foreignThreadStack(lo, hi);
  if (gp->stk.hi <= gp->stk.lo) return false;
  *lo = gp->stk.lo;
  *hi = gp->stk.hi;
  return true;
}

}  // namespace

bool isRuntimeName(const char* name) {
  if (!name) return false;
  std::string_view n = name;
  // A template's demangled name starts with its return type: "auto runtime::f<int>(int)".
  return n.starts_with("runtime.") || n.starts_with("runtime::") ||
         n.find(" runtime::") < std::min(n.find('<'), n.find('(')) ||
         n.find("gocc::detail::") < n.find('(');  // gocc::go's trampoline (gocc/go.h)
}

bool nextFrame(frameStart* f, uintptr lo, uintptr hi) {
  uintptr fp = f->fp;
  // A frame record is two words: the caller's frame pointer, then the return address.
  constexpr uintptr w = sizeof(uintptr);
  if (fp == 0 || fp % w != 0 || fp < lo || fp > hi - 2 * w) return false;
  uintptr callerFP = load(fp);
  uintptr pc = load(fp + w);
  if (pc == 0) return false;
  f->pc = pc;
  f->sp = fp + 2 * w;
  f->exact = false;
  // The caller's frame must lie above this one; 0 (the first frame) ends the walk after it.
  f->fp = callerFP > fp ? callerFP : 0;
  return true;
}

bool currentStackBounds(uintptr* lo, uintptr* hi) { return stackOf(getg(), lo, hi); }

void traceback(const frameStart& start, g* gp, uint32 level) {
  uintptr lo = 0, hi = 0;
  if (!stackOf(gp, &lo, &hi)) {
    // A thread whose stack's bounds are unknown (made below pthread_create): only the frame
    // we were handed is certain.
    printFrame(start, level, true);
    return;
  }
  bool cut;
  int n = printFrames(start, lo, hi, level, false, !gp, &cut);
  // By default runtime frames are hidden; if that hides everything, show them all (Go).
  if (n == 0 && level < 2) n = printFrames(start, lo, hi, level, true, !gp, &cut);
  if (cut) print("...additional frames elided...\n");
  printcreatedby(gp, level);
}

void goroutineheader(g* gp) {
  static const char* const statusStrings[] = {"idle",    "runnable", "running",
                                              "syscall", "waiting",  "dead"};
  uint32 st = gp->atomicstatus.load(std::memory_order_relaxed);
  const char* status =
      st < sizeof statusStrings / sizeof statusStrings[0] ? statusStrings[st] : "???";
  if (st == Gwaiting && gp->waitreason != waitReasonZero) status = waitReasonString(gp->waitreason);
  print("goroutine ", gp->goid, " [", status, gp->lockedm ? ", locked to thread" : "", "]:\n");
}

void tracebackothers(g* me, uint32 level) {
  g* self = getg();
  m* mine = self ? self->m : nullptr;
  for (g* gp = allgs.load(std::memory_order_acquire); gp;
       gp = gp->alllink.load(std::memory_order_acquire)) {
    uint32 st = gp->atomicstatus.load(std::memory_order_relaxed);
    if (gp == me || st == Gdead || st == Gidle || (gp->issystem && level < 2)) continue;
    print("\n");
    goroutineheader(gp);
    if (st == Grunning) {
      // Its registers are in another thread (or, on this M, below a systemstack switch
      // that saves no context): nothing trustworthy to walk.
      print(gp->m == mine && mine ? "\tgoroutine running on this thread; stack unavailable\n"
                                  : "\tgoroutine running on other thread; stack unavailable\n");
      printcreatedby(gp, level);
      continue;
    }
    if (st == Gsyscall) {
      // Blocked in a system call: its M runs it, but the frames from the one that called
      // entersyscall up stay put until the call returns (Go: g.syscallsp, g.syscallpc).
      frameStart start{gp->syscallpc, gp->syscallbp, gp->syscallsp, false};
      if (start.pc == 0 || start.sp < gp->stk.lo || start.sp >= gp->stk.hi) {
        print("\tgoroutine running on other thread; stack unavailable\n");
        printcreatedby(gp, level);
        continue;
      }
      traceback(start, gp, level);
      continue;
    }
    // A switched-out goroutine's context, as mcall saved it (asm_offsets.h): the return
    // address into mcall's caller and that caller's frame pointer among the registers.
    uintptr sp = gp->sched.sp;
    if (sp < gp->stk.lo || sp > gp->stk.hi - CTX_SIZE) {
      print("\tno saved context\n");
      continue;
    }
    frameStart start{load(sp + CTX_PC), load(sp + CTX_FP), sp + CTX_SIZE, false};
    if (start.pc == reinterpret_cast<uintptr>(&goexit) && gp->startfn) {
      // Never ran: show the function it will start with, as Go shows a new goroutine's: the
      // user function gocc::go was given if known, else the goroutine's first function.
      pclntab::Func fn =
          findfunc(gp->startpc ? gp->startpc : reinterpret_cast<uintptr>(gp->startfn));
      if (fn.valid()) {
        printFrame(frameStart{uintptr(fn.entry), 0, start.sp, true}, level, false);
        printcreatedby(gp, level);
        continue;
      }
    }
    traceback(start, gp, level);
  }
}

namespace {
// The logical frames of the current stack from start, inlined calls expanded, innermost
// first (Go's callers and Frames): visit(pc, sf) for each after the first skip, until it
// returns false. pc is what Go's Callers stores: for a function's own frame its return
// address (or, at start.exact, its pc), for an inlined call's caller the pc after the
// parentPc that stands for the call site; sf the frame's name and position, whose pc is the
// call's (the return address - 1) or the parentPc. A pc the table does not describe is one
// frame with only its pc.
template <typename Visit>
void walkLogicalFrames(const frameStart& start, int skip, Visit visit) {
  uintptr lo, hi;
  if (!currentStackBounds(&lo, &hi)) return;
  frameStart f = start;
  do {
    pclntab::Func fn = frameFunc(f);
    uintptr tracepc = f.exact ? f.pc : f.pc - 1;
    pclntab::InlineUnwinder frames = inlineFrames(fn, tracepc);
    pclntab::SourceFrame sf;
    bool more = frames.next(&sf);
    if (!more) sf.pc = tracepc;  // not in the table: one frame, its pc only
    for (uintptr pc = f.pc;; pc = uintptr(sf.pc) + 1) {
      if (skip > 0)
        skip--;
      else if (!visit(pc, sf))
        return;
      if (!more || !(more = frames.next(&sf))) break;
    }
  } while (nextFrame(&f, lo, hi));
}
}  // namespace

int callers(const frameStart& start, int skip, uintptr* pcs, int n) {
  int k = 0;
  if (n <= 0) return 0;
  walkLogicalFrames(start, skip, [&](uintptr pc, const pclntab::SourceFrame&) {
    pcs[k++] = pc;
    return k < n;
  });
  return k;
}

bool caller(const frameStart& start, int skip, uintptr* pc, const char** file, int32* line) {
  bool found = false, ok = false;
  walkLogicalFrames(start, skip, [&](uintptr, const pclntab::SourceFrame& sf) {
    found = true;
    ok = sf.file && sf.line >= 0;
    *pc = uintptr(sf.pc);
    *file = sf.file;
    *line = sf.line;
    return false;
  });
  return found && ok;
}

}  // namespace runtime
