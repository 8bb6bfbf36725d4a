#include "interrupt.h"

#include "llvm/Support/raw_ostream.h"

#include <sys/resource.h>
#include <unistd.h>
#include <csignal>

static volatile sig_atomic_t caughtSignal = 0;

// The signals gocc catches (catchInterrupts) and passes on.
static const int interruptSignals[] = {SIGINT, SIGQUIT, SIGTERM, SIGHUP};

// The children to pass a signal on to. Changed only with the signals blocked, so the handler
// never sees a half-made change; a slot is emptied before its child is reaped, so its pid can
// never be another process's.
static pid_t children[64];

static void recordSignal(int signo) {
  caughtSignal = signo;
  for (pid_t child : children)
    if (child > 0) kill(child, signo);
}

static void changeChildren(pid_t from, pid_t to) {
  sigset_t block, old;
  sigemptyset(&block);
  for (int signo : interruptSignals) sigaddset(&block, signo);
  sigprocmask(SIG_BLOCK, &block, &old);
  for (pid_t& child : children)
    if (child == from) {
      child = to;
      break;
    }
  sigprocmask(SIG_SETMASK, &old, nullptr);
}

// A signal that came before the child was registered is passed on now.
void passInterruptsTo(pid_t child) {
  changeChildren(0, child);
  if (int signo = caughtSignal) kill(child, signo);
}
void stopPassingInterruptsTo(pid_t child) { changeChildren(child, 0); }

void catchInterrupts() {
  for (int signo : interruptSignals) {
    struct sigaction previous;
    sigaction(signo, nullptr, &previous);
    if (previous.sa_handler == SIG_IGN) continue;  // e.g. nohup: stay immune
    struct sigaction action = {};
    action.sa_handler = recordSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a blocked waitid returns EINTR
    sigaction(signo, &action, nullptr);
  }
}

int interruptSignal() { return caughtSignal; }

void dieBySignal(int signo) {
  llvm::outs().flush();
  llvm::errs().flush();
  struct rlimit noCore = {0, 0};
  setrlimit(RLIMIT_CORE, &noCore);
  signal(signo, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, signo);
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
  raise(signo);
  // Still here: the signal's default action is not to terminate. Say it the shell's way.
  _exit(128 + signo);
}
