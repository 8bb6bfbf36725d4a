// os_linux.cpp — the runtime's interface to Linux (Go: os_linux.go, vdso_linux.go).
//
// The process was started by ld.so, not by glibc's __libc_start_main, so this file does
// the part of that function's job the runtime needs: it reads argc/argv/envp and the
// auxiliary vector from the initial stack (args), registers ld.so's finalizer, and asks the
// kernel how many CPUs the process may use (osinit).
//
// Threads are made with pthread_create, not a raw clone as in Go: glibc must know every
// thread (TLS, stdio locks, errno, the C++ exception globals), because user code calls libc
// on every M. Futexes and clock_gettime are called directly, since the scheduler uses them
// in its hottest paths.
#include "os_linux.h"

#include <elf.h>
#include <link.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "print.h"
#include "proc.h"
#include "signal_unix.h"
#include "stubs.h"

extern "C" int __cxa_atexit(void (*fn)(void*), void* arg, void* dso) noexcept;

namespace runtime {

int32 argc;
char** argv;
char** envp;
uintptr physPageSize;
const uint8_t* startupRandomData;
uint64 hwcap;
uintptr vdsoBase;
uintptr phdrAddr;
uint64 phdrCount;
int32 ncpu;

namespace {

using clockGettimeFn = int (*)(clockid_t, struct timespec*);
clockGettimeFn vdsoClockGettime;  // found in the vDSO by vdsoauxv

// The vDSO's name for clock_gettime (Go: vdso_linux_amd64.go, vdso_linux_arm64.go).
#if defined(__aarch64__)
constexpr const char* vdsoClockGettimeSym = "__kernel_clock_gettime";
#else
constexpr const char* vdsoClockGettimeSym = "__vdso_clock_gettime";
#endif

// Find clock_gettime in the vDSO image the kernel mapped at base (an ELF shared
// object already laid out in memory): walk its dynamic section to the symbol table.
void vdsoauxv(uintptr base) {
  auto* eh = reinterpret_cast<const ElfW(Ehdr)*>(base);
  if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0) return;
  auto* ph = reinterpret_cast<const ElfW(Phdr)*>(base + eh->e_phoff);
  uintptr loadOffset = 0;
  const ElfW(Dyn)* dyn = nullptr;
  bool foundLoad = false;
  for (int i = 0; i < eh->e_phnum; i++) {
    if (ph[i].p_type == PT_LOAD && !foundLoad) {
      foundLoad = true;
      loadOffset = base + ph[i].p_offset - ph[i].p_vaddr;
    } else if (ph[i].p_type == PT_DYNAMIC) {
      dyn = reinterpret_cast<const ElfW(Dyn)*>(base + ph[i].p_offset);
    }
  }
  if (!foundLoad || !dyn) return;
  const ElfW(Sym)* symtab = nullptr;
  const char* strtab = nullptr;
  const uint32* hash = nullptr;
  for (; dyn->d_tag != DT_NULL; dyn++) {
    uintptr ptr = loadOffset + dyn->d_un.d_ptr;
    switch (dyn->d_tag) {
      case DT_SYMTAB:
        symtab = reinterpret_cast<const ElfW(Sym)*>(ptr);
        break;
      case DT_STRTAB:
        strtab = reinterpret_cast<const char*>(ptr);
        break;
      case DT_HASH:
        hash = reinterpret_cast<const uint32*>(ptr);
        break;
    }
  }
  if (!symtab || !strtab || !hash) return;
  uint32 nsym = hash[1];  // DT_HASH: nbucket, nchain; nchain == number of symbols
  for (uint32 i = 0; i < nsym; i++) {
    const ElfW(Sym)& s = symtab[i];
    if (ELF64_ST_TYPE(s.st_info) != STT_FUNC || s.st_shndx == SHN_UNDEF) continue;
    if (strcmp(strtab + s.st_name, vdsoClockGettimeSym) == 0) {
      vdsoClockGettime = reinterpret_cast<clockGettimeFn>(loadOffset + s.st_value);
      return;
    }
  }
}

// The number of CPUs this process may run on (its affinity mask), at least 1.
int32 getproccount() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return 1;
  int n = CPU_COUNT(&set);
  return n > 0 ? n : 1;
}

}  // namespace

// args: keep argc/argv, find envp after argv and the auxiliary vector after envp, and
// register ld.so's finalizer so that .fini_array and shared libraries' destructors run at
// exit (what __libc_start_main does first of all).
extern "C" void args(int32 c, char** v, void (*rtldFini)()) {
  argc = c;
  argv = v;
  envp = v + c + 1;
  if (rtldFini) __cxa_atexit(reinterpret_cast<void (*)(void*)>(rtldFini), nullptr, nullptr);

  char** e = envp;
  while (*e) e++;
  for (auto* aux = reinterpret_cast<ElfW(auxv_t)*>(e + 1); aux->a_type != AT_NULL; aux++) {
    uint64 val = aux->a_un.a_val;
    switch (aux->a_type) {
      case AT_PAGESZ:
        physPageSize = val;
        break;
      case AT_RANDOM:
        startupRandomData = reinterpret_cast<const uint8_t*>(val);
        break;
      case AT_HWCAP:
        hwcap = val;
        break;

      case AT_SYSINFO_EHDR:
        vdsoBase = val;
        break;
      case AT_PHDR:
        phdrAddr = val;
        break;
      case AT_PHNUM:
        phdrCount = val;
        break;
    }
  }
  if (vdsoBase) vdsoauxv(vdsoBase);
}

