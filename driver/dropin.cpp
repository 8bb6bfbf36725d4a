// gocc c++ and gocc cc: a drop-in compiler driver, so that a project built by CMake or Make
// (CXX="gocc c++" CC="gocc cc") becomes gocc programs without being rewritten for gocc build.
//
// A build system runs its compiler for four kinds of command; gocc c++ answers each as
// clang++-19 would (gocc cc as clang-19), except that the executables it links are gocc programs:
//
//   query        no input file, or --version, -dumpversion, -dumpmachine, -print-*, -###, --help:
//                clang answers, exec'd with the arguments unchanged. CMake identifies the
//                compiler (Clang 19) and its implicit include directories from these answers.
//   compile      -c, -S, -E, -M, -MM, -fsyntax-only, --precompile, -emit-ast: clang, with the
//                flags every gocc program is compiled with (goccProgramFlags) before the user's,
//                so that the user's win (runCompile). The common form goes through the build
//                cache instead (runCachedCompile, below).
//   clang link   -shared, -r: the output is not an executable, so not a gocc program: clang,
//                with the arguments unchanged.
//   link         anything else: gocc build's pipeline (ProgramBuild, build.cpp) with the
//                command's objects, archives, libraries and linker arguments as the package's
//                prebuilt inputs, in their order, and no units of its own; the runtime, the
//                linker script with entry _rt0_amd64_linux, the pclntab, the build information
//                (its path is the output) and the build ID come as for gocc build. Source files
//                on the command line are compiled first, each as a compile command would
//                compile it (through the cache when it can be), into the work directory.
//
// Arguments are read with clang's own option table (libclangDriver's getDriverOptTable, whose
// object needs nothing but LLVM's option library), so that gocc agrees with clang on which flags
// take a value, which are linker inputs, and which are compile flags; response files (@file)
// are expanded first, as clang expands them. A command clang would reject (an unknown flag, a
// flag without its value) goes to clang unchanged, and clang says why.
//
// A link translates clang's link flags into lld's, as clang's driver would pass them: -L, -l,
// -Wl,..., -Xlinker, -z, -u, -rpath, -t, -rdynamic (--export-dynamic), -s. The arguments whose
// place among the inputs matters (-l, --whole-archive, -Bstatic, --as-needed, groups, ...) keep
// their order among the objects; the others go after them, as gocc build's -ldflags. Flags
// gocc's link implies (-pthread, -no-pie, -nostartfiles, -static-libstdc++, -static-libgcc,
// -fuse-ld=lld) are accepted, and compile flags (-O2, -g, -std=, -D, -f...) are ignored by the
// link as clang ignores them. Flags whose executable gocc cannot make end the command with one
// line and status 2; flags gocc can only ignore get one warning line and the link goes on.
//
// The cached compile. A compile of one C or C++ source with -c, at most one -o, dependency
// output only by -MD or -MMD (with -MF, -MT, -MQ, -MP) and otherwise only flags that neither read
// nor write files beyond the source, its headers and the object (keepsCompileCacheable, an
// allow-list) is a CompileJob as gocc build's units are (compile.h): the same command ID (clang,
// gocc, every argument but the output files, the working directory), the same manifest of
// clang's -MD list, the same rule that nothing is cached if a file it read changed while clang
// ran. Anything else runs clang as above, uncached. Clang writes the object where the command
// says and the dependency file, in the command's format, into the work directory; gocc copies
// that file to its place and keeps its bytes in the cache beside the object, so that a hit writes
// what clang would have. The manifest's list is that file when it is clang's full one-rule list
// (-MD without -MP), a -MD file of gocc's own when the command asks for none, and else the list of
// a second clang run with -M on the same flags (after a successful compile only). Clang's
// standard error is captured and kept, and printed again on a hit; a failing compile returns
// clang's status, writes what clang writes, and caches nothing.
//
// With -v, a link prints what clang -v prints, then the commands of the build as gocc build -x
// prints them: CMake reads the implicit link directories and libraries from the ld.lld line.
#include "dropin.h"

#include "build.h"
#include "compile.h"
#include "errors.h"
#include "interrupt.h"
#include "package.h"
#include "target.h"
#include "toolchain.h"
#include "workdir.h"

#include "clang/Driver/Options.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Option/Arg.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/raw_ostream.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <optional>

extern char** environ;

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;
namespace clangopt = clang::driver::options;
using llvm::opt::Arg;
using llvm::opt::InputArgList;

