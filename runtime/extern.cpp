// extern.cpp — the public runtime API declared in gocc/runtime.h (Go: extern.go, debug.go).
#include "gocc/go.h"
#include "gocc/runtime.h"

#include <string>

#include "formats/buildinfo.h"
#include "lock_futex.h"
#include "print.h"
#include "proc.h"
#include "symtab.h"
#include "traceback.h"

#ifndef GOCC_VERSION
#error "GOCC_VERSION must be defined by the build"
#endif

namespace gocc {
// gocc::go's runtime half.
void* detail::goNew(const void* callerpc, std::size_t stackSize, std::size_t closureSize,
                    void** closure) {
  uintptr_t reserve = (closureSize + 15) & ~uintptr_t(15);
  ::runtime::g* gp = ::runtime::newproc1(nullptr, nullptr, reinterpret_cast<uintptr_t>(callerpc),
                                         stackSize, reserve);
  *closure = reinterpret_cast<void*>((gp->stk.hi - reserve) & ~uintptr_t(15));
  return gp;
}

void detail::goStart(void* gp, void (*fn)(void*), void* arg, const void* entry) {
  auto* newg = static_cast<::runtime::g*>(gp);
  newg->startfn = fn;
  newg->startarg = arg;
  newg->startpc = reinterpret_cast<uintptr_t>(entry);
  ::runtime::newprocQueue(newg);
}

void detail::goCancel(void* gp) { ::runtime::newprocCancel(static_cast<::runtime::g*>(gp)); }
}  // namespace gocc

namespace gocc::runtime {

int GOMAXPROCS(int n) {
  namespace rt = ::runtime;
  rt::lock(&rt::sched.lock);
  int ret = rt::gomaxprocs;
  rt::unlock(&rt::sched.lock);
  if (n <= 0 || n == ret) return ret;
  if (n > 1024) n = 1024;
  rt::g* gp = rt::getg();
  if (!gp || !gp->m || gp != gp->m->curg || !gp->m->p)
    rt::fatal("GOMAXPROCS called from a thread that is not running a goroutine");
  rt::stopTheWorld();
  rt::startTheWorld(n);
  return ret;
}

int NumCPU() { return ::runtime::ncpu; }

int NumGoroutine() { return ::runtime::gcount(); }

void Gosched() { ::runtime::Gosched(); }

void Goexit() { ::runtime::Goexit(); }

void LockOSThread() { ::runtime::LockOSThread(); }

void UnlockOSThread() { ::runtime::UnlockOSThread(); }

// Go's runtime.Stack: the caller's stack from the caller's frame, at traceback level 1
// whatever GOTRACEBACK says (it is about crashes), printed into buf.
__attribute__((noinline)) size_t Stack(char* buf, size_t size, bool all) {
  namespace rt = ::runtime;
  rt::frameStart start = GOCC_CALLER_FRAME();
  rt::g* gp = rt::getg();
  if (!gp || gp != gp->m->curg || !buf || size == 0) return 0;
  if (all) rt::stopTheWorld();
  rt::printToBuffer(buf, size);
  rt::goroutineheader(gp);
  rt::traceback(start, gp, 1);
  if (all) rt::tracebackothers(gp, 1);
  size_t n = rt::printToStderr();
  if (all) rt::startTheWorld(0);
  return n;
}

// The version embedded in the executable (Go: runtime.buildVersion, which the linker sets):
// the toolchain and the Clang that compiled it. A binary without build information (the
// runtime's own unit tests) reports the runtime's version.
const char* Version() {
  static const std::string version = [] {
    buildinfo::Strings s;
    return ::runtime::ownBuildInfo(&s) ? std::string(s.version, s.versionSize)
                                       : std::string("gocc" GOCC_VERSION);
  }();
  return version.c_str();
}

// --- Caller, Callers, FuncForPC ------------------------------------------------------------
// A Func* is the address of the function's record (pclntab::FuncRecord) inside the table,
// as Go's *Func is its _func: nothing is allocated, and the pointer stays valid forever.

namespace {
const pclntab::FuncRecord* recordOf(const Func* f) {
  return reinterpret_cast<const pclntab::FuncRecord*>(f);
}

pclntab::Func funcOf(const Func* f) {
  const pclntab::FuncRecord* rec = recordOf(f);
  return pclntab::Func{rec, ::runtime::firstmoduledata.pcln.textStart() + rec->entryoff, 0};
}

// The frames of the stack from the caller of the caller of this function: a separate,
// never-inlined step, so that Callers' own frame is frame 0, as in Go.
__attribute__((noinline)) int callersFromCaller(int skip, uintptr_t* pcs, int n) {
  return ::runtime::callers(GOCC_CALLER_FRAME(), skip, pcs, n);
}
}  // namespace

__attribute__((noinline)) CallerInfo Caller(int skip) {
  namespace rt = ::runtime;
  CallerInfo r{0, "", 0, false};
  // The call, not the instruction after it (Go: Frames.Next), which may be the next
  // function's first when the call ends its function; an inlined call's caller is at the
  // call site the inline tree records.
  uintptr_t pc;
  const char* file;
  int32_t line;
  if (skip < 0 || !rt::caller(GOCC_CALLER_FRAME(), skip, &pc, &file, &line)) return r;
  return CallerInfo{pc, file, int(line), true};
}

__attribute__((noinline)) int Callers(int skip, uintptr_t* pcs, int n) {
  if (skip < 0 || !pcs) return 0;
  int k = callersFromCaller(skip, pcs, n);
  asm volatile("" ::: "memory");  // keep this frame: no tail call into callersFromCaller
  return k;
}

Func* FuncForPC(uintptr_t pc) {
  pclntab::Func fn = ::runtime::findfunc(pc);
  if (!fn.valid()) return nullptr;
  return reinterpret_cast<Func*>(const_cast<pclntab::FuncRecord*>(fn.rec));
}

const char* Func::Name() const {
  const char* name = ::runtime::funcname(funcOf(this));
  return name ? name : "";
}

uintptr_t Func::Entry() const { return funcOf(this).entry; }

Func::FileLineResult Func::FileLine(uintptr_t pc) const {
  const char* file;
  int32_t line;
  if (!::runtime::funcline(funcOf(this), pc, &file, &line)) return {"?", 0};
  return {file, int(line)};
}

}  // namespace gocc::runtime