// osinit: how many CPUs, and a check of the page size (from the auxiliary vector) that the
// allocator and stacks are built on.
extern "C" void osinit() {
  ncpu = getproccount();
  // Go also reads the transparent huge page size here, for its heap's huge-page handling.
  // gocc has no heap of its own and nothing would use the figure, while reading it from
  // sysfs costs three system calls (about 10 µs) at every start; see docs/bootstrap.md.
  if (physPageSize == 0) throw_("failed to get system page size");
  if ((physPageSize & (physPageSize - 1)) != 0) throw_("system page size is not a power of two");
}

int64 nanotime() {
  struct timespec ts;
  if (vdsoClockGettime)
    vdsoClockGettime(CLOCK_MONOTONIC, &ts);
  else
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
  return int64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

void usleep(uint32 usec) {
  struct timespec ts = {time_t(usec / 1000000), long(usec % 1000000) * 1000};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

void osyield() { sched_yield(); }

void futexsleep(std::atomic<uint32>* addr, uint32 val, int64 ns) {
  struct timespec ts, *tsp = nullptr;
  if (ns >= 0) {
    ts.tv_sec = ns / 1000000000;
    ts.tv_nsec = ns % 1000000000;
    tsp = &ts;
  }
  // Spurious wake-ups (EINTR, EAGAIN) are fine: every caller re-checks its condition.
  syscall(SYS_futex, reinterpret_cast<uint32*>(addr), FUTEX_WAIT_PRIVATE, val, tsp, nullptr, 0);
}

void futexwakeup(std::atomic<uint32>* addr, uint32 n) {
  long r = syscall(SYS_futex, reinterpret_cast<uint32*>(addr), FUTEX_WAKE_PRIVATE, n, nullptr,
                   nullptr, 0);
  if (r < 0) throw_("futexwakeup failed");
}

namespace {
// Each M's g0 runs on the thread's own stack: the scheduler, newm and sysmon, never user
// code. 256 KiB is ample; it is only reserved, so untouched pages cost nothing.
constexpr size_t g0StackSize = 256 << 10;

// glibc carves every thread's static TLS block (the thread_local variables of the program
// and of the libraries loaded with it) and its thread descriptor out of the top of the stack
// it allocates, and fails pthread_create with EINVAL when they do not fit. So an M's stack
// is g0's 256 KiB plus the PT_TLS segments of every module loaded now, plus room for glibc's
// own part (the descriptor and the surplus it keeps for libraries dlopen'ed later, ~4 KiB by
// default). A program with a 1 MiB thread_local array then gets 1.3 MiB M stacks, not a
// fatal error at start-up (test/runtime/big-thread-local.cpp).
constexpr size_t tlsOverhead = 64 << 10;

// The sum of the PT_TLS segments, each rounded up to its alignment, and the largest
// alignment: glibc rounds a thread's stack size down to it, aligns the thread descriptor
// down to it and the TLS block up to it.
struct staticTLS {
  size_t total, maxAlign;
};
staticTLS staticTLSSize() {
  staticTLS tls{0, 1};
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* arg) {
        auto* t = static_cast<staticTLS*>(arg);
        for (int i = 0; i < info->dlpi_phnum; i++) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_TLS) continue;
          size_t align = ph.p_align > 1 ? ph.p_align : 1;
          t->total += (ph.p_memsz + align - 1) / align * align;
          if (align > t->maxAlign) t->maxAlign = align;
        }
        return 0;
      },
      &tls);
  return tls;
}

size_t mStackSize() {
  staticTLS tls = staticTLSSize();
  size_t a = tls.maxAlign;
  return (g0StackSize + tls.total + tlsOverhead + a - 1) / a * a + 2 * a;
}

// The first C function of a new M's thread: make its g0 the current g, with the thread's
// stack as g0's stack, and start the M. The bounds are derived from the stack pointer:
// below it, g0 may use g0StackSize, since TLS, descriptor and guard page were added to
// what newosproc asked for. (pthread_getattr_np would give the exact bounds, but it
// mallocs, and a thread's first malloc makes glibc create a whole arena for it.)
void* mstartThread(void* arg) {
  auto* mp = static_cast<m*>(arg);
  g* g0 = mp->g0;
  uintptr sp = reinterpret_cast<uintptr>(__builtin_frame_address(0));
  g0->stk.hi = (sp + physPageSize - 1) & ~(physPageSize - 1);
  g0->stk.lo = g0->stk.hi - g0StackSize;
  mp->procid = uint64(gettid());
  setg(g0);
  mstart();
  return nullptr;
}
}  // namespace

void newosproc(m* mp) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, mStackSize());
  // The signal mask the thread starts with (newMSigmask): the program's for an M that runs
  // goroutines, every asynchronous signal blocked for one that runs only the runtime.
  sigset_t mask;
  newMSigmask(mp, &mask);
  pthread_attr_setsigmask_np(&attr, &mask);  // applied by the new thread: no extra syscall
  pthread_t tid;
  int err = libcPthreadCreate(&tid, &attr, mstartThread, mp);
  pthread_attr_destroy(&attr);
  if (err != 0) {
    print("runtime: failed to create new OS thread (have ", sched.mnext, " already; errno=", err,
          ")\n");
    throw_("newosproc");
  }
}

void writeErr(const char* buf, size_t n) {
  while (n > 0) {
    // The system call itself, not libc's write: the program's write is a wrapper that may
    // give up the P (syscall_linux.cpp), which a crash report must never wait for.
    ssize_t w = syscall(SYS_write, 2, buf, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return;
    }
    buf += w;
    n -= size_t(w);
  }
}

void exit(int32 code) { _exit(code); }

}  // namespace runtime