namespace {

std::vector<char*> cArgv(llvm::ArrayRef<std::string> argv) {
  std::vector<char*> out;
  for (const std::string& a : argv) out.push_back(const_cast<char*>(a.c_str()));
  out.push_back(nullptr);
  return out;
}

// Runs argv (argv[0] a path) with gocc's standard streams and waits for it. Returns its exit
// status; a child killed by a signal ends gocc by the same signal, as if gocc were that child.
llvm::Expected<int> spawnAndWait(llvm::ArrayRef<std::string> argv) {
  std::vector<char*> args = cArgv(argv);
  llvm::outs().flush();
  llvm::errs().flush();
  pid_t pid;
  if (int err = posix_spawn(&pid, args[0], nullptr, nullptr, args.data(), environ))
    return fail("fork/exec " + argv[0] + ": " + errnoText(err));
  passInterruptsTo(pid);
  int status;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      stopPassingInterruptsTo(pid);
      return fail("waiting for " + argv[0] + ": " + errnoText(errno));
    }
  }
  stopPassingInterruptsTo(pid);
  if (WIFSIGNALED(status)) dieBySignal(WTERMSIG(status));
  return WEXITSTATUS(status);
}

// Replaces gocc by clang with args unchanged; returns only if clang cannot be run.
int execClang(const std::string& clang, llvm::ArrayRef<std::string> args) {
  std::vector<std::string> argv = {clang};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargs = cArgv(argv);
  llvm::outs().flush();
  llvm::errs().flush();
  execv(clang.c_str(), cargs.data());
  return report(fail("exec " + clang + ": " + errnoText(errno)), "");
}

enum class Kind { Query, Compile, ClangLink, Link };

bool isQuery(const Arg& a) {
  llvm::StringRef name = llvm::StringRef(a.getSpelling()).ltrim('-');
  return name.starts_with("print-") || a.getOption().matches(clangopt::OPT__version) ||
         a.getOption().matches(clangopt::OPT_dumpversion) ||
         a.getOption().matches(clangopt::OPT_dumpmachine) ||
         a.getOption().matches(clangopt::OPT__HASH_HASH_HASH) ||
         a.getOption().matches(clangopt::OPT_help);
}

// What the command asks for (see the head comment). A command clang would refuse is a query:
// clang answers it with its error.
Kind classify(const InputArgList& args, unsigned missingCount) {
  if (missingCount || args.hasArgNoClaim(clangopt::OPT_UNKNOWN)) return Kind::Query;
  if (!args.hasArgNoClaim(clangopt::OPT_INPUT)) return Kind::Query;
  for (const Arg* a : args)
    if (isQuery(*a)) return Kind::Query;
  using namespace clangopt;
  if (args.hasArgNoClaim(OPT_c, OPT_S, OPT_E) || args.hasArgNoClaim(OPT_M, OPT_MM) ||
      args.hasArgNoClaim(OPT_fsyntax_only, OPT__precompile, OPT_emit_ast))
    return Kind::Compile;
  if (args.hasArgNoClaim(OPT_shared, OPT_r)) return Kind::ClangLink;
  return Kind::Link;
}

// The files clang compiles rather than passes to the linker, by extension (clang's own list
// for C, C++ and assembly).
bool isCompiledByClang(llvm::StringRef file) {
  static const llvm::StringRef exts[] = {".c",   ".i", ".cc", ".cp", ".cxx", ".cpp", ".CPP",
                                         ".c++", ".C", ".ii", ".s",  ".S",   ".sx"};
  return llvm::is_contained(exts, path::extension(file));
}

// Linker arguments whose position among the inputs changes their meaning: they stay in order
// with the objects and libraries (Package::prebuilt), the others go after them.
bool isPositionalLinkerArgument(llvm::StringRef arg) {
  static const llvm::StringRef positional[] = {"--whole-archive",
                                               "-whole-archive",
                                               "--no-whole-archive",
                                               "-no-whole-archive",
                                               "-Bstatic",
                                               "-Bdynamic",
                                               "-dn",
                                               "-dy",
                                               "-non_shared",
                                               "-call_shared",
                                               "--as-needed",
                                               "-as-needed",
                                               "--no-as-needed",
                                               "-no-as-needed",
                                               "--start-group",
                                               "-start-group",
                                               "--end-group",
                                               "-end-group",
                                               "-(",
                                               "-)",
                                               "--push-state",
                                               "-push-state",
                                               "--pop-state",
                                               "-pop-state",
                                               "--start-lib",
                                               "--end-lib"};
  return llvm::is_contained(positional, arg) || arg.starts_with("-l") ||
         arg.starts_with("--library");
}

