// gocc run builds like gocc build, into the work directory, then runs the executable with the
// remaining arguments and gocc's stdin, stdout and stderr, and ends the way the program ended.
//
// While the program runs, gocc ignores SIGINT and SIGQUIT: a ^C or ^\ at the terminal reaches the
// whole foreground process group, and it is the program's to handle (a gocc program prints its
// goroutines on SIGQUIT, as Go's do). SIGTERM and SIGHUP sent to gocc are passed on to it. gocc
// then waits, cleans up, and passes the outcome on. A program killed by a signal makes gocc kill
// itself with the same signal, so a shell or a test harness sees the same termination as if it
// had run the program directly.
//
// A program built for another architecture (GOARCH=arm64 on an amd64 machine) runs under its
// emulator (ArchInfo::emulator, QEMU's user mode), as go run runs a foreign program through
// its exec wrapper. A 386 program on an amd64 machine is executed directly first, as most
// amd64 kernels run 32-bit code; where the kernel refuses it (ENOEXEC: built without IA-32
// emulation, or a virtual machine that forbids it), it runs under the emulator (-x says so).
#include "run.h"

#include "build.h"
#include "errors.h"
#include "interrupt.h"
#include "trace.h"

#include "llvm/Support/raw_ostream.h"

#include <spawn.h>
#include <sys/wait.h>
#include <cerrno>
#include <csignal>

extern char** environ;

namespace {

// What happened to the program: it exited with a status or was killed by a signal.
struct Termination {
  int exitStatus = 0;
  int signal = 0;
};

// The signals the terminal sends to the whole foreground group, which are the program's to handle.
constexpr int forwardedSignals[] = {SIGINT, SIGQUIT};

// Splits run's arguments after the flags into the build's inputs and the program's arguments: the
// leading source files (with the objects and archives among them), or else the first argument
// alone (a directory).
void splitRunArgs(llvm::ArrayRef<std::string> args, std::vector<std::string>& inputs,
                  std::vector<std::string>& programArgs) {
  size_t n = 0;
  while (n < args.size() && (isSourceFileName(args[n]) || isPrebuiltFileName(args[n]))) ++n;
  if (n == 0 && !args.empty()) n = 1;
  inputs.assign(args.begin(), args.begin() + n);
  programArgs.assign(args.begin() + n, args.end());
}

// Whether this machine's kernel may run target's programs itself: the host's, and 386 ones on
// amd64.
bool mayRunNatively(const Target& target) {
  return target.arch == &hostArch() || (target.is(Arch::I386) && hostArch().arch == Arch::AMD64);
}

// Whether command runs the program under the target's emulator.
bool isEmulated(const Target& target, llvm::ArrayRef<std::string> command) {
  const auto& emulator = target.arch->emulator;
  return !emulator.empty() && command[0] == emulator.front();
}

// command with the target's emulator in front.
std::vector<std::string> underEmulator(const Target& target, llvm::ArrayRef<std::string> command) {
  std::vector<std::string> emulated(target.arch->emulator.begin(), target.arch->emulator.end());
  emulated.insert(emulated.end(), command.begin(), command.end());
  return emulated;
}

// The command that runs exe with programArgs: exe itself, or its target's emulator with exe.
std::vector<std::string> runCommand(const Target& target, const std::string& exe,
                                    llvm::ArrayRef<std::string> programArgs) {
  std::vector<std::string> command = {exe};
  command.insert(command.end(), programArgs.begin(), programArgs.end());
  return mayRunNatively(target) ? command : underEmulator(target, command);
}

// Starts command: the program by its path, an emulator by its name, from $PATH. Returns
// posix_spawn's error.
int spawnCommand(const Target& target, llvm::ArrayRef<std::string> command,
                 const posix_spawnattr_t* attr, pid_t* pid) {
  std::vector<char*> argv;
  for (const std::string& arg : command) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  return (isEmulated(target, command) ? posix_spawnp : posix_spawn)(pid, argv[0], nullptr, attr,
                                                                    argv.data(), environ);
}

llvm::Expected<Termination> runProgram(const Target& target, std::vector<std::string> command,
                                       const CommandTrace& trace) {
  // Ignore the terminal's signals in gocc from before the program exists until it is gone; the
  // program gets them with their default action, unless gocc's caller had them ignored too.
  struct sigaction ignore = {}, saved[std::size(forwardedSignals)];
  ignore.sa_handler = SIG_IGN;
  sigset_t toDefault;
  sigemptyset(&toDefault);
  for (size_t i = 0; i < std::size(forwardedSignals); ++i) {
    sigaction(forwardedSignals[i], &ignore, &saved[i]);
    if (saved[i].sa_handler != SIG_IGN) sigaddset(&toDefault, forwardedSignals[i]);
  }
  auto restoreSignals = [&] {
    for (size_t i = 0; i < std::size(forwardedSignals); ++i)
      sigaction(forwardedSignals[i], &saved[i], nullptr);
  };

  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setsigdefault(&attr, &toDefault);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  llvm::outs().flush();
  llvm::errs().flush();
  pid_t pid;
  const auto& emulator = target.arch->emulator;
  int spawnError = spawnCommand(target, command, &attr, &pid);
  if (spawnError == ENOEXEC && !emulator.empty() && !isEmulated(target, command)) {
    // A kernel that cannot run this architecture's code after all: the emulator can.
    trace.comment(command[0] + ": " + errnoText(spawnError) + ": running it under " +
                  emulator.front());
    command = underEmulator(target, command);
    trace.print(command);
    spawnError = spawnCommand(target, command, &attr, &pid);
  }
  posix_spawnattr_destroy(&attr);
  if (spawnError != 0) {
    restoreSignals();
    if (isEmulated(target, command) && spawnError == ENOENT)
      return fail("GOARCH=" + target.goarch() + " programs run under " + command[0] +
                  ", which is not installed: install qemu-user");
    return fail("fork/exec " + command[0] + ": " + errnoText(spawnError));
  }

  // SIGTERM or SIGHUP sent to gocc alone (a supervisor, a timeout) is passed on to the program,
  // which decides how it ends.
  passInterruptsTo(pid);
  int status;
  siginfo_t info;
  while (waitid(P_PID, pid, &info, WEXITED | WNOWAIT) != 0) {
    if (errno != EINTR) {
      stopPassingInterruptsTo(pid);
      restoreSignals();
      return fail("waiting for " + command[0] + ": " + errnoText(errno));
    }
  }
  stopPassingInterruptsTo(pid);
  waitpid(pid, &status, 0);
  restoreSignals();
  if (WIFSIGNALED(status)) return Termination{0, WTERMSIG(status)};
  return Termination{WEXITSTATUS(status), 0};
}

}  // namespace

