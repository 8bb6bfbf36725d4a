// gocc: the command. Dispatches to build, run, clean, compdb, info, env, tool, version and help,
// like the go command, and to the drop-in compiler (c++, cc); each command parses its own flags and
// returns the exit status (0 success, 1 failure, 2 misuse).
#include "build.h"
#include "clean.h"
#include "compdb.h"
#include "config.h"
#include "dropin.h"
#include "env.h"
#include "errors.h"
#include "flags.h"
#include "help.h"
#include "info.h"
#include "run.h"
#include "target.h"
#include "tool.h"

#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

// A command that takes no flags and at most maxArgs arguments: checks args, as the go command
// checks them, before the command does anything.
static llvm::Error checkArgs(llvm::ArrayRef<std::string> args, size_t maxArgs) {
  FlagSet none;
  auto rest = none.parse(args);
  if (!rest) return rest.takeError();
  if (rest->size() > maxArgs) return usageError("too many arguments");
  return llvm::Error::success();
}

static int cmdVersion(llvm::ArrayRef<std::string> args) {
  // go version -m FILE prints a binary's build information; gocc's command for that is info.
  if (!args.empty() && (args[0] == "-m" || args[0] == "--m"))
    return report(usageError("-m: for a binary's build information, use gocc info -m FILE"),
                  "version");
  if (llvm::Error err = checkArgs(args, 0)) return report(std::move(err), "version");
  auto target = targetFromEnv();  // the target gocc builds for ($GOARCH), as gocc env says
  if (!target) return report(target.takeError(), "version");
  llvm::outs() << "gocc version gocc" GOCC_VERSION " linux/" << target->goarch()
               << " clang" GOCC_CLANG_VERSION "\n";
  return 0;
}

static int cmdHelp(llvm::ArrayRef<std::string> args) {
  if (llvm::Error err = checkArgs(args, 1)) return report(std::move(err), "help");
  if (args.empty()) {
    printMainHelp(llvm::outs());
    return 0;
  }
  llvm::StringRef text = helpText(args[0]);
  if (text.empty()) {
    llvm::errs() << "gocc help " << args[0] << ": unknown help topic. Run 'gocc help'.\n";
    return 2;
  }
  llvm::outs() << text;
  return 0;
}

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // Installed as gocc-c++ and gocc-cc (symlinks to gocc), it is the drop-in compiler itself: a
  // build system that wants the compiler as one path gets one.
  llvm::StringRef self = llvm::sys::path::filename(argv[0]);
  if (self == "gocc-c++") return cmdDropin(DropinDriver::CXX, args);
  if (self == "gocc-cc") return cmdDropin(DropinDriver::C, args);
  if (args.empty()) {
    printMainHelp(llvm::errs());
    return 2;
  }
  std::string command = args[0];
  llvm::ArrayRef<std::string> rest = llvm::ArrayRef(args).drop_front();

  if (command == "build") return cmdBuild(rest);
  if (command == "c++") return cmdDropin(DropinDriver::CXX, rest);
  if (command == "cc") return cmdDropin(DropinDriver::C, rest);
  if (command == "run") return cmdRun(rest);
  if (command == "tool") return cmdTool(rest);
  if (command == "version") return cmdVersion(rest);
  if (command == "info") return cmdInfo(rest);
  if (command == "env") return cmdEnv(rest);
  if (command == "clean") return cmdClean(rest);
  if (command == "compdb") return cmdCompdb(rest);
  if (command == "help") return cmdHelp(rest);
  // Asked for with a flag, the usage goes to stderr with status 2, as go -h does.
  if (command == "-h" || command == "-help" || command == "--help") {
    printMainHelp(llvm::errs());
    return 2;
  }
  if (command.size() > 1 && command[0] == '-')
    return report(flagError("flag provided but not defined: " + command), "");
  llvm::errs() << "gocc " << command << ": unknown command\nRun 'gocc help' for usage.\n";
  return 2;
}