struct LinkInput {
  std::string text;       // a file as given, or a linker argument ("-lfoo")
  bool isFile = false;    // else a linker argument
  bool isSource = false;  // a file clang compiles first
  std::string language;   // -x in force for it, or ""
};

// What a link command asks for, in gocc build's terms.
struct LinkPlan {
  std::string output = "a.out";
  std::vector<LinkInput> inputs;          // in command-line order
  std::vector<std::string> ldflags;       // after the inputs
  std::vector<std::string> compileFlags;  // for the sources among the inputs; recorded
  std::vector<std::string> linkerArgs;    // -Wl and -Xlinker arguments, for the reserved check
  bool verbose = false;
};

const char kGlibcDynamic[] =
    "gocc links glibc dynamically (its runtime starts the program without "
    "__libc_start_main)";
const char kRuntimeLibraries[] = "gocc's runtime needs libc, libstdc++ and libgcc";

llvm::Error cannotLink(const InputArgList& args, const Arg& a, llvm::StringRef reason) {
  return fail(2, a.getAsString(args) + ": not supported for a gocc executable: " + reason);
}

void warnIgnored(const InputArgList& args, const Arg& a, llvm::StringRef reason) {
  llvm::errs() << "gocc: warning: " << a.getAsString(args) << " ignored: " << reason << "\n";
}

// How many of the command's strings a makes up: 1 ("-DX=1", "-c") or 2 ("-D X=1", "-o out").
unsigned stringsOf(const InputArgList& args, const Arg& a) {
  if (a.getNumValues() == 0) return 1;
  llvm::StringRef first = args.getArgString(a.getIndex());
  return first == a.getSpelling() && a.getIndex() + 1 < args.getNumInputArgStrings() &&
                 args.getArgString(a.getIndex() + 1) == llvm::StringRef(a.getValue(0))
             ? 1 + a.getNumValues()
             : 1;
}

// Translates a link command's arguments (see the head comment).
llvm::Expected<LinkPlan> planLink(const InputArgList& args) {
  using namespace clangopt;
  LinkPlan plan;
  std::string language;
  for (const Arg* a : args) {
    const llvm::opt::Option& o = a->getOption();
    llvm::StringRef value = a->getNumValues() ? a->getValue() : "";
    switch (o.getID()) {
      case OPT_INPUT: {
        bool compiled = (!language.empty() && language != "none") || isCompiledByClang(value);
        plan.inputs.push_back({value.str(), true, compiled, language == "none" ? "" : language});
        continue;
      }
      case OPT_x:
        language = value.str();
        continue;
      case OPT_o:
        plan.output = value.str();
        continue;
      case OPT_v:
        plan.verbose = true;
        continue;
      case OPT_l:
        plan.inputs.push_back({"-l" + value.str(), false, false, ""});
        continue;
      case OPT_L:
        plan.ldflags.push_back("-L" + value.str());
        continue;
      case OPT_Wl_COMMA:
      case OPT_Xlinker:
        for (const char* v : a->getValues()) {
          llvm::StringRef arg = v;
          if (arg == "-pie" || arg == "--pie") {
            warnIgnored(args, *a, "gocc links a non-PIE executable");
            continue;
          }
          plan.linkerArgs.push_back(arg.str());
          if (isPositionalLinkerArgument(arg))
            plan.inputs.push_back({arg.str(), false, false, ""});
          else
            plan.ldflags.push_back(arg.str());
        }
        continue;
      case OPT_z:
        plan.ldflags.insert(plan.ldflags.end(), {"-z", value.str()});
        continue;
      case OPT_u:
        plan.ldflags.push_back("--undefined=" + value.str());
        continue;
      case OPT_rpath:
        plan.ldflags.insert(plan.ldflags.end(), {"-rpath", value.str()});
        continue;
      case OPT_t:
        plan.ldflags.push_back("-t");
        continue;
      case OPT_rdynamic:
        plan.ldflags.push_back("--export-dynamic");
        continue;
      case OPT_s:
        plan.ldflags.push_back("-s");
        continue;
      case OPT_static:
      case OPT_static_pie:
        return cannotLink(args, *a, kGlibcDynamic);
      case OPT_nostdlib:
      case OPT_nodefaultlibs:
      case OPT_nostdlibxx:
        return cannotLink(args, *a, kRuntimeLibraries);
      case OPT_e:
        return cannotLink(args, *a, "gocc's entry point starts the runtime");
      case OPT_fsanitize_EQ:
      case OPT_coverage:
      case OPT_fprofile_arcs:
      case OPT_fprofile_generate:
      case OPT_fprofile_generate_EQ:
      case OPT_fprofile_instr_generate:
      case OPT_fprofile_instr_generate_EQ:
      case OPT_fopenmp:
      case OPT_fopenmp_EQ:
      case OPT_fxray_instrument:
        return cannotLink(args, *a, "gocc does not link its runtime library");
      case OPT_stdlib_EQ:
        if (value != "libstdc++" && value != "platform")
          return cannotLink(args, *a, kRuntimeLibraries);
        break;  // a compile flag too (it picks the headers)
      case OPT_rtlib_EQ:
      case OPT_unwindlib_EQ:
        if (value != "libgcc" && value != "platform")
          return cannotLink(args, *a, kRuntimeLibraries);
        continue;
      case OPT_pie:
        warnIgnored(args, *a, "gocc links a non-PIE executable");
        continue;
      case OPT_shared_libgcc:
        warnIgnored(args, *a, "gocc links libgcc statically");
        continue;
      case OPT_fuse_ld_EQ:
        if (value != "lld" && !value.ends_with("ld.lld"))
          warnIgnored(args, *a, "gocc links with lld, in-process");
        continue;
      case OPT_ld_path_EQ:
        warnIgnored(args, *a, "gocc links with lld, in-process");
        continue;
      case OPT_no_pie:
      case OPT_nopie:
      case OPT_nostartfiles:
      case OPT_static_libgcc:
      case OPT_static_libstdcxx:
        continue;  // what gocc's link does anyway
      default:
        break;
    }
    if (o.matches(OPT_T_Group))
      return cannotLink(args, *a, "gocc's linker script lays out the program");
    if (o.matches(OPT_Link_Group)) return cannotLink(args, *a, "gocc's link does not translate it");
    // As the command spelt it ("-DX=1" stays one word): the strings from this argument's
    // index up to the next one's.
    for (unsigned i = a->getIndex(); i < a->getIndex() + stringsOf(args, *a); ++i)
      plan.compileFlags.push_back(args.getArgString(i));
  }
  if (llvm::Error err = checkReservedLdflags("-Wl", plan.linkerArgs))
    return llvm::handleErrors(std::move(err), [](std::unique_ptr<Failure> f) -> llvm::Error {
      f->exitStatus = 2;
      f->showUsage = false;  // one line, as for the other flags a gocc executable cannot take
      return llvm::Error(std::move(f));
    });
  return plan;
}

