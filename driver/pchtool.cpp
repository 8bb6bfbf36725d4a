// gocc tool pch: the standard-header PCH (pch.h) on one unit, for tests and measurements. It is
// not listed by `gocc tool`: it shows how the driver compiles a unit, it is not a user command.
//
//   gocc tool pch prefix FILE
//       the unit's standard-header prefix, one "LINE <header>" a line, or "none"
//   gocc tool pch compile [-plain] [-cache DIR] [-cxxflags F] [-cflags F] [-trimpath] [-x] [-v]
//                         -o OBJECT FILE
//       compiles FILE to OBJECT with gocc build's clang command for it. With -plain, that
//       command alone. Otherwise through the PCH of the unit's prefix, kept in
//       DIR/pch/<lookup key>/ and built there first if absent; a unit with no prefix, or whose
//       prefix does not precompile silently, is compiled plainly, and so is a unit whose
//       diagnostics with the PCH name its files (they are then the plain compile's).
//       -v says on stderr which way the unit went ("pch: built", "pch: reused", "pch: none: ...",
//       "pch: plain again: ..."), -x prints the commands.
//
// The cache's other half, checking that the headers a reused PCH read are unchanged, is the
// build cache's (pch.h); this tool trusts clang's own check (each header's size).
#include "pchtool.h"

#include "compile.h"
#include "config.h"
#include "errors.h"
#include "flags.h"
#include "pch.h"
#include "target.h"
#include "trace.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

namespace fs = llvm::sys::fs;

namespace {

const char pchUsage[] =
    "usage: gocc tool pch prefix file\n"
    "       gocc tool pch compile [-plain] [-cache dir] [-cxxflags flags] [-cflags flags] "
    "[-trimpath] [-x] [-v] -o object file\n";

int usage() {
  llvm::errs() << pchUsage;
  return 2;
}

llvm::Expected<std::string> readFile(const std::string& path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer) return fail("open " + path + ": " + errnoText(buffer.getError()));
  return (*buffer)->getBuffer().str();
}

int prefix(llvm::ArrayRef<std::string> args) {
  if (args.size() != 1 || (args[0].size() > 1 && args[0][0] == '-')) return usage();
  auto text = readFile(args[0]);
  if (!text) return report(text.takeError(), "");
  Language language = llvm::sys::path::extension(args[0]) == ".c" ? Language::C : Language::CXX;
  std::optional<StandardPrefix> p = standardPrefix(*text, language);
  if (!p) {
    llvm::outs() << "none\n";
    return 0;
  }
  for (const StandardPrefix::Include& inc : p->includes)
    llvm::outs() << inc.line << " <" << inc.header << ">\n";
  return 0;
}

// Runs argv with stderr into errFile; returns clang's exit status (-1 if it could not run).
int run(const std::vector<std::string>& argv, const std::string& errFile,
        const CommandTrace& trace) {
  trace.print(argv);
  std::vector<llvm::StringRef> args(argv.begin(), argv.end());
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, std::nullopt,
                                                llvm::StringRef(errFile)};
  std::string errorText;
  int status = llvm::sys::ExecuteAndWait(argv[0], args, std::nullopt, redirects, 0, 0, &errorText);
  if (status < 0) llvm::errs() << "gocc: " << argv[0] << ": " << errorText << "\n";
  return status;
}

// Runs argv with its stderr passed on; its exit status, as clang's (1 for any failure).
int runPlain(const std::vector<std::string>& argv, const CommandTrace& trace) {
  trace.print(argv);
  std::vector<llvm::StringRef> args(argv.begin(), argv.end());
  std::string errorText;
  int status = llvm::sys::ExecuteAndWait(argv[0], args, std::nullopt, {}, 0, 0, &errorText);
  if (status < 0) llvm::errs() << "gocc: " << argv[0] << ": " << errorText << "\n";
  return status == 0 ? 0 : 1;
}

