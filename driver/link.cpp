#include "link.h"

#include "elffile.h"
#include "errors.h"

#include "lld/Common/Driver.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Object/Archive.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <set>

LLD_HAS_DRIVER(elf)

// The directories the link searches for -lc, in its order.
static std::vector<std::string> librarySearchPath(const Toolchain& tc, const Target& target) {
  std::vector<std::string> dirs = {target.arch->gccLibDir};
  dirs.insert(dirs.end(), target.arch->systemLibDirs.begin(), target.arch->systemLibDirs.end());
  return dirs;
}

std::vector<std::string> linkCommand(const Toolchain& tc, const Target& target, LinkMode mode,
                                     const std::string& linkerScript,
                                     llvm::ArrayRef<std::string> objects,
                                     llvm::ArrayRef<std::string> ldflags,
                                     const std::string& outputPath,
                                     const std::string& versionScript) {
  bool isStatic = mode == LinkMode::Static, isShared = mode == LinkMode::Shared;
  // One line per group of related arguments.
  // clang-format off
  std::vector<std::string> cmd = {"ld.lld", "--hash-style=gnu", "--eh-frame-hdr", "-m", target.arch->ldEmulation};
  if (!isShared) cmd.push_back("-no-pie");
  cmd.insert(cmd.end(), {"-z", "noexecstack"});
  if (isStatic)
    cmd.push_back("-static");
  else if (isShared)
    cmd.insert(cmd.end(), {
        // Every symbol resolved now, as for a program; only the exports global; and never
        // unloaded, as Go's c-shared libraries: the runtime's threads run its code until the
        // process ends, so dlclose must not unmap it.
        "-shared", "-z", "defs", "--version-script=" + versionScript, "-z", "nodelete"});
  else
    cmd.insert(cmd.end(), {"-dynamic-linker", target.arch->dynamicLinker});
  cmd.insert(cmd.end(), {
      // Dead code elimination, as Go's linker does: only what the entry point, the init
      // arrays and the KEEPs of the linker script reach gets in. Most of static libstdc++
      // falls away, which shortens every start (less text to fault in, a smaller table).
      // A section that __start_/__stop_ symbols name is kept, as GNU ld keeps it: the usual
      // way C and C++ code registers things in a section of its own (lld drops it by default).
      "--gc-sections", "-z", "nostart-stop-gc",
      "-T", linkerScript,
      "-o", outputPath,
  });
  for (const std::string& dir : librarySearchPath(tc, target)) cmd.push_back("-L" + dir);
  cmd.insert(cmd.end(), objects.begin(), objects.end());
  cmd.insert(cmd.end(), ldflags.begin(), ldflags.end());
  cmd.insert(cmd.end(), {"--whole-archive", isShared ? tc.libraryRuntimeLibrary(target) : tc.runtimeLibrary(target), "--no-whole-archive"});
  if (isStatic) {
    cmd.insert(cmd.end(), {
        tc.staticStartObject(target),
        // Every library from its archive; libc.a, libgcc.a and libgcc_eh.a need each other.
        "-lstdc++", "-lm", "--start-group", "-lgcc", "-lgcc_eh", "-lc", "--end-group"});
    return cmd;
  }
  cmd.insert(cmd.end(), {
      "-Bstatic", "-lstdc++", "-Bdynamic",
      // libm.so only when something uses it: loading it costs ~70 µs of every start.
      "--as-needed", "-lm", "--no-as-needed",
      // libgcc twice around libc, as clang's driver does: each needs the other.
      "-lgcc", "-lgcc_eh", "-lc", "-lgcc", "-lgcc_eh"});
  // clang-format on
  return cmd;
}

std::vector<std::string> partialLinkCommand(const Toolchain& tc, const Target& target,
                                            llvm::ArrayRef<std::string> objects,
                                            const std::string& outputPath) {
  std::vector<std::string> cmd = {"ld.lld", "-r", "-m", target.arch->ldEmulation, "-o", outputPath};
  cmd.insert(cmd.end(), objects.begin(), objects.end());
  cmd.insert(cmd.end(),
             {"--whole-archive", tc.libraryRuntimeLibrary(target), "--no-whole-archive"});
  return cmd;
}

std::vector<std::string> withoutStripping(llvm::ArrayRef<std::string> ldflags) {
  static const llvm::StringRef strip[] = {
      "-s", "--strip-all",   "-strip-all",   "-S", "--strip-debug",    "-strip-debug",
      "-x", "--discard-all", "-discard-all", "-X", "--discard-locals", "-discard-locals"};
  std::vector<std::string> kept;
  for (const std::string& flag : ldflags)
    if (llvm::find(strip, flag) == std::end(strip)) kept.push_back(flag);
  return kept;
}