// Where the link writes: the output as named; /dev/null links into the work directory (which
// goes away) rather than replacing the device. Only a regular file is replaced.
llvm::Expected<std::string> resolveLinkOutput(const std::string& output, const WorkDir& work) {
  fs::file_status status;
  if (fs::status(output, status)) return output;  // does not exist yet
  if (fs::is_directory(status))
    return fail("build output \"" + output + "\" already exists and is a directory");
  if (fs::is_regular_file(status)) return output;
  bool same = false;
  if (!fs::equivalent(output, "/dev/null", same) && same)
    return work.file(path::filename(output).str());
  return fail("build output \"" + output + "\" already exists and is not a regular file");
}

// A compile command the build cache can take (see the head comment), in the parts the cached
// compile needs. The flags are the command's arguments as clang read them (response files
// expanded), in order, without -c, -o, -MF and the source.
struct CacheableCompile {
  std::string source;
  std::string object;                   // -o, or the name clang picks: the source's stem + ".o"
  std::vector<std::string> flags;       // the user's dependency flags among them
  std::vector<std::string> plainFlags;  // the same without the dependency flags
  std::string dependencyFlag;           // -MD or -MMD if the command asks for a dependency file
  std::string depfile;                  // then where it goes: -MF, or the object's name + .d
  bool depfileListsAll = false;         // it is one rule naming every file clang read (-MD, no -MP)
};

// -f flags (named without "-f" or "-fno-") that read or write files besides the source, its
// headers and the object (profiles, traces, optimisation records, stack-usage files, modules,
// plug-ins, sanitizer lists...), or whose output depends on the moment (-ftime-report): a
// command with one is not cached.
constexpr llvm::StringLiteral kUncachedFFlags[] = {"profile",
                                                   "cs-profile",
                                                   "auto-profile",
                                                   "time-trace",
                                                   "time-report",
                                                   "save-optimization-record",
                                                   "optimization-record",
                                                   "sanitize",
                                                   "coverage",
                                                   "module",
                                                   "implicit-module",
                                                   "prebuilt-module",
                                                   "build-session",
                                                   "crash-diagnostics",
                                                   "stack-usage",
                                                   "dump",
                                                   "emit",
                                                   "xray",
                                                   "plugin",
                                                   "pass-plugin",
                                                   "embed-bitcode",
                                                   "thinlto",
                                                   "basic-block-sections",
                                                   "apinotes",
                                                   "proc-stat-report",
                                                   "openmp",
                                                   "cuda",
                                                   "gpu"};

