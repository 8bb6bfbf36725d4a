#include "package.h"

#include "errors.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

static std::optional<Language> languageOf(llvm::StringRef file) {
  llvm::StringRef ext = path::extension(file);
  if (ext == ".cpp" || ext == ".cc" || ext == ".cxx") return Language::CXX;
  if (ext == ".c") return Language::C;
  return std::nullopt;
}

bool isSourceFileName(llvm::StringRef path) { return languageOf(path).has_value(); }

bool isPrebuiltFileName(llvm::StringRef path) {
  llvm::StringRef ext = path::extension(path);
  return ext == ".o" || ext == ".a";
}

// The source files directly inside dir, sorted by name. Hidden files (editor droppings such as
// .#main.cpp) are skipped. Paths are dir/name, or just name when dir is implicit ("").
static llvm::Expected<std::vector<SourceUnit>> listSourceFiles(const std::string& dir) {
  llvm::StringRef openDir = dir.empty() ? "." : llvm::StringRef(dir);
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(openDir, ec), end; it != end && !ec; it.increment(ec)) {
    llvm::StringRef name = path::filename(it->path());
    if (name.starts_with(".") || !isSourceFileName(name)) continue;
    // Follows symlinks: a linked source file counts, a directory named x.cpp does not, and a
    // dangling link is an error, as in go build, not a file quietly left out.
    fs::file_status st;
    if (std::error_code statError = fs::status(it->path(), st))
      return fail("open " + it->path() + ": " + errnoText(statError));
    if (fs::is_regular_file(st)) names.push_back(name.str());
  }
  if (ec) return fail("open " + openDir + ": " + errnoText(ec));
  std::sort(names.begin(), names.end());

  std::vector<SourceUnit> units;
  for (const std::string& name : names) {
    llvm::SmallString<256> unitPath(dir);
    path::append(unitPath, name);
    units.push_back({unitPath.str().str(), *languageOf(name)});
  }
  return units;
}

llvm::Expected<std::string> absolutePath(llvm::StringRef p) {
  llvm::SmallString<256> abs(p);
  if (std::error_code ec = fs::make_absolute(abs)) return fail("open " + p + ": " + errnoText(ec));
  path::remove_dots(abs, /*remove_dot_dot=*/true);
  return abs.str().str();
}

static llvm::Expected<Package> loadDirectory(const std::string& dir) {
  auto units = listSourceFiles(dir);
  if (!units) return units.takeError();
  llvm::StringRef shownDir = dir.empty() ? "." : llvm::StringRef(dir);
  if (units->empty()) return fail("no C or C++ source files in " + shownDir);

  // Named after the directory itself, so "." and "../x/" name it too.
  auto absolute = absolutePath(shownDir);
  if (!absolute) return absolute.takeError();
  std::string name = path::filename(*absolute).str();
  if (name.empty() || name == "/") name = "a.out";  // the root directory has no name
  return Package{std::move(*units), {}, name, *absolute, ""};
}

// to relative to from, both absolute and without dots: "sub", "../lib", or "" when equal.
static std::string relativePath(llvm::StringRef to, llvm::StringRef from) {
  auto t = path::begin(to), tEnd = path::end(to);
  auto f = path::begin(from), fEnd = path::end(from);
  while (t != tEnd && f != fEnd && *t == *f) ++t, ++f;
  llvm::SmallString<256> rel;
  for (; f != fEnd; ++f) path::append(rel, "..");
  for (; t != tEnd; ++t) path::append(rel, *t);
  return rel.str().str();
}

std::vector<std::pair<std::string, std::string>> outsideSourceDirs(const Package& pkg) {
  std::vector<std::pair<std::string, std::string>> dirs;
  for (const SourceUnit& unit : pkg.units) {
    auto absolute = absolutePath(unit.path);
    if (!absolute) {
      llvm::consumeError(absolute.takeError());
      continue;
    }
    std::string dir = path::parent_path(*absolute).str();
    if (llvm::StringRef(dir + "/").starts_with(pkg.dir + "/")) continue;  // inside the package's
    bool seen = false;
    for (const auto& d : dirs) seen |= d.first == dir + "/";
    if (!seen) dirs.push_back({dir + "/", relativePath(dir, pkg.dir) + "/"});
  }
  return dirs;
}

llvm::Expected<Package> loadPackage(llvm::ArrayRef<std::string> inputs) {
  if (inputs.empty()) return loadDirectory("");

  // Find the directories first: a directory together with other inputs is a misuse, whatever
  // those inputs are.
  std::vector<std::string> dirs;
  for (const std::string& input : inputs) {
    fs::file_status status;
    if (std::error_code ec = fs::status(input, status))
      return fail("open " + input + ": " + errnoText(ec));
    if (fs::is_directory(status)) dirs.push_back(input);
  }
  if (dirs.size() > 1)
    return usageError("cannot build more than one directory: " + dirs[0] + ", " + dirs[1]);
  if (dirs.size() == 1 && inputs.size() > 1)
    return usageError("cannot build a directory together with other inputs: " + dirs[0] + ", " +
                      (inputs[0] == dirs[0] ? inputs[1] : inputs[0]));
  if (dirs.size() == 1) return loadDirectory(dirs[0]);

  // Named files form one program: sources from any directories, each file once.
  Package pkg;
  std::vector<std::string> absolutes;
  std::vector<std::string> sources;
  for (const std::string& input : inputs) {
    std::optional<Language> language = languageOf(input);
    if (!language && isPrebuiltFileName(input)) {
      auto absolute = absolutePath(input);
      if (!absolute) return absolute.takeError();
      pkg.prebuilt.push_back(*absolute);
      continue;
    }
    if (!language) return fail(input + ": not a C or C++ source file, object or archive");
    auto absolute = absolutePath(input);
    if (!absolute) return absolute.takeError();
    for (size_t i = 0; i < absolutes.size(); ++i)
      if (absolutes[i] == *absolute) return fail("duplicate file: " + sources[i] + " and " + input);
    absolutes.push_back(*absolute);
    sources.push_back(input);
    pkg.units.push_back({input, *language});
  }
  if (sources.empty())
    return fail("no C or C++ source files named (objects and archives are linked with sources)");
  pkg.mainFile = absolutes[0];
  pkg.dir = path::parent_path(absolutes[0]).str();
  pkg.defaultOutputName = path::stem(sources[0]).str();
  if (pkg.defaultOutputName.empty()) pkg.defaultOutputName = "a.out";  // a file named just ".cpp"
  return pkg;
}
