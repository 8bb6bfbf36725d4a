#include "link.h"

#include "errors.h"

#include "lld/Common/Driver.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

LLD_HAS_DRIVER(elf)

std::vector<std::string> linkCommand(const Toolchain& tc, const std::string& linkerScript,
                                     llvm::ArrayRef<std::string> objects,
                                     llvm::ArrayRef<std::string> ldflags,
                                     const std::string& outputPath) {
  // One line per group of related arguments.
  // clang-format off
  std::vector<std::string> cmd = {
      "ld.lld", "--hash-style=gnu", "--eh-frame-hdr", "-m", "elf_x86_64",
      "-no-pie", "-z", "noexecstack", "-dynamic-linker", "/lib64/ld-linux-x86-64.so.2",
      // Dead code elimination, as Go's linker does: only what the entry point, the init
      // arrays and the KEEPs of the linker script reach gets in. Most of static libstdc++
      // falls away, which shortens every start (less text to fault in, a smaller table).
      // A section that __start_/__stop_ symbols name is kept, as GNU ld keeps it: the usual
      // way C and C++ code registers things in a section of its own (lld drops it by default).
      "--gc-sections", "-z", "nostart-stop-gc",
      "-T", linkerScript,
      "-o", outputPath,
      "-L" + tc.gccLibDir, "-L/lib/x86_64-linux-gnu", "-L/usr/lib/x86_64-linux-gnu"};
  cmd.insert(cmd.end(), objects.begin(), objects.end());
  cmd.insert(cmd.end(), ldflags.begin(), ldflags.end());
  cmd.insert(cmd.end(), {
      "--whole-archive", tc.runtimeLibrary(), "--no-whole-archive",
      "-Bstatic", "-lstdc++", "-Bdynamic",
      // libm.so only when something uses it: loading it costs ~70 µs of every start.
      "--as-needed", "-lm", "--no-as-needed",
      // libgcc twice around libc, as clang's driver does: each needs the other.
      "-lgcc", "-lgcc_eh", "-lc", "-lgcc", "-lgcc_eh"});
  // clang-format on
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

llvm::Error link(llvm::ArrayRef<std::string> command, const CommandTrace& trace) {
  trace.print(command, "# in-process");
  if (trace.dryRun()) return llvm::Error::success();
  std::vector<const char*> argv;
  for (const std::string& arg : command) argv.push_back(arg.c_str());

  TeeToStderr diagnostics;
  lld::Result result = lld::lldMain(argv, llvm::outs(), diagnostics, {{lld::Gnu, &lld::elf::link}});
  llvm::outs().flush();
  llvm::errs().flush();
  if (result.retCode == 0) return llvm::Error::success();
  if (llvm::StringRef(diagnostics.copy).contains("undefined symbol: main"))
    return fail("program has no main function (define int main() or int main(int, char**))");
  return failQuietly();
}
