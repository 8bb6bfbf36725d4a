// gocc build: from source files to an executable.
//
// prepareBuild checks the flags, GOAMD64 and the toolchain and reads the inputs into one package
// of source units; createWorkDir makes the work directory, which holds everything made on the way
// ($WORK in -x, kept by -work). buildProgram then runs the pipeline, one ProgramBuild method per
// step, in this order:
//
//   compile            each unit → <work>/<n>_<stem>.o, up to -p clang processes at once, or
//                      its object from the build cache (cache.h) when it was compiled before
//                      from the same bytes; a unit opening with standard #includes compiles
//                      through a cached PCH of them (compile.h); named .o and .a inputs join
//                      the objects after them
//   identify           the build information, and the build ID's inputs half: a hash of it,
//                      the toolchain, the flags and what every object was made of
//   reuse              stops the build if the output already has that build ID (up to date);
//                      copies the executable from the cache if one was made from those inputs
//   stamp              the build information and the build ID note, its content half zero
//                      → <work>/buildinfo.o, <work>/buildid.o
//   writeLinkerScript  the runtime's linker-script template → <work>/link.ld
//   linkWithoutTable   the objects, an empty table (<work>/gopclntab-empty.o), the runtime and
//                      the libraries → <work>/<name>.nopclntab
//   buildTable         that executable's symbols, lines and CFI → the table, <work>/gopclntab.o
//   relink             the same link with the table → a temporary file beside the output
//   checkText          the relinked .text is the first link's, byte for byte, and no other
//                      allocated section moved
//   stampBuildID       the executable's content hash, written into its build ID note
//   cacheExecutable    the executable → the build cache, under the inputs half
//   commit             the temporary file renamed over the output
//
// A library (-buildmode=c-shared|c-archive, library.h) compiles its units with -fPIC and has
// steps of its own: exports (after identify: the GOCC_EXPORT declarations and the host's header,
// checked as C) and stubs (after stamp: the exports' stubs, and the objects' symbols renamed to
// them); a c-shared library then links as a program does, the header written at commit; a
// c-archive replaces the links with archive (one relocatable object of everything, the
// runtime's constructors' section renamed, every symbol but the exports local, archived).
//
// ProgramBuild::run runs each step through one wrapper, which stops the build between steps when
// gocc is interrupted and times each step under its method's name: the -debug-trace events are
// these names, in this order (test/driver/debug-trace.test compares them with this list). A
// reused executable goes from reuse straight to commit; an up-to-date one ends at reuse.
//
// Two links, because the table describes the final code at its final addresses, which only a
// link can give. The empty table gives the first link the same segments, hence the same headers,
// as the second; the linker script puts the table after everything else, so the second link
// moves nothing, and checkText makes sure of it (docs/pclntab.md). The output is written under
// a temporary name and renamed last, so a failed build leaves an existing output untouched.
// -n runs the same steps, each printing its commands (as -x) without running them.
#include "build.h"

#include "buildid.h"
#include "config.h"

#include "compile.h"
#include "elfobject.h"
#include "errors.h"
#include "interrupt.h"
#include "link.h"
#include "linkerscript.h"
#include "pclntab.h"
#include "stamp.h"
#include "target.h"
#include "trace.h"

#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <sys/stat.h>
#include <unistd.h>

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

BuildOptions::BuildOptions() {
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  parallel = cpus > 0 ? int(cpus) : 1;
}

void addBuildFlags(FlagSet& flags, BuildOptions& opts) {
  flags.addBool("a", opts.forceRebuild);
  flags.addBool("n", opts.dryRun);
  flags.addBool("v", opts.verbose);
  flags.addBool("x", opts.trace);
  flags.addBool("work", opts.keepWork);
  flags.addBool("trimpath", opts.trimpath);
  flags.addBool("static", opts.staticLink);
  flags.addPositiveInt("p", opts.parallel);
  flags.addQuotedList("cxxflags", opts.cxxflags);
  flags.addQuotedList("cflags", opts.cflags);
  flags.addQuotedList("ldflags", opts.ldflags);
  flags.addString("debug-trace", opts.debugTrace);
}

// Flags that would take over a step gocc owns, so that the build would fail further on with a
// puzzling error, or succeed with something that is not a gocc program: refused up front.
// An entry matches the flag itself and "flag=value"; one marked takesValue also "flagvalue"
// ("-ofoo", "-Ttext=...").
struct ReservedFlag {
  const char* flag;
  bool takesValue;
  const char* reason;
};
const char kObjects[] = "gocc compiles each unit to an object file itself";
const char kOutput[] = "gocc names the output itself (use gocc's -o)";
const char kExecutable[] = "gocc links a non-PIE executable with glibc dynamic";
const char kStatic[] = "gocc links static programs itself (use gocc build -static)";
const char kEntry[] = "gocc's entry point and linker script start the runtime";
const char kLink[] = "lld would not link";
const ReservedFlag reservedCompileFlags[] = {{"-E", false, kObjects},
                                             {"-S", false, kObjects},
                                             {"-M", false, kObjects},
                                             {"-MM", false, kObjects},
                                             {"-fsyntax-only", false, kObjects},
                                             {"-emit-llvm", false, kObjects},
                                             {"-o", true, kOutput},
                                             {"-shared", false, kExecutable}};
