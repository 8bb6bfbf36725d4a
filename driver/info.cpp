// gocc info: what a gocc executable says about itself (see "gocc help info").
//
//   gocc info [-m] [-json] [-v] file|dir...
//
// For a file that is not a readable gocc executable, one line `gocc: <file>: <reason>` and
// exit status 1. Directories are searched recursively for executables; files there that are
// not gocc binaries are skipped silently (-v says why), and a directory without any is an
// error.
#include "info.h"

#include "elffile.h"
#include "errors.h"
#include "flags.h"
#include "inspect.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace fs = llvm::sys::fs;

namespace {

struct InfoOptions {
  bool modules = false;  // -m
  bool json = false;     // -json
  bool verbose = false;  // -v
};

// The level of an amd64 binary and the mode of a 386 one, as its build settings record them,
// else the default a build takes when the variable is unset.
std::string goamd64(const BinaryInfo& info) { return info.goamd64.empty() ? "v1" : info.goamd64; }
std::string go386(const BinaryInfo& info) { return info.go386.empty() ? "sse2" : info.go386; }

// The summary: `go version`'s first line, then what the program is (a static one says so, and
// a library its build mode) and
// how it starts, then
// the sections as gdb's `info files` lists them. -m adds every dep and build line, so that
// the lines of `go version -m` all appear, in the same order.
void printText(llvm::raw_ostream& os, const std::string& file, const BinaryInfo& info,
               bool modules) {
  const gocc::debug::BuildInfo& bi = info.build;
  os << file << ": " << bi.GoVersion << "\n";
  // The embedded text's own lines (path, mod, dep, build), as `go version -m` shows them.
  llvm::StringRef text = info.modinfo;
  while (!text.empty()) {
    auto [line, rest] = text.split('\n');
    text = rest;
    if (modules || line.starts_with("path\t") || line.starts_with("mod\t") ||
        line.starts_with("=>\t") || line == "build\t-static=true" ||
        (line.starts_with("build\t-buildmode=") && line != "build\t-buildmode=exe"))
      os << "\t" << line << "\n";
  }
  os << "\ttarget\tlinux/" << info.goarch;
  if (info.goarch == "amd64") os << " " << goamd64(info);
  if (info.goarch == "386") os << " " << go386(info);
  os << "\n";
  if (!info.buildID.empty()) os << "\tbuildid\t" << info.buildID << "\n";
  if (info.pclntab)
    os << "\tpclntab\tnfunc=" << info.pclntab->nfunc << " nfiles=" << info.pclntab->nfiles
       << " size=" << info.pclntab->size << "\n";
  os << "\tEntry point: " << llvm::format("0x%" PRIx64, info.entry);
  if (!info.entrySymbol.empty()) os << " " << info.entrySymbol;
  os << "\n";
  // As gdb's info files: addresses as wide as the file's (16 digits, 8 in a 32-bit file).
  int digits = info.is64 ? 16 : 8;
  for (const SectionRange& s : info.sections)
    os << "\t0x" << llvm::format_hex_no_prefix(s.start, digits) << " - 0x"
       << llvm::format_hex_no_prefix(s.end, digits) << " is " << s.name << "\n";
}

llvm::json::Value toJSON(const std::string& file, const BinaryInfo& info) {
  const gocc::debug::BuildInfo& bi = info.build;
  auto module = [](const gocc::debug::Module& m) {
    llvm::json::Object o{{"Path", m.Path}, {"Version", m.Version}, {"Sum", m.Sum}};
    if (m.Replace)
      o["Replace"] = llvm::json::Object{
          {"Path", m.Replace->Path}, {"Version", m.Replace->Version}, {"Sum", m.Replace->Sum}};
    return o;
  };
  llvm::json::Array deps, settings, sections;
  for (const auto& d : bi.Deps) deps.push_back(module(d));
  for (const auto& s : bi.Settings)
    settings.push_back(llvm::json::Object{{"Key", s.Key}, {"Value", s.Value}});
  for (const auto& s : info.sections)
    sections.push_back(llvm::json::Object{{"Name", s.name},
                                          {"Start", int64_t(s.start)},
                                          {"End", int64_t(s.end)},
                                          {"Size", int64_t(s.end - s.start)}});
  // Field names follow Go's debug.BuildInfo where it has them.
  llvm::json::Object o{{"File", file},
                       {"GoVersion", bi.GoVersion},
                       {"Path", bi.Path},
                       {"Main", module(bi.Main)},
                       {"Deps", std::move(deps)},
                       {"Settings", std::move(settings)},
                       {"GOOS", "linux"},
                       {"GOARCH", info.goarch},
                       {"BuildID", info.buildID},
                       {"Entry", int64_t(info.entry)},
                       {"EntrySymbol", info.entrySymbol},
                       {"Sections", std::move(sections)}};
  // The architecture's own variable only, as the text's target line shows it.
  if (info.goarch == "amd64") o["GOAMD64"] = goamd64(info);
  if (info.goarch == "386") o["GO386"] = go386(info);
  if (info.pclntab)
    o["Pclntab"] = llvm::json::Object{{"Nfunc", info.pclntab->nfunc},
                                      {"Nfiles", int64_t(info.pclntab->nfiles)},
                                      {"Size", int64_t(info.pclntab->size)}};
  return o;
}

// Reads one file. The error's text is the reason, without the file name.
llvm::Expected<BinaryInfo> readBinary(const std::string& file) {
  auto buf = readBinaryFile(file);
  if (!buf) return buf.takeError();
  return inspectBinary((*buf)->getMemBufferRef());
}

// The executable regular files under dir, in a stable (sorted) order. Symbolic links to
// directories are not followed, as Go's WalkDir does not: a link to an ancestor would make the
// walk go round for ever.
std::vector<std::string> executablesUnder(const std::string& dir, std::error_code& ec) {
  std::vector<std::string> files;
  for (fs::recursive_directory_iterator it(dir, ec, /*follow_symlinks=*/false), end;
       it != end && !ec; it.increment(ec)) {
    fs::file_status st;
    if (fs::status(it->path(), st) || !fs::is_regular_file(st)) continue;
    if ((st.permissions() & (fs::owner_exe | fs::group_exe | fs::others_exe)) != 0)
      files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int cmdInfo(llvm::ArrayRef<std::string> args) {
  InfoOptions opts;
  FlagSet flags;
  flags.addBool("m", opts.modules);
  flags.addBool("json", opts.json);
  flags.addBool("v", opts.verbose);
  auto inputs = flags.parse(args);
  if (!inputs) return report(inputs.takeError(), "info");
  if (inputs->empty()) return report(usageError("no binaries named"), "info");

  int status = 0;
  auto complain = [&](const std::string& file, const std::string& why) {
    llvm::outs().flush();
    llvm::errs() << "gocc: " << file << ": " << why << "\n";
  };
  std::vector<std::pair<std::string, BinaryInfo>> found;
  for (const std::string& input : *inputs) {
    if (!fs::is_directory(input)) {
      auto info = readBinary(input);
      if (!info) {
        complain(input, llvm::toString(info.takeError()));
        status = 1;
        continue;
      }
      found.emplace_back(input, std::move(*info));
      continue;
    }
    std::error_code ec;
    size_t before = found.size();
    for (const std::string& file : executablesUnder(input, ec)) {
      auto info = readBinary(file);
      if (!info) {
        std::string why = llvm::toString(info.takeError());
        if (opts.verbose) complain(file, "skipped: " + why);
        continue;
      }
      found.emplace_back(file, std::move(*info));
    }
    if (ec) {
      complain(input, errnoText(ec));
      status = 1;
    } else if (found.size() == before) {
      complain(input, "no gocc binaries found");
      status = 1;
    }
  }

  if (opts.json) {
    // One object for one binary, else an array of them.
    llvm::json::Array all;
    for (const auto& [file, info] : found) all.push_back(toJSON(file, info));
    if (all.size() == 1 && inputs->size() == 1 && !fs::is_directory((*inputs)[0]))
      llvm::outs() << llvm::formatv("{0:2}", all[0]) << "\n";
    else if (!all.empty())
      llvm::outs() << llvm::formatv("{0:2}", llvm::json::Value(std::move(all))) << "\n";
  } else {
    for (const auto& [file, info] : found) printText(llvm::outs(), file, info, opts.modules);
  }
  return status;
}
