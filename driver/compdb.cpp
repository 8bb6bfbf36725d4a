#include "compdb.h"

#include "build.h"
#include "compile.h"
#include "errors.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

// Printed to stdout (gocc compdb > compile_commands.json), one entry per unit in build order,
// each with the working directory the command is relative to, the unit's absolute path, and
// the command as an argument list.
static llvm::Error compdb(llvm::ArrayRef<std::string> args) {
  BuildOptions opts;
  FlagSet flags;
  addBuildFlags(flags, opts);
  auto inputs = flags.parse(args);
  if (!inputs) return inputs.takeError();
  auto setup = prepareBuild(*inputs, opts);
  if (!setup) return setup.takeError();
  auto work = WorkDir::create(/*keep=*/false);  // names the outputs planCompiles drops again
  if (!work) return work.takeError();
  llvm::SmallString<256> cwd;
  if (std::error_code ec = llvm::sys::fs::current_path(cwd)) return fail("getwd: " + errnoText(ec));
  llvm::json::Array entries;
  for (const CompileJob& job : planCompiles(setup->package, setup->toolchain, setup->target,
                                            opts.cxxflags, opts.cflags, opts.trimpath, *work)) {
    auto file = absolutePath(job.unit->path);
    if (!file) return file.takeError();
    llvm::json::Array argv;
    for (const std::string& arg : toolCommand(job)) argv.push_back(arg);
    entries.push_back(llvm::json::Object{
        {"directory", cwd.str()}, {"file", *file}, {"arguments", std::move(argv)}});
  }
  llvm::outs() << llvm::formatv("{0:2}", llvm::json::Value(std::move(entries))) << "\n";
  return llvm::Error::success();
}

int cmdCompdb(llvm::ArrayRef<std::string> args) { return report(compdb(args), "compdb"); }