const ReservedFlag reservedLdflags[] = {{"-o", true, kOutput},
                                        {"--output", true, kOutput},
                                        {"-r", false, kExecutable},
                                        {"--relocatable", false, kExecutable},
                                        {"-pie", false, kExecutable},
                                        {"--pie", false, kExecutable},
                                        {"-shared", false, kExecutable},
                                        {"--shared", false, kExecutable},
                                        {"-static", false, kStatic},
                                        {"--static", false, kStatic},
                                        {"-static-pie", false, kExecutable},
                                        {"--no-dynamic-linker", false, kExecutable},
                                        {"-e", false, kEntry},
                                        {"--entry", true, kEntry},
                                        {"-T", true, kEntry},
                                        {"--script", true, kEntry},
                                        {"-v", false, kLink},
                                        {"--version", false, kLink},
                                        {"--help", false, kLink}};

static llvm::Error checkReserved(llvm::StringRef option, llvm::ArrayRef<std::string> flags,
                                 llvm::ArrayRef<ReservedFlag> reserved) {
  for (llvm::StringRef f : flags)
    for (const ReservedFlag& r : reserved) {
      llvm::StringRef name = r.flag;
      bool hit = f == name || f.starts_with(name.str() + "=") ||
                 (r.takesValue && !name.starts_with("--") && f.starts_with(name));
      if (hit) return usageError(option + " " + f + ": not allowed: " + r.reason);
    }
  return llvm::Error::success();
}

llvm::Error checkReservedLdflags(llvm::StringRef option, llvm::ArrayRef<std::string> flags) {
  return checkReserved(option, flags, reservedLdflags);
}

llvm::Expected<BuildSetup> prepareBuild(llvm::ArrayRef<std::string> inputs,
                                        const BuildOptions& opts) {
  // The flag parser stops at the first file, as Go's does: a flag after the files would
  // otherwise be taken for a missing file (`gocc build x.cpp -o y`).
  for (llvm::StringRef input : inputs)
    if (input.size() > 1 && input.starts_with("-") && !fs::exists(input))
      return usageError("flag " + input + " after the files: flags come before them");
  if (llvm::Error err = checkReserved("-cxxflags", opts.cxxflags, reservedCompileFlags))
    return std::move(err);
  if (llvm::Error err = checkReserved("-cflags", opts.cflags, reservedCompileFlags))
    return std::move(err);
  if (llvm::Error err = checkReserved("-ldflags", opts.ldflags, reservedLdflags))
    return std::move(err);
  auto target = targetFromEnv();
  if (!target) return target.takeError();
  // The library runtime (runtime/library.cpp) and its initializer exist for amd64 only.
  if (opts.buildMode != BuildMode::Exe && !target->is(Arch::AMD64))
    return fail(2, "-buildmode=" + std::string(buildModeName(opts.buildMode)) +
                       " is not supported on linux/" + target->goarch() + " yet");
  auto pkg = loadPackage(inputs);
  if (!pkg) return pkg.takeError();
  auto tc = findToolchain(*target);
  if (!tc) return tc.takeError();
  return BuildSetup{*target, std::move(*tc), std::move(*pkg)};
}

llvm::Expected<WorkDir> createWorkDir(const BuildOptions& opts) {
  auto work = WorkDir::create(opts.keepWork);
  if (work && (opts.trace || opts.keepWork)) llvm::errs() << "WORK=" << work->path() << "\n";
  return work;
}

// Makes the output's directory if it does not exist yet (mkdir -p, mode 0777 less the umask, as
// go build does).
static llvm::Error makeOutputDirectory(const std::string& outputPath, const CommandTrace& trace) {
  llvm::StringRef dir = path::parent_path(outputPath);
  if (dir.empty() || fs::is_directory(dir)) return llvm::Error::success();
  trace.print({"mkdir", "-p", dir.str()});
  if (trace.dryRun()) return llvm::Error::success();
  if (std::error_code ec = fs::create_directories(dir, /*IgnoreExisting=*/true, fs::all_all))
    return fail("mkdir " + dir + ": " + errnoText(ec));
  return llvm::Error::success();
}

// Creates the empty file the linker writes to: beside the output, so the final rename stays
// within one file system, and hidden (.<name>.tmpXXXXXX), so a failed build leaves nothing visible.
static llvm::Expected<std::string> createTemporaryOutput(const std::string& outputPath) {
  llvm::SmallString<256> model(path::parent_path(outputPath));
  path::append(model, "." + path::filename(outputPath) + ".tmp%%%%%%%%");
  int fd;
  llvm::SmallString<256> tmp;
  if (std::error_code ec = fs::createUniqueFile(model, fd, tmp))
    return fail("create " + outputPath + ": " + errnoText(ec));  // not the %%% model
  close(fd);
  return tmp.str().str();
}