// Whether a flag leaves a compile as the cache keys it: it writes no file but the object, and
// reads none but those clang's dependency list names. An allow-list of clang's option groups
// (include paths, -O, -g, -W, -m, -f) and a few flags, less the ones above; any other flag makes
// the command run uncached.
bool keepsCompileCacheable(const Arg& a) {
  using namespace clangopt;
  const llvm::opt::Option& o = a.getOption();
  switch (o.getID()) {
    case OPT_D:
    case OPT_U:
    case OPT_std_EQ:
    case OPT_ansi:
    case OPT_w:
    case OPT_pthread:
    case OPT_stdlib_EQ:
    case OPT_target:
    case OPT__sysroot_EQ:
    case OPT_nostdinc:
    case OPT_nostdincxx:
    case OPT_nostdlibinc:
      return true;
    case OPT_include_pch:
    case OPT_ivfsoverlay:
    case OPT_iapinotes_modules:
    case OPT_gsplit_dwarf:
    case OPT_gsplit_dwarf_EQ:
    case OPT_gmodules:
      return false;
    default:
      break;
  }
  if (o.matches(OPT_I_Group) || o.matches(OPT_clang_i_Group) || o.matches(OPT_O_Group) ||
      o.matches(OPT_DebugInfo_Group) || o.matches(OPT_Diag_Group) || o.matches(OPT_m_Group))
    return true;
  if (!o.matches(OPT_f_Group) && !o.matches(OPT_f_clang_Group)) return false;
  llvm::StringRef name = llvm::StringRef(a.getSpelling()).drop_front(2);  // "-f"
  name.consume_front("no-");
  return llvm::none_of(kUncachedFFlags, [&](llvm::StringRef f) { return name.starts_with(f); });
}

// A C or C++ source by its extension, as clang names them (not preprocessed, not assembly).
bool isCOrCxxSource(llvm::StringRef file) {
  static const llvm::StringRef exts[] = {".c", ".cc", ".cp", ".cxx", ".cpp", ".CPP", ".c++", ".C"};
  return llvm::is_contained(exts, path::extension(file));
}

// A file the cached compile may write by renaming over it: one that does not exist yet, or a
// regular file (never /dev/null or a FIFO, nor "-" for standard output).
bool isReplaceableFile(const std::string& file) {
  fs::file_status status;
  return file != "-" && (fs::status(file, status) || fs::is_regular_file(status));
}

// The command as the cache takes it, or nothing when it is not of the cached form: one C or C++
// source (a regular file), -c, at most one -o, dependency output only by -MD or -MMD (with -MF,
// -MT, -MQ, -MP), and otherwise only flags keepsCompileCacheable allows.
std::optional<CacheableCompile> cacheableCompile(const InputArgList& args) {
  using namespace clangopt;
  CacheableCompile c;
  bool compileOnly = false, sawOutput = false, sawSource = false, dependencyFormat = false;
  for (const Arg* a : args) {
    llvm::StringRef value = a->getNumValues() ? a->getValue() : "";
    bool dependency = false;
    switch (a->getOption().getID()) {
      case OPT_INPUT:
        if (sawSource || !isCOrCxxSource(value) || !fs::is_regular_file(value)) return std::nullopt;
        sawSource = true;
        c.source = value.str();
        continue;
      case OPT_c:
        compileOnly = true;
        continue;
      case OPT_o:
        if (sawOutput) return std::nullopt;
        sawOutput = true;
        c.object = value.str();
        continue;
      case OPT_MF:
        if (!c.depfile.empty()) return std::nullopt;
        c.depfile = value.str();
        continue;
      case OPT_x:
        // A language for the source: before it, and one the cache knows.
        if (sawSource || !llvm::is_contained({"c", "c++", "none"}, value)) return std::nullopt;
        break;
      case OPT_MD:
      case OPT_MMD:
        if (c.dependencyFlag != "-MMD") c.dependencyFlag = a->getSpelling().str();
        dependency = true;
        break;
      case OPT_MT:
      case OPT_MQ:
      case OPT_MP:
        dependencyFormat = true;
        dependency = true;
        break;
      default:
        if (!keepsCompileCacheable(*a)) return std::nullopt;
        break;
    }
    for (unsigned i = a->getIndex(); i < a->getIndex() + stringsOf(args, *a); ++i) {
      c.flags.push_back(args.getArgString(i));
      if (!dependency) c.plainFlags.push_back(args.getArgString(i));
    }
  }
  if (!compileOnly || !sawSource) return std::nullopt;
  // Without -MD or -MMD, clang ignores the other dependency flags with a warning.
  if (c.dependencyFlag.empty() && (dependencyFormat || !c.depfile.empty())) return std::nullopt;
  if (!sawOutput) c.object = path::stem(c.source).str() + ".o";
  if (!c.dependencyFlag.empty()) {
    if (c.depfile.empty()) {
      llvm::SmallString<256> d(c.object);
      path::replace_extension(d, "d");
      c.depfile = d.str().str();
    }
    // The default target is the object's name, which the cache key must then see: named so
    // explicitly, clang writes the same bytes.
    if (!args.hasArgNoClaim(OPT_MT, OPT_MQ)) c.flags.insert(c.flags.end(), {"-MQ", c.object});
    c.depfileListsAll = c.dependencyFlag == "-MD" && !args.hasArgNoClaim(OPT_MP);
  }
  if (!isReplaceableFile(c.object) || (!c.depfile.empty() && !isReplaceableFile(c.depfile)))
    return std::nullopt;
  return c;
}

