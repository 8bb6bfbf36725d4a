#include "stamp.h"

#include "config.h"
#include "formats/buildinfo.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <optional>

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;
using gocc::debug::BuildInfo;
using gocc::debug::BuildSetting;
using gocc::debug::Module;

std::string toolchainVersion() {
  return std::string("gocc") + GOCC_VERSION + " clang" +
         GOCC_CLANG_VERSION;  // as gocc version says it
}

namespace {

// The output of `git -C dir args...`, or nothing if git is missing or fails (not a work
// tree): the build information then simply has no vcs lines, as Go's with -buildvcs=auto.
std::optional<std::string> git(const std::string& dir, std::vector<llvm::StringRef> args) {
  static const llvm::ErrorOr<std::string> gitPath = llvm::sys::findProgramByName("git");
  if (!gitPath) return std::nullopt;
  llvm::SmallString<128> out;
  int fd;
  if (fs::createTemporaryFile("gocc-git", "out", fd, out)) return std::nullopt;
  ::close(fd);
  std::vector<llvm::StringRef> argv = {"git", "-C", dir};
  argv.insert(argv.end(), args.begin(), args.end());
  std::optional<llvm::StringRef> redirects[] = {llvm::StringRef(""), out.str(),
                                                llvm::StringRef("")};
  int rc = llvm::sys::ExecuteAndWait(*gitPath, argv, std::nullopt, redirects);
  auto text = llvm::MemoryBuffer::getFile(out);
  fs::remove(out);
  if (rc != 0 || !text) return std::nullopt;
  return llvm::StringRef((*text)->getBuffer()).trim().str();
}

// Whether dir holds a .git (a directory, or the file a linked work tree or a submodule has).
bool hasGitMarker(llvm::StringRef dir) {
  llvm::SmallString<256> marker(dir);
  path::append(marker, ".git");
  return fs::exists(marker);
}

// The directories GIT_CEILING_DIRECTORIES names, which git does not move up into while it
// looks for a work tree.
std::vector<std::string> gitCeilingDirectories() {
  std::vector<std::string> dirs;
  const char* env = std::getenv("GIT_CEILING_DIRECTORIES");
  llvm::SmallVector<llvm::StringRef, 4> parts;
  llvm::StringRef(env ? env : "").split(parts, ':', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef p : parts) {
    llvm::SmallString<256> real;
    dirs.push_back(fs::real_path(p, real) ? p.rtrim('/').str() : real.str().str());
  }
  return dirs;
}

}  // namespace

// The work tree is found as Go finds it (cmd/go's vcs.FromDir) and as git would: the nearest
// directory, from dir upwards, that holds a .git, without moving up into a ceiling directory.
// A file-system walk rather than `git rev-parse`: outside a work tree no git runs at all.
std::string projectDirectory(const std::string& dir) {
  llvm::SmallString<256> real;
  if (fs::real_path(dir, real)) return dir;
  std::vector<std::string> ceilings = gitCeilingDirectories();
  for (llvm::StringRef d = real;;) {
    if (hasGitMarker(d)) return d.str();
    llvm::StringRef up = path::parent_path(d);
    if (up.empty() || up == d || llvm::is_contained(ceilings, up)) return dir;
    d = up;
  }
}

namespace {

// Go's VCS settings for a git work tree: vcs, vcs.revision, vcs.time (the commit time,
// RFC 3339 in UTC) and vcs.modified (uncommitted changes), from two git processes, as Go's.
// Nothing, and no process, when dir is not a work tree's top (projectDirectory's answer then).
void addGitSettings(const std::string& dir, std::vector<BuildSetting>& settings) {
  if (!hasGitMarker(dir)) return;
  auto head = git(dir, {"-c", "log.showsignature=false", "show", "-s", "--format=%H:%ct", "HEAD"});
  if (!head) return;
  auto [rev, secs] = llvm::StringRef(*head).split(':');
  long long t;
  if (rev.empty() || secs.getAsInteger(10, t)) return;
  auto status = git(dir, {"status", "--porcelain"});
  time_t tt = time_t(t);
  struct tm utc;
  gmtime_r(&tt, &utc);
  char when[32];
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &utc);
  settings.push_back({"vcs", "git"});
  settings.push_back({"vcs.revision", rev.str()});
  settings.push_back({"vcs.time", when});
  if (status) settings.push_back({"vcs.modified", status->empty() ? "false" : "true"});
}