// Builds the PCH into files (an existing one is reused). Returns "" when it is there to use,
// else why not.
std::string ensurePCH(const std::vector<std::string>& unitArgv, Language language,
                      const StandardPrefix& prefix, const PCHFiles& files, bool& built,
                      const CommandTrace& trace) {
  built = false;
  if (fs::exists(files.pch)) return "";
  llvm::StringRef dir = llvm::sys::path::parent_path(files.pch);
  if (std::error_code ec = fs::create_directories(dir))
    return "mkdir " + dir.str() + ": " + errnoText(ec);
  {
    std::error_code ec;
    llvm::raw_fd_ostream header(files.header, ec);
    if (ec) return "create " + files.header + ": " + errnoText(ec);
    header << prefix.headerText();
  }
  // Built under a temporary name and renamed, so that a PCH that exists is a whole one.
  PCHFiles temporary = files;
  temporary.pch = files.pch + ".tmp" + std::to_string(llvm::sys::Process::getProcessId());
  std::vector<std::string> argv = pchBuildCommand(unitArgv, language, temporary);
  std::string errFile = files.pch + ".err";
  int status = run(argv, errFile, trace);
  auto diagnostics = llvm::MemoryBuffer::getFile(errFile);
  fs::remove(errFile);
  bool silent = diagnostics && (*diagnostics)->getBufferSize() == 0;
  if (status != 0 || !silent) {
    fs::remove(temporary.pch);
    return status != 0 ? "the prefix does not compile" : "the prefix compiles with diagnostics";
  }
  if (std::error_code ec = fs::rename(temporary.pch, files.pch))
    return "rename " + files.pch + ": " + errnoText(ec);
  built = true;
  return "";
}

int compile(llvm::ArrayRef<std::string> args) {
  bool plain = false, trimpath = false, traceFlag = false, verbose = false;
  std::string cacheDir, output;
  std::vector<std::string> cxxflags, cflags;
  FlagSet flags;
  flags.addBool("plain", plain);
  flags.addBool("trimpath", trimpath);
  flags.addBool("x", traceFlag);
  flags.addBool("v", verbose);
  flags.addString("cache", cacheDir);
  flags.addString("o", output);
  flags.addQuotedList("cxxflags", cxxflags);
  flags.addQuotedList("cflags", cflags);
  auto rest = flags.parse(args);
  if (!rest) {
    llvm::consumeError(rest.takeError());
    return usage();
  }
  if (rest->size() != 1 || output.empty() || (!plain && cacheDir.empty())) return usage();

  auto target = targetFromEnv();
  if (!target) return report(target.takeError(), "");
  auto pkg = loadPackage(*rest);
  if (!pkg) return report(pkg.takeError(), "");
  if (pkg->units.size() != 1) return usage();
  auto tc = findToolchain(*target);
  if (!tc) return report(tc.takeError(), "");
  auto work = WorkDir::create(/*keep=*/false);
  if (!work) return report(work.takeError(), "");
  CommandTrace trace(traceFlag, work->path());

  std::vector<CompileJob> jobs =
      planCompiles(*pkg, *tc, *target, cxxflags, cflags, trimpath, *work);
  std::vector<std::string> argv = jobs[0].argv;
  for (size_t i = 0; i + 1 < argv.size(); i++)
    if (argv[i] == "-o") argv[i + 1] = output;
  if (plain) return runPlain(argv, trace);

  const SourceUnit& unit = pkg->units[0];
  auto text = readFile(unit.path);
  if (!text) return report(text.takeError(), "");
  std::optional<StandardPrefix> prefix = standardPrefix(*text, unit.language);
  if (!prefix) {
    if (verbose) llvm::errs() << "pch: none: no standard-header prefix\n";
    return runPlain(argv, trace);
  }
  std::string key = pchLookupKey("gocc" GOCC_VERSION " clang" GOCC_CLANG_VERSION, argv, *prefix);
  PCHFiles files = PCHFiles::in(cacheDir + "/pch/" + key);
  bool built;
  std::string why = ensurePCH(argv, unit.language, *prefix, files, built, trace);
  if (!why.empty()) {
    if (verbose) llvm::errs() << "pch: none: " << why << "\n";
    return runPlain(argv, trace);
  }
  if (verbose) llvm::errs() << (built ? "pch: built\n" : "pch: reused\n");

  std::string errFile = work->file("pch-compile.err");
  int status = run(withPCH(argv, files.pch), errFile, trace);
  auto diagnostics = llvm::MemoryBuffer::getFile(errFile);
  if (!diagnostics) return report(fail("read " + errFile), "");
  llvm::StringRef said = (*diagnostics)->getBuffer();
  if (status < 0 || mentionsPCH(said, files)) {
    if (verbose) llvm::errs() << "pch: plain again: the diagnostics name the PCH's files\n";
    return runPlain(argv, trace);
  }
  llvm::errs() << said;
  return status == 0 ? 0 : 1;
}

}  // namespace

int cmdToolPCH(llvm::ArrayRef<std::string> args) {
  if (args.empty()) return usage();
  if (args[0] == "prefix") return prefix(args.drop_front());
  if (args[0] == "compile") return compile(args.drop_front());
  return usage();
}