// How file names are shown in the table: as Clang recorded them, or with -trimpath relative to
// the package directory (also those of sources named from other directories: "../lib/x.cpp"),
// and gocc's own sources as gocc/<path>. The longest prefix wins, so a package inside gocc's
// tree (examples/) is still relative to itself.
static PathRewrite trimpathRewrite(const BuildOptions& opts, const Package& pkg) {
  PathRewrite rewrite;
  if (!opts.trimpath) return rewrite;
  rewrite.prefixes = {{pkg.dir + "/", ""}, {std::string(GOCC_SOURCE_DIR) + "/", "gocc/"}};
  for (auto& dir : outsideSourceDirs(pkg)) rewrite.prefixes.push_back(std::move(dir));
  std::stable_sort(rewrite.prefixes.begin(), rewrite.prefixes.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return rewrite;
}

// The inputs half of the build ID: everything the executable is made of. The files are named
// as the table names them, so that -trimpath builds in two directories hash alike.
static llvm::Expected<std::string> hashInputs(const BuildSetup& setup, const BuildOptions& opts,
                                              llvm::ArrayRef<CompileJob> jobs,
                                              llvm::StringRef buildInfo) {
  BuildIDHasher h;
  h.add("toolchain", toolchainVersion());
  h.add("goarch", setup.target.goarch());
  h.add("goamd64", std::to_string(setup.target.goamd64));
  h.add("go386", std::to_string(setup.target.go386));
  for (const std::string& f : opts.cxxflags) h.add("cxxflag", f);
  for (const std::string& f : opts.cflags) h.add("cflag", f);
  for (const std::string& f : opts.ldflags) h.add("ldflag", f);
  h.add("trimpath", opts.trimpath ? "1" : "0");
  h.add("static", opts.staticLink ? "1" : "0");
  h.add("buildmode", buildModeName(opts.buildMode));
  h.add("build info", buildInfo);
  auto addFile = [&](llvm::StringRef label, const std::string& file) -> llvm::Error {
    auto buf =
        llvm::MemoryBuffer::getFile(file, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    if (!buf) return fail("open " + file + ": " + errnoText(buf.getError()));
    h.add(label, contentID((*buf)->getBuffer()));
    return llvm::Error::success();
  };
  std::vector<std::string> toolchainFiles = {
      opts.buildMode == BuildMode::Exe ? setup.toolchain.runtimeLibrary(setup.target)
                                       : setup.toolchain.libraryRuntimeLibrary(setup.target),
      setup.toolchain.linkerScriptTemplate()};
  if (opts.staticLink) toolchainFiles.push_back(setup.toolchain.staticStartObject(setup.target));
  // An archive's code is laid out by a script of its own (buildArchive).
  if (opts.buildMode == BuildMode::CArchive)
    toolchainFiles.push_back(setup.toolchain.archiveLinkerScript());
  for (const std::string& file : toolchainFiles)
    if (llvm::Error err = addFile("toolchain file", file)) return std::move(err);
  PathRewrite names = trimpathRewrite(opts, setup.package);
  auto named = [&](llvm::StringRef file) -> llvm::Expected<std::string> {
    auto abs = absolutePath(file);
    if (!abs) return abs.takeError();
    return names.apply(*abs);
  };
  for (const CompileJob& job : jobs) {
    auto unit = named(job.unit->path);
    if (!unit) return unit.takeError();
    h.add("unit", *unit);
    // What the unit read; or, when that is unknown (a file changed while it compiled), the
    // object itself, so that the next build, which compiles it again, is not up to date.
    if (job.deps.empty())
      if (llvm::Error err = addFile("object", job.objectPath)) return std::move(err);
    for (const Dependency& d : job.deps) {
      auto file = named(d.path);
      if (!file) return file.takeError();
      h.add("file " + *file, d.id);
    }
  }
  for (const std::string& file : setup.package.prebuilt) {
    if (isLinkerArgument(file))
      h.add("linker argument", file);
    else if (llvm::Error err = addFile("prebuilt", file))
      return std::move(err);
  }
  return h.hex();
}

// The action ID the executable is cached under.
static std::string executableActionID(llvm::StringRef inputsID) {
  IDHasher h("executable");
  h.add("inputs", inputsID);
  return h.hex();
}

namespace {

// One build of one program: the pipeline's steps (the head comment's, in its order), and the
// files each step hands to the next.
class ProgramBuild {
public:
  ProgramBuild(const BuildSetup& setup, const BuildOptions& opts, const WorkDir& work, Cache& cache,
               std::string outputPath)
      : setup(setup),
        opts(opts),
        work(work),
        cache(cache),
        outputPath(std::move(outputPath)),
        trace(opts.trace, work.path(), opts.dryRun),
        times(opts.debugTrace) {}
  ~ProgramBuild();  // removes the temporary output unless it was committed

  llvm::Error run();

private:
  using Step = llvm::Error (ProgramBuild::*)();
  llvm::Error runStep(llvm::StringRef name, Step step);

  llvm::Error compile();
  llvm::Error identify();
  llvm::Error exports();
  llvm::Error reuse();
  llvm::Error stamp();
  llvm::Error stubs();
  llvm::Error archive();
  llvm::Error writeLinkerScript();
  llvm::Error linkWithoutTable();
  llvm::Error buildTable();
  llvm::Error relink();
  llvm::Error checkText();
  llvm::Error stampBuildID();
  llvm::Error cacheExecutable();
  llvm::Error commit();

  // The objects of both links: the compiled units, the stamps, then the table's object.
  std::vector<std::string> linkObjects(const std::string& table) const;
  LinkMode linkMode() const {
    if (opts.buildMode == BuildMode::CShared) return LinkMode::Shared;
    return opts.staticLink ? LinkMode::Static : LinkMode::Dynamic;
  }
  bool isLibrary() const { return opts.buildMode != BuildMode::Exe; }
  llvm::Error writeHeader();

  const BuildSetup& setup;
  const BuildOptions& opts;
  const WorkDir& work;
  Cache& cache;
  const std::string outputPath;
  CommandTrace trace;
  StepTimes times;

  std::unique_ptr<PCHBuilds> pchs;   // from compile: the PCHs it used or is making
  std::vector<CompileJob> jobs;      // from compile
  std::vector<std::string> objects;  // from compile and stamp
  std::string buildInfo;             // from identify: the .go.buildinfo blob
  std::vector<Export> exported;      // from exports (a library)
  std::string header;                // from exports: the host's header
  std::string versionScript;         // from stubs (c-shared): the exports global, all else local
  std::string inputsID;              // from identify: the build ID's inputs half
  bool upToDate = false;             // from reuse: the output is what this build would make
  bool reused = false;               // from reuse: the output is the cache's copy
  std::string linkerScript;          // from writeLinkerScript
  std::string firstLink;             // from linkWithoutTable: the executable the table describes
  std::string tableObject;           // from buildTable
  std::string tmpOutput;             // from relink, until commit renames it
};

}  // namespace

llvm::Error ProgramBuild::run() {
  if (llvm::Error err = times.open()) return err;
  // Each step named as its method, so that -debug-trace names what the code calls it.
#define STEP(method) {#method, &ProgramBuild::method}
  const std::vector<std::pair<const char*, Step>> programSteps = {
      STEP(compile),           STEP(identify),         STEP(reuse),           STEP(stamp),
      STEP(writeLinkerScript), STEP(linkWithoutTable), STEP(buildTable),      STEP(relink),
      STEP(checkText),         STEP(stampBuildID),     STEP(cacheExecutable), STEP(commit),
  };
  const std::vector<std::pair<const char*, Step>> sharedSteps = {
      STEP(compile),         STEP(identify), STEP(exports),           STEP(reuse),
      STEP(stamp),           STEP(stubs),    STEP(writeLinkerScript), STEP(linkWithoutTable),
      STEP(buildTable),      STEP(relink),   STEP(checkText),         STEP(stampBuildID),
      STEP(cacheExecutable), STEP(commit),
  };
  const std::vector<std::pair<const char*, Step>> archiveSteps = {
      STEP(compile), STEP(identify), STEP(exports),         STEP(reuse),  STEP(stamp),
      STEP(stubs),   STEP(archive),  STEP(cacheExecutable), STEP(commit),
  };
#undef STEP
  const auto& steps = opts.buildMode == BuildMode::CShared    ? sharedSteps
                      : opts.buildMode == BuildMode::CArchive ? archiveSteps
                                                              : programSteps;
  for (const auto& [name, step] : steps) {
    if (upToDate) break;
    if (reused && step != &ProgramBuild::commit) continue;
    if (llvm::Error err = runStep(name, step)) return err;
  }
  cache.trimIfDue();
  return times.write();
}

// Runs one step; an interrupt during it (^C, SIGTERM) ends the build there, quietly: gocc then
// ends by the same signal.
llvm::Error ProgramBuild::runStep(llvm::StringRef name, Step step) {
  if (llvm::Error err = (this->*step)()) return err;
  if (interruptSignal()) return failQuietly();
  times.end(name);
  return llvm::Error::success();
}

ProgramBuild::~ProgramBuild() {
  if (!tmpOutput.empty()) fs::remove(tmpOutput);
}

std::vector<std::string> ProgramBuild::linkObjects(const std::string& table) const {
  std::vector<std::string> all = objects;
  all.push_back(table);
  return all;
}

// Compiles every unit (compile.cpp), or finds its object in the cache; if any fails, clang has
// printed why.
llvm::Error ProgramBuild::compile() {
  // A library's code is position-independent: a shared library is loaded anywhere, and an
  // archive goes into hosts that are PIE by default. The flag comes first, so that the user's
  // flags come after gocc's as always; it is part of each unit's command, hence of its cache key.
  std::vector<std::string> cxxflags = opts.cxxflags, cflags = opts.cflags;
  if (isLibrary()) {
    cxxflags.insert(cxxflags.begin(), "-fPIC");
    cflags.insert(cflags.begin(), "-fPIC");
  }
  jobs = planCompiles(setup.package, setup.toolchain, setup.target, cxxflags, cflags, opts.trimpath,
                      work);
  pchs = std::make_unique<PCHBuilds>(cache, work, /*enabled=*/!opts.trimpath);
  findCachedObjects(jobs, cache, opts.trimpath, /*lookUp=*/!opts.forceRebuild, pchs.get(),
                    opts.parallel);
  if (llvm::Error err = runCompiles(jobs, pchs.get(), opts.parallel, opts.verbose, trace))
    return err;
  if (trace.dryRun()) return llvm::Error::success();
  cacheCompiledObjects(jobs, cache);
  for (const CompileJob& job : jobs) objects.push_back(job.objectPath);
  objects.insert(objects.end(), setup.package.prebuilt.begin(), setup.package.prebuilt.end());
  return llvm::Error::success();
}

// Describes the build (stamp.cpp) and computes the build ID's inputs half from that, the flags,
// the toolchain and what every object was made of.
llvm::Error ProgramBuild::identify() {
  if (trace.dryRun()) return llvm::Error::success();
  BuildFacts facts;
  facts.programPath = setup.package.programPath();
  facts.projectDir = projectDirectory(setup.package.dir);
  facts.trimpath = opts.trimpath;
  facts.staticLink = opts.staticLink;
  facts.cxxflags = opts.cxxflags;
  facts.cflags = opts.cflags;
  facts.ldflags = opts.ldflags;
  for (const std::string& input : setup.package.prebuilt)
    if (isLinkerArgument(input)) facts.ldflags.push_back(input);
  facts.target = setup.target;
  facts.buildMode = buildModeName(opts.buildMode);
  buildInfo = encodeBuildInfo(describeBuild(facts), setup.target);
  auto inputs = hashInputs(setup, opts, jobs, buildInfo);
  if (!inputs) return inputs.takeError();
  inputsID = *inputs;
  return llvm::Error::success();
}

// A library's exports, from the objects' records, and the host's header for them, checked as C.
llvm::Error ProgramBuild::exports() {
  if (trace.dryRun()) return llvm::Error::success();
  std::vector<std::string> objectFiles, units;
  for (const CompileJob& job : jobs) {
    objectFiles.push_back(job.objectPath);
    units.push_back(job.unit->path);
  }
  auto found = readExports(objectFiles, units);
  if (!found) return found.takeError();
  exported = std::move(*found);
  auto text = exportHeader(setup.toolchain, exported, setup.package.defaultOutputName,
                           opts.buildMode, work, trace);
  if (!text) return text.takeError();
  header = std::move(*text);
  return llvm::Error::success();
}

// Writes the host's header beside the library (Go: libx.h beside libx.a or libx.so).
llvm::Error ProgramBuild::writeHeader() {
  std::string headerPath = libraryHeaderPath(outputPath);
  trace.comment("export header >" + headerPath);
  if (trace.dryRun()) return llvm::Error::success();
  return writeFile(headerPath, header);
}

// Ends the build here when the output already has this build's inputs ID (as go build leaves an
// up-to-date target alone), and takes the executable from the cache when a build of the same
// inputs put it there. -a does neither.
llvm::Error ProgramBuild::reuse() {
  if (trace.dryRun() || opts.forceRebuild) return llvm::Error::success();
  if (readInputsID(outputPath) == inputsID) {
    upToDate = true;
    return isLibrary() ? writeHeader() : llvm::Error::success();
  }
  auto cached = cache.getBytes(executableActionID(inputsID));
  if (!cached) return llvm::Error::success();
  if (llvm::Error err = makeOutputDirectory(outputPath, trace)) return err;
  auto tmp = createTemporaryOutput(outputPath);
  if (!tmp) return tmp.takeError();
  tmpOutput = *tmp;
  trace.comment("cached executable >" + tmpOutput);
  std::error_code ec;
  llvm::raw_fd_ostream os(tmpOutput, ec);
  if (!ec) {
    os << *cached;
    os.close();
    ec = os.error();
    os.clear_error();
  }
  if (ec) return fail("write " + tmpOutput + ": " + errnoText(ec));
  mode_t umaskBits = umask(0);
  umask(umaskBits);
  if (std::error_code perm = fs::setPermissions(tmpOutput, fs::perms(0777 & ~umaskBits)))
    return fail("chmod " + tmpOutput + ": " + errnoText(perm));
  reused = true;
  return llvm::Error::success();
}

// Writes the objects that carry what the executable says about its build (stamp.cpp,
// buildid.cpp): the build information (Go's .go.buildinfo) and the build ID note, its content
// half still zero. Both go into both links unchanged.
llvm::Error ProgramBuild::stamp() {
  trace.comment("stamp build information and build ID");
  if (trace.dryRun()) return llvm::Error::success();
  std::string note = buildIDNote(inputsID);
  using namespace llvm::ELF;
  std::string buildInfoObject = work.file("buildinfo.o"), buildID = work.file("buildid.o");
  uint16_t machine = elfMachine(setup.target);
  if (llvm::Error err =
          writeSectionObject(buildInfoObject, machine,
                             {".go.buildinfo", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 16, buildInfo}))
    return err;
  if (llvm::Error err =
          writeSectionObject(buildID, machine, {kBuildIDSection, SHT_NOTE, SHF_ALLOC, 4, note}))
    return err;
  objects.push_back(buildInfoObject);
  // An archive's objects go into its host, whose build ID is the host's.
  if (opts.buildMode != BuildMode::CArchive) objects.push_back(buildID);
  return llvm::Error::success();
}

// A library's exports: their stubs (library.h), assembled, join the objects, and each object
// that defines an export is replaced by a copy in which the function is gocc.export.<name>,
// the stub's target. An archive's objects also have their constructors renamed into
// gocc_init_array, which runtime.main runs (the host's start-up does not); a shared library's
// linker script does that. A shared library gets its version script.
llvm::Error ProgramBuild::stubs() {
  std::string source = work.file("exports.s"), stubObject = work.file("exports.o");
  trace.comment("export stubs >" + source);
  bool isArchive = opts.buildMode == BuildMode::CArchive;
  if (!trace.dryRun())
    if (llvm::Error err =
            writeFile(source, exportStubs(exported, isArchive ? setup.target.goamd64 : 0)))
      return err;
  if (llvm::Error err = assemble(setup.toolchain, source, stubObject, trace)) return err;
  for (size_t i = 0; i < jobs.size(); i++) {
    ObjectEdits edits;
    for (const Export& e : exported)
      if (e.object == jobs[i].objectPath) edits.renameSymbols[e.name] = kExportPrefix + e.name;
    if (isArchive && !trace.dryRun()) {
      auto sections = initArraySections(jobs[i].objectPath);
      if (!sections) return sections.takeError();
      for (const std::string& name : *sections) edits.renameSections[name] = "gocc_init_array";
    }
    if (edits.renameSymbols.empty() && edits.renameSections.empty()) continue;
    std::string copy = work.file("export_" + std::to_string(i + 1) + ".o");
    if (llvm::Error err = rewriteObject(jobs[i].objectPath, copy, edits, trace)) return err;
    for (std::string& o : objects)
      if (o == jobs[i].objectPath) o = copy;
  }
  objects.push_back(stubObject);
  if (isArchive) return llvm::Error::success();
  versionScript = work.file("exports.map");
  trace.comment("version script >" + versionScript);
  if (trace.dryRun()) return llvm::Error::success();
  return writeFile(versionScript, exportVersionScript(exported));
}

// A c-archive's one member, archived into a temporary file beside the output. The objects, the
// stubs and the library builds' runtime are linked into one relocatable object (ld -r); its
// COMDAT groups are dissolved (the symbols they would have merged with the host's copies
// become local below) and a second partial link puts all of its code into one section
// (linker-scripts/c-archive.ld), whose layout the host's linker can no longer change. Every symbol
// but the exports is made local, so that nothing of the library can clash with the host's.
// The table: that object is linked once more, as a throw-away shared object, for addresses,
// from which buildTable's reader makes the pc table; its object joins the member.
llvm::Error ProgramBuild::archive() {
  std::string joined = work.file("go.o"), ungrouped = work.file("go-nogroups.o"),
              merged = work.file("go-text.o"), localized = work.file("go-local.o"),
              probe = work.file("go-probe.so"), table = work.file("gocc_pclntab.o"),
              member = work.file(setup.package.defaultOutputName + ".o");
  if (llvm::Error err =
          link(partialLinkCommand(setup.toolchain, setup.target, objects, joined), trace))
    return err;
  ObjectEdits noGroups;
  noGroups.removeSections = {".group"};
  if (llvm::Error err = rewriteObject(joined, ungrouped, noGroups, trace)) return err;
  if (llvm::Error err = link({"ld.lld", "-r", "-m", setup.target.arch->ldEmulation, "-T",
                              setup.toolchain.archiveLinkerScript(), "-o", merged, ungrouped},
                             trace))
    return err;
  ObjectEdits local;
  for (const Export& e : exported) local.keepGlobal.push_back(e.name);
  // With no export, one symbol stays global all the same: the initializer's, which nothing
  // refers to by name (its .init_array entry does, by section), so that --keep-global-symbol
  // has something to keep and localizes everything else.
  if (local.keepGlobal.empty()) local.keepGlobal.push_back("_rt0_amd64_linux_lib");
  if (llvm::Error err = rewriteObject(merged, localized, local, trace)) return err;
  if (llvm::Error err =
          link({"ld.lld", "-shared", "-m", setup.target.arch->ldEmulation, "-o", probe, localized},
               trace))
    return err;
  trace.comment("pclntab " + probe + " >" + table);
  if (!trace.dryRun()) {
    auto bytes = buildPclntab(probe, trimpathRewrite(opts, setup.package));
    if (!bytes) return bytes.takeError();
    if (llvm::Error err = writeArchiveTableObject(setup.target, *bytes, table)) return err;
  }
  if (llvm::Error err = link(
          {"ld.lld", "-r", "-m", setup.target.arch->ldEmulation, "-o", member, localized, table},
          trace))
    return err;
  if (llvm::Error err = makeOutputDirectory(outputPath, trace)) return err;
  if (trace.dryRun()) {
    tmpOutput = outputPath + ".tmp";
  } else {
    auto tmp = createTemporaryOutput(outputPath);
    if (!tmp) return tmp.takeError();
    tmpOutput = *tmp;
    fs::remove(tmpOutput);  // writeArchive makes it anew
  }
  return writeArchive(member, tmpOutput, trace);
}

// Instantiates the runtime's memory layout for this target (linkerscript.cpp).
llvm::Error ProgramBuild::writeLinkerScript() {
  linkerScript = work.file("link.ld");
  return ::writeLinkerScript(setup.toolchain, linkerScriptVars(setup.target, linkMode()),
                             linkerScript, trace);
}

// Links once with an empty table (link.cpp): the code at its final addresses. The symbols and
// DWARF the table is made from are kept even if -ldflags strips them. A static link also reports
// the glibc functions the program uses that glibc's archive warns about, once per build. The
// executable stays in the work directory, so that -work can compare it with the output.
llvm::Error ProgramBuild::linkWithoutTable() {
  std::string emptyTable = work.file("gopclntab-empty.o");
  trace.comment("empty pclntab >" + emptyTable);
  if (llvm::Error err = writePclntabObject({}, emptyTable, setup.target)) return err;
  firstLink = work.file(setup.package.defaultOutputName + ".nopclntab");
  std::vector<std::string> ldflags = withoutStripping(opts.ldflags);
  GlibcWarnings warnings;
  if (opts.staticLink && !trace.dryRun()) {
    auto found = staticGlibcWarnings(setup.toolchain, setup.target);
    if (!found) return found.takeError();
    warnings = std::move(*found);
    for (std::string& flag : traceWarnedFunctions(warnings)) ldflags.push_back(std::move(flag));
  }
  std::string lldOutput;
  if (llvm::Error err =
          link(linkCommand(setup.toolchain, setup.target, linkMode(), linkerScript,
                           linkObjects(emptyTable), ldflags, firstLink, versionScript),
               trace, opts.staticLink ? &lldOutput : nullptr))
    return err;
  printGlibcWarnings(warnings, lldOutput);
  return llvm::Error::success();
}

// Builds the pc→function/file/line table of the first link's executable (pclntab.cpp).
llvm::Error ProgramBuild::buildTable() {
  tableObject = work.file("gopclntab.o");
  trace.comment("pclntab " + firstLink + " >" + tableObject);
  if (trace.dryRun()) return llvm::Error::success();
  auto table = buildPclntab(firstLink, trimpathRewrite(opts, setup.package));
  if (!table) return table.takeError();
  return writePclntabObject(*table, tableObject, setup.target);
}

// Links again, the table in place of the empty one, into a temporary file beside the output.
llvm::Error ProgramBuild::relink() {
  if (llvm::Error err = makeOutputDirectory(outputPath, trace)) return err;
  if (trace.dryRun()) {
    tmpOutput = outputPath + ".tmp";  // a name for the commands printed
  } else {
    auto tmp = createTemporaryOutput(outputPath);
    if (!tmp) return tmp.takeError();
    tmpOutput = *tmp;
  }
  return link(linkCommand(setup.toolchain, setup.target, linkMode(), linkerScript,
                          linkObjects(tableObject), opts.ldflags, tmpOutput, versionScript),
              trace);
}

// The table describes the first link's code: it must be the code that ships (pclntab.cpp).
llvm::Error ProgramBuild::checkText() {
  if (trace.dryRun()) return llvm::Error::success();
  return checkTextUnchanged(firstLink, tmpOutput);
}

// Writes the build ID's content half, now that the executable is final (buildid.cpp).
llvm::Error ProgramBuild::stampBuildID() {
  trace.comment("stamp build ID content hash");
  if (trace.dryRun()) return llvm::Error::success();
  return stampContentHash(tmpOutput);
}

// Keeps the executable in the cache, so that the next build of the same inputs (gocc run of an
// unchanged program, a second output name) copies it instead of linking.
llvm::Error ProgramBuild::cacheExecutable() {
  if (trace.dryRun() || !cache.enabled()) return llvm::Error::success();
  auto exe = llvm::MemoryBuffer::getFile(tmpOutput, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!exe) return fail("open " + tmpOutput + ": " + errnoText(exe.getError()));
  cache.put(executableActionID(inputsID), (*exe)->getBuffer(), /*executable=*/true);
  return llvm::Error::success();
}

// Renames the temporary file over the output: the output is either the old file or the complete
// new one, never a half-written file.
llvm::Error ProgramBuild::commit() {
  trace.print({"mv", tmpOutput, outputPath});
  if (trace.dryRun()) {
    tmpOutput.clear();
    return llvm::Error::success();
  }
  if (std::error_code ec = fs::rename(tmpOutput, outputPath))
    return fail("rename " + tmpOutput + " " + outputPath + ": " + errnoText(ec));
  tmpOutput.clear();
  return isLibrary() ? writeHeader() : llvm::Error::success();
}

llvm::Error buildProgram(const BuildSetup& setup, const BuildOptions& opts, const WorkDir& work,
                         Cache& cache, const std::string& outputPath) {
  return ProgramBuild(setup, opts, work, cache, outputPath).run();
}

// Where gocc build writes the executable: -o, or the package's default name in the current
// directory. An -o naming a directory (existing, or ending in a slash) means the default name
// inside it, as in go build; directories that do not exist yet are made just before the second
// link (makeOutputDirectory), so a failed compile or first link leaves none behind. Empty for
// -o /dev/null: nothing is written.
static llvm::Expected<std::string> resolveOutputPath(const std::string& flagOutput,
                                                     const std::string& defaultName) {
  std::string output = flagOutput.empty() ? defaultName : flagOutput;
  if (!flagOutput.empty() && (fs::is_directory(flagOutput) || flagOutput.back() == '/')) {
    llvm::SmallString<256> inside(flagOutput);
    path::append(inside, defaultName);
    output = inside.str().str();
  }

  if (fs::is_directory(output))
    return fail("build output \"" + output + "\" already exists and is a directory");
  // Only a regular file is replaced. -o /dev/null builds and throws the result away, as go
  // build does (renaming over it would replace the device itself, run as root).
  fs::file_status existing;
  if (!fs::status(output, existing) && !fs::is_regular_file(existing)) {
    bool same = false;
    if (!fs::equivalent(output, "/dev/null", same) && same) return std::string();
    return fail("build output \"" + output + "\" already exists and is not a regular file");
  }
  // Checked now rather than at link time, so a typo costs no compile: the nearest existing
  // ancestor of the output must be a directory.
  for (llvm::StringRef dir = path::parent_path(output);; dir = path::parent_path(dir)) {
    fs::file_status status;
    std::error_code ec = fs::status(dir.empty() ? "." : dir, status);
    if (ec == std::errc::no_such_file_or_directory && !dir.empty()) continue;
    if (ec) return fail("open " + output + ": " + errnoText(ec));
    if (!fs::is_directory(status)) return fail("open " + output + ": " + errnoText(ENOTDIR));
    return output;
  }
}

static llvm::Error build(llvm::ArrayRef<std::string> args) {
  BuildOptions opts;
  FlagSet flags;
  flags.addString("o", opts.output);
  std::string buildMode = "exe";
  flags.addString("buildmode", buildMode);
  addBuildFlags(flags, opts);
  auto inputs = flags.parse(args);
  if (!inputs) return inputs.takeError();
  auto target = targetFromEnv();  // the mode's message names it; prepareBuild checks it again
  if (!target) return target.takeError();
  auto mode = parseBuildMode(buildMode, *target);
  if (!mode) return mode.takeError();
  opts.buildMode = *mode;
  // A library's glibc is the host's: a shared library cannot carry one, and an archive is
  // linked, statically or not, by the host.
  if (opts.buildMode != BuildMode::Exe && opts.staticLink)
    return usageError("-static and -buildmode=" + buildMode +
                      ": a library uses its host's glibc (link the host with -static instead)");
  // An archive is never linked by gocc: linker flags would be dropped without a word.
  if (opts.buildMode == BuildMode::CArchive && !opts.ldflags.empty())
    return usageError(
        "-ldflags and -buildmode=c-archive: the host links the archive (give "
        "the flags to its link)");

  auto setup = prepareBuild(*inputs, opts);
  if (!setup) return setup.takeError();
  // The work directory comes first, so that -x prints WORK= before any command.
  auto work = createWorkDir(opts);
  if (!work) return work.takeError();
  std::string defaultName = setup->package.defaultOutputName;
  if (opts.buildMode != BuildMode::Exe)
    defaultName = libraryOutputName(defaultName, opts.buildMode);
  auto output = resolveOutputPath(opts.output, defaultName);
  if (!output) return output.takeError();
  // A library's header goes beside it, named as it with .h: it must not be the library.
  if (opts.buildMode != BuildMode::Exe && !output->empty() && libraryHeaderPath(*output) == *output)
    return usageError("-o " + opts.output +
                      ": the library's header goes to its name with .h, which would overwrite it");
  auto cache = Cache::open();
  if (!cache) return cache.takeError();
  if (output->empty())  // -o /dev/null: into the work directory, which goes away
    return buildProgram(*setup, opts, *work, *cache, work->file(defaultName));
  return buildProgram(*setup, opts, *work, *cache, *output);
}

int cmdBuild(llvm::ArrayRef<std::string> args) {
  catchInterrupts();
  int status = report(build(args), "build");  // the work directory is gone when build returns
  if (int signo = interruptSignal()) dieBySignal(signo);
  return status;
}