namespace {
// Passes lld's diagnostics through to stderr as they come (colours included) and keeps a copy, so
// that gocc can add a hint after them.
class TeeToStderr : public llvm::raw_ostream {
public:
  TeeToStderr() { SetUnbuffered(); }
  std::string copy;

  bool has_colors() const override { return llvm::errs().has_colors(); }
  bool is_displayed() const override { return llvm::errs().is_displayed(); }

private:
  void write_impl(const char* ptr, size_t size) override {
    llvm::errs().write(ptr, size);
    copy.append(ptr, size);
  }
  uint64_t current_pos() const override { return copy.size(); }
};
}  // namespace

llvm::Error link(llvm::ArrayRef<std::string> command, const CommandTrace& trace,
                 std::string* lldOutput) {
  trace.print(command, "# in-process");
  if (trace.dryRun()) return llvm::Error::success();
  std::vector<const char*> argv;
  for (const std::string& arg : command) argv.push_back(arg.c_str());

  TeeToStderr diagnostics;
  std::string captured;
  llvm::raw_string_ostream capture(captured);
  llvm::raw_ostream& out = lldOutput ? static_cast<llvm::raw_ostream&>(capture) : llvm::outs();
  lld::Result result = lld::lldMain(argv, out, diagnostics, {{lld::Gnu, &lld::elf::link}});
  if (lldOutput) *lldOutput = std::move(captured);
  llvm::outs().flush();
  llvm::errs().flush();
  if (result.retCode == 0) return llvm::Error::success();
  if (llvm::StringRef(diagnostics.copy).contains("undefined symbol: main"))
    return fail("program has no main function (define int main() or int main(int, char**))");
  return failQuietly();
}

// glibc's link-time warnings: each .gnu.warning.<function> section of a libc.a member, by
// function.
static llvm::Expected<GlibcWarnings> readGlibcWarnings(const std::string& archivePath) {
  auto buf = llvm::MemoryBuffer::getFile(archivePath, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!buf) return fail("open " + archivePath + ": " + errnoText(buf.getError()));
  auto archive = llvm::object::Archive::create((*buf)->getMemBufferRef());
  if (!archive) return fail(archivePath + ": " + llvm::toString(archive.takeError()));
  GlibcWarnings warnings;
  llvm::Error err = llvm::Error::success();
  for (const llvm::object::Archive::Child& child : (*archive)->children(err)) {
    auto member = child.getMemoryBufferRef();
    if (!member) return fail(archivePath + ": " + llvm::toString(member.takeError()));
    auto elf = ElfFile::view(*member);
    if (!elf) {
      llvm::consumeError(elf.takeError());  // not an object file
      continue;
    }
    for (const ElfSection& section : elf->sections()) {
      llvm::StringRef function = section.name;
      if (!function.consume_front(".gnu.warning.") || function.empty()) continue;
      auto text = elf->contents(section);
      if (!text) return fail(archivePath + ": " + llvm::toString(text.takeError()));
      warnings[function.str()] = text->take_until([](char c) { return c == '\0'; }).str();
    }
  }
  if (err) return fail(archivePath + ": " + llvm::toString(std::move(err)));
  return warnings;
}

llvm::Expected<GlibcWarnings> staticGlibcWarnings(const Toolchain& tc, const Target& target) {
  for (const std::string& dir : librarySearchPath(tc, target))
    if (llvm::sys::fs::exists(dir + "/libc.a")) return readGlibcWarnings(dir + "/libc.a");
  return GlibcWarnings{};  // the link will say it has no libc.a
}

std::vector<std::string> traceWarnedFunctions(const GlibcWarnings& warnings) {
  std::vector<std::string> flags;
  for (const auto& [function, text] : warnings) flags.push_back("--trace-symbol=" + function);
  return flags;
}

void printGlibcWarnings(const GlibcWarnings& warnings, llvm::StringRef lldOutput) {
  std::set<std::string> used;  // sorted, and each function once
  while (!lldOutput.empty()) {
    auto [line, rest] = lldOutput.split('\n');
    lldOutput = rest;
    // "<file>: reference to <function>"; lld's own bookkeeping says "<internal>".
    size_t at = line.rfind(": reference to ");
    if (at == llvm::StringRef::npos || line.starts_with("<internal>:")) continue;
    llvm::StringRef function = line.drop_front(at + strlen(": reference to "));
    if (warnings.count(function.str())) used.insert(function.str());
  }
  for (const std::string& function : used)
    llvm::errs() << "gocc: warning: " << warnings.at(function) << "\n";
}