// What clang's driver adds itself when its standard error is a terminal (colours, the
// terminal's width), unless the command says otherwise: gocc captures clang's standard error, so
// it passes them on clang's behalf, and they are then part of the cache key.
std::vector<std::string> terminalFlags(const InputArgList& args) {
  using namespace clangopt;
  std::vector<std::string> flags;
  if (!args.hasArgNoClaim(OPT_fcolor_diagnostics, OPT_fno_color_diagnostics,
                          OPT_fdiagnostics_color_EQ) &&
      llvm::sys::Process::StandardErrHasColors())
    flags.push_back("-fcolor-diagnostics");
  if (!args.hasArgNoClaim(OPT_fmessage_length_EQ) && llvm::sys::Process::StandardErrIsDisplayed())
    if (unsigned columns = llvm::sys::Process::StandardErrColumns())
      flags.push_back("-fmessage-length=" + std::to_string(columns));
  return flags;
}

std::optional<std::string> readFile(const std::string& file) {
  auto buf = llvm::MemoryBuffer::getFile(file, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buf) return std::nullopt;
  return (*buf)->getBuffer().str();
}

// The cache entry of the dependency file a compile wrote for the command, beside its object.
std::string depfileActionID(const CompileJob& job) {
  IDHasher h("dependency file");
  h.add("object", objectActionID(job));
  return h.hex();
}

// A cached compile's outputs written where the command names them, and its diagnostics printed
// again; false if they cannot be (a file gone from the cache, a directory missing): the command
// is then run.
bool restoreFromCache(const CompileJob& job, const CacheableCompile& c, Cache& cache) {
  std::optional<std::string> depfile;
  if (!c.dependencyFlag.empty() && !(depfile = cache.getBytes(depfileActionID(job)))) return false;
  auto object = readFile(job.objectPath);
  if (!object || replaceFile(c.object, *object)) return false;
  if (depfile && replaceFile(c.depfile, *depfile)) return false;
  llvm::errs() << job.diagnostics;
  return true;
}