// A flag list as one string that the driver's quoted-list flags parse back to the same list.
std::string joinFlags(const std::vector<std::string>& flags) {
  std::string out;
  for (const std::string& f : flags) {
    if (!out.empty()) out += ' ';
    bool plain = !f.empty() && f.find_first_of(" \t\n'\"") == std::string::npos;
    if (plain) {
      out += f;
      continue;
    }
    // splitQuoted joins adjacent quoted pieces into one word and unescapes nothing: the
    // runs without ' go in '...', and each ' in "'".
    if (f.empty()) out += "''";
    llvm::StringRef rest = f;
    while (!rest.empty()) {
      size_t q = rest.find('\'');
      if (q != 0) out += "'" + rest.substr(0, q).str() + "'";
      if (q == llvm::StringRef::npos) break;
      out += "\"'\"";
      rest = rest.drop_front(q + 1);
    }
  }
  return out;
}

// The major version of the GCC runtime libraries (libstdc++.a, libgcc) gocc links for target:
// the name of the directory after the target triple's in their directory's path, e.g.
// /usr/lib/gcc/x86_64-linux-gnu/12, /usr/lib/gcc-cross/aarch64-linux-gnu/12, or for 386's
// multilib /usr/lib/gcc/x86_64-linux-gnu/12/32 (not the 32 after it).
std::string gccLibVersion(const Target& target) {
  llvm::StringRef dir = target.arch->gccLibDir;
  bool afterTriple = false;
  for (auto it = path::begin(dir), end = path::end(dir); it != end; ++it) {
    if (afterTriple && !it->empty() && llvm::all_of(*it, llvm::isDigit)) return "v" + it->str();
    afterTriple = it->ends_with("-linux-gnu");
  }
  return "v0";
}

}  // namespace

BuildInfo describeBuild(const BuildFacts& facts) {
  BuildInfo bi;
  bi.GoVersion = toolchainVersion();
  auto shown = [&](const std::string& p) { return facts.trimpath ? path::filename(p).str() : p; };
  bi.Path = shown(facts.programPath);
  bi.Main = Module{shown(facts.projectDir), "(devel)", "", nullptr};
  // The libraries every program links, sorted as Go sorts deps. glibc is the version the
  // target's headers and libraries are (the host's, or Debian's cross glibc); a dynamic
  // program uses whatever the machine it runs on has (that version or later), a static one
  // (-static) carries it.
  bi.Deps = {Module{"glibc", "v" + std::string(facts.target.arch->glibcVersion), "", nullptr},
             Module{"libgcc", gccLibVersion(facts.target), "", nullptr},
             Module{"libstdc++", gccLibVersion(facts.target), "", nullptr}};

  // In Go's order: flags, then the target, then the version control state.
  auto& s = bi.Settings;
  s.push_back({"-buildmode", facts.buildMode});
  s.push_back({"-compiler", "clang"});
  if (!facts.cxxflags.empty()) s.push_back({"-cxxflags", joinFlags(facts.cxxflags)});
  if (!facts.cflags.empty()) s.push_back({"-cflags", joinFlags(facts.cflags)});
  if (!facts.ldflags.empty()) s.push_back({"-ldflags", joinFlags(facts.ldflags)});
  if (facts.staticLink) s.push_back({"-static", "true"});
  if (facts.trimpath) s.push_back({"-trimpath", "true"});
  s.push_back({"CLANG_VERSION", GOCC_CLANG_VERSION});
  s.push_back({"GOARCH", facts.target.goarch().str()});
  s.push_back({"GOOS", "linux"});
  if (facts.target.is(Arch::AMD64))
    s.push_back({"GOAMD64", "v" + std::to_string(facts.target.goamd64)});
  if (facts.target.is(Arch::I386)) s.push_back({"GO386", go386Name(facts.target.go386)});
  addGitSettings(facts.projectDir, s);
  return bi;
}

std::string encodeBuildInfo(const BuildInfo& bi, const Target& target) {
  // The modinfo text is BuildInfo::String without its "go" line.
  BuildInfo withoutVersion = bi;
  withoutVersion.GoVersion.clear();
  return buildinfo::encode(bi.GoVersion, withoutVersion.String(), uint8_t(target.arch->ptrSize));
}