// Builds and runs the program. The work directory is gone when this returns.
static llvm::Expected<Termination> run(llvm::ArrayRef<std::string> args) {
  BuildOptions opts;
  FlagSet flags;
  addBuildFlags(flags, opts);
  auto rest = flags.parse(args);
  if (!rest) return rest.takeError();
  std::vector<std::string> inputs, programArgs;
  splitRunArgs(*rest, inputs, programArgs);
  if (inputs.empty()) return usageError("no C or C++ source files listed");

  auto setup = prepareBuild(inputs, opts);
  if (!setup) return setup.takeError();
  auto work = createWorkDir(opts);
  if (!work) return work.takeError();
  auto cache = Cache::open();
  if (!cache) return cache.takeError();
  std::string exe = work->file(setup->package.defaultOutputName);
  if (llvm::Error err = buildProgram(*setup, opts, *work, *cache, exe)) return std::move(err);

  std::vector<std::string> command = runCommand(setup->target, exe, programArgs);
  CommandTrace trace(opts.trace, work->path(), opts.dryRun);
  trace.print(command);
  if (trace.dryRun()) return Termination{};  // -n: the commands only, as go run -n
  return runProgram(setup->target, std::move(command), trace);
}

int cmdRun(llvm::ArrayRef<std::string> args) {
  catchInterrupts();
  auto termination = run(args);
  if (!termination) {
    int status = report(termination.takeError(), "run");
    if (int signo = interruptSignal()) dieBySignal(signo);  // the build was interrupted
    return status;
  }
  // A signal gocc got while the program ran (say, SIGTERM to gocc alone) does not count: the
  // program's own ending is the outcome.
  if (termination->signal) dieBySignal(termination->signal);
  return termination->exitStatus;
}