// Runs a compile command through the build cache (see the head comment): its object, its
// dependency file and what clang printed come from the cache when the same command compiled the
// same bytes before; otherwise clang runs, and they are recorded unless a file it read changed
// meanwhile. clangAndGoccFlags is clang and the flags gocc adds. Returns clang's exit status.
llvm::Expected<int> runCachedCompile(const CacheableCompile& c,
                                     const std::vector<std::string>& clangAndGoccFlags,
                                     Cache& cache) {
  auto work = WorkDir::create(/*keep=*/false);
  if (!work) return work.takeError();
  SourceUnit unit{c.source, Language::CXX};  // named in messages only
  std::vector<CompileJob> jobs(1);
  CompileJob& job = jobs[0];
  job.unit = &unit;
  job.argv = clangAndGoccFlags;
  job.argv.insert(job.argv.end(), c.flags.begin(), c.flags.end());
  job.objectPath = c.object;
  job.depfilePath = work->file("deps.d");
  job.diagnosticsPath = work->file("stderr");
  // clang writes the dependency file the command asks for (in its format) into the work
  // directory; for a command that asks for none, gocc's own full list.
  appendOutputArguments(job, c.source, c.dependencyFlag.empty() ? "-MD" : c.dependencyFlag);
  CompileJob planned = job;

  findCachedObjects(jobs, cache, /*trimpath=*/false, /*lookUp=*/true);
  if (job.cached) {
    if (restoreFromCache(job, c, cache)) {
      cache.trimIfDue();
      return 0;
    }
    std::string commandID = job.commandID;
    job = planned;
    job.commandID = commandID;
  }

  llvm::Error err = runCompiles(jobs, /*pchs=*/nullptr, /*parallel=*/1, /*verbose=*/false,
                                CommandTrace(false, work->path()));
  std::optional<std::string> depfile;
  if (!c.dependencyFlag.empty()) {
    // Written by clang even when the compile failed, so passed on then too.
    depfile = readFile(job.depfilePath);
    if (depfile)
      if (std::error_code ec = replaceFile(c.depfile, *depfile))
        return fail("open " + c.depfile + ": " + errnoText(ec));
  }
  if (err) {
    if (job.exitStatus <= 0) return std::move(err);
    llvm::consumeError(std::move(err));  // clang has said why
    return job.exitStatus;
  }
  if (!c.dependencyFlag.empty() && !c.depfileListsAll) {
    // The command's dependency file leaves files out (-MMD: system headers) or is more than one
    // rule (-MP): the manifest's list comes from clang's -M on the same flags, which only
    // preprocesses, its messages (the compile's again) dropped.
    std::vector<std::string> list = clangAndGoccFlags;
    list.insert(list.end(), c.plainFlags.begin(), c.plainFlags.end());
    job.depfilePath = work->file("all.d");
    list.insert(list.end(), {"-M", "-MF", job.depfilePath, c.source});
    std::vector<llvm::StringRef> args(list.begin(), list.end());
    std::optional<llvm::StringRef> quiet[] = {llvm::StringRef(), llvm::StringRef(),
                                              llvm::StringRef()};
    if (llvm::sys::ExecuteAndWait(list[0], args, std::nullopt, quiet) != 0) return 0;
  }
  cacheCompiledObjects(jobs, cache);
  if (job.cacheable && depfile) cache.put(depfileActionID(job), *depfile);
  cache.trimIfDue();
  return 0;
}

// Reads args as clang does: response files expanded, then parsed with clang's option table.
InputArgList parseClangArgs(llvm::ArrayRef<std::string> args, llvm::BumpPtrAllocator& alloc,
                            unsigned& missingCount) {
  llvm::SmallVector<const char*, 64> argv;
  llvm::StringSaver saver(alloc);
  for (const std::string& a : args) argv.push_back(saver.save(a).data());
  llvm::cl::ExpansionContext expander(alloc, llvm::cl::TokenizeGNUCommandLine);
  // A response file that cannot be read stays an argument, and clang reports it.
  llvm::consumeError(expander.expandResponseFiles(argv));
  unsigned missingIndex;
  return clang::driver::getDriverOptTable().ParseArgs(argv, missingIndex, missingCount,
                                                      llvm::opt::Visibility(clangopt::ClangOption));
}

// Runs a compile-only command, as every compile gocc c++ and gocc cc run is run: clang and gocc's
// flags (argv), then the command's arguments (args, as parsed). Through the build cache when the
// command is of a form it takes and the cache is on (opened here unless cache holds it already),
// with interrupts caught; otherwise clang with the arguments unchanged (it expands the response
// files). Returns clang's exit status.
llvm::Expected<int> runCompile(std::vector<std::string> argv, llvm::ArrayRef<std::string> args,
                               const InputArgList& parsed, std::optional<Cache>& cache) {
  if (std::optional<CacheableCompile> c = cacheableCompile(parsed)) {
    if (!cache) {
      auto opened = Cache::open();
      if (!opened) return opened.takeError();
      cache.emplace(std::move(*opened));
    }
    if (cache->enabled()) {
      std::vector<std::string> terminal = terminalFlags(parsed);
      argv.insert(argv.end(), terminal.begin(), terminal.end());
      catchInterrupts();
      return runCachedCompile(*c, argv, *cache);
    }
  }
  argv.insert(argv.end(), args.begin(), args.end());
  return spawnAndWait(argv);
}

// The link (see the head comment): compiles the sources among the inputs, then builds the
// program as gocc build would from prebuilt inputs.
llvm::Error linkProgram(const std::string& clang, const InputArgList& args, bool isCxx) {
  auto plan = planLink(args);
  if (!plan) return plan.takeError();
  auto target = targetFromEnv();
  if (!target) return target.takeError();
  auto tc = findToolchain(*target);
  if (!tc) return tc.takeError();

  BuildOptions opts;
  opts.trace = plan->verbose;
  opts.ldflags = plan->ldflags;
  (isCxx ? opts.cxxflags : opts.cflags) = plan->compileFlags;
  if (plan->verbose) {
    // What clang -v says about itself first (CMake reads the version and target there).
    auto status = spawnAndWait({clang, "-v"});
    if (!status) return status.takeError();
  }
  auto work = createWorkDir(opts);
  if (!work) return work.takeError();
  auto output = resolveLinkOutput(plan->output, *work);
  if (!output) return output.takeError();
  auto absoluteOutput = absolutePath(*output);
  if (!absoluteOutput) return absoluteOutput.takeError();

  auto opened = Cache::open();
  if (!opened) return opened.takeError();
  std::optional<Cache> cache(std::move(*opened));
  Package pkg;
  pkg.mainFile = *absoluteOutput;  // the build information's path: the program is its output
  pkg.dir = path::parent_path(*absoluteOutput).str();
  pkg.defaultOutputName = path::filename(*absoluteOutput).str();
  std::vector<std::string> programFlags = goccProgramFlags(*tc, *target);
  int sources = 0;
  for (const LinkInput& in : plan->inputs) {
    if (!in.isFile) {
      pkg.prebuilt.push_back(in.text);
      continue;
    }
    if (!fs::exists(in.text)) return fail("open " + in.text + ": " + errnoText(ENOENT));
    std::string file = in.text;
    if (in.isSource) {
      file = work->file(std::to_string(++sources) + "_" + path::stem(in.text).str() + ".o");
      // The compile command this source would have on its own, through the cache if it can.
      std::vector<std::string> compile = plan->compileFlags;
      if (!in.language.empty()) compile.insert(compile.end(), {"-x", in.language});
      compile.insert(compile.end(), {"-c", "-o", file, in.text});
      std::vector<std::string> argv = {clang};
      argv.insert(argv.end(), programFlags.begin(), programFlags.end());
      llvm::BumpPtrAllocator alloc;
      unsigned missingCount = 0;
      InputArgList parsed = parseClangArgs(compile, alloc, missingCount);
      // (missingCount stays 0: these flags parsed whole as part of the link command)
      auto status = runCompile(std::move(argv), compile, parsed, cache);
      if (!status) return status.takeError();
      if (*status != 0) return failQuietly();
    }
    auto absolute = absolutePath(file);
    if (!absolute) return absolute.takeError();
    pkg.prebuilt.push_back(*absolute);
  }
  BuildSetup setup{*target, std::move(*tc), std::move(pkg)};
  return buildProgram(setup, opts, *work, *cache, *output);
}

}  // namespace

int cmdDropin(DropinDriver driver, llvm::ArrayRef<std::string> args) {
  const char* command = driver == DropinDriver::CXX ? "c++" : "cc";
  auto target = targetFromEnv();
  if (!target) return report(target.takeError(), "");
  auto tc = findToolchain(*target);
  if (!tc) return report(tc.takeError(), "");
  const std::string& clang = driver == DropinDriver::CXX ? tc->clangxx : tc->clang;

  llvm::BumpPtrAllocator alloc;
  unsigned missingCount = 0;
  InputArgList parsed = parseClangArgs(args, alloc, missingCount);
  switch (classify(parsed, missingCount)) {
    case Kind::Query:
    case Kind::ClangLink:
      return execClang(clang, args);
    case Kind::Compile: {
      std::vector<std::string> argv = {clang};
      std::vector<std::string> programFlags = goccProgramFlags(*tc, *target);
      argv.insert(argv.end(), programFlags.begin(), programFlags.end());
      std::optional<Cache> cache;
      auto status = runCompile(std::move(argv), args, parsed, cache);
      if (int signo = interruptSignal()) dieBySignal(signo);
      if (!status) return report(status.takeError(), "");
      return *status;
    }
    case Kind::Link:
      break;
  }
  catchInterrupts();
  int status = report(linkProgram(clang, parsed, driver == DropinDriver::CXX), command);
  if (int signo = interruptSignal()) dieBySignal(signo);
  return status;
}
