// gocc env [-json] [var ...]: each setting gocc uses, resolved as a build would resolve it (the
// environment, else the default), in go env's forms: NAME="value" lines for sh, the values of
// the variables named one per line, or a JSON object.
#include "env.h"

#include "cache.h"
#include "config.h"
#include "errors.h"
#include "flags.h"
#include "target.h"
#include "toolchain.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <utility>
#include <vector>

namespace {

using Setting = std::pair<std::string, std::string>;  // name, value

// The settings, sorted by name as go env sorts its own. A bad GOARCH or GOAMD64, or a toolchain
// that cannot be found, is the error a build would give. As go env, it names the architecture
// level variable of the target's architecture only (GOAMD64 on amd64).
llvm::Expected<std::vector<Setting>> settings() {
  auto target = targetFromEnv();
  if (!target) return target.takeError();
  auto tc = findToolchain(*target);
  if (!tc) return tc.takeError();
  auto cache = Cache::directory();
  if (!cache) return cache.takeError();
  const char* tmp = std::getenv("TMPDIR");
  std::vector<Setting> all = {
      {"CC", tc->clang},     // compiles C units
      {"CXX", tc->clangxx},  // compiles C++ units
      {"GOARCH", target->goarch().str()},
      {"GOCCCACHE", *cache},
      {"GOCCROOT", tc->root},
      {"GOOS", "linux"},
      {"GOVERSION", "gocc" GOCC_VERSION},
      {"TMPDIR", tmp && *tmp ? tmp : "/tmp"},  // where work directories go
  };
  if (target->is(Arch::AMD64)) all.push_back({"GOAMD64", "v" + std::to_string(target->goamd64)});
  if (target->is(Arch::I386)) all.push_back({"GO386", go386Name(target->go386)});
  std::sort(all.begin(), all.end());
  return all;
}

// value quoted for sh, as go env quotes on Unix: in double quotes, with the characters that
// stay special there escaped.
std::string shellQuoted(llvm::StringRef value) {
  std::string q = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\' || c == '$' || c == '`') q += '\\';
    q += c;
  }
  return q + "\"";
}

}  // namespace

int cmdEnv(llvm::ArrayRef<std::string> args) {
  bool json = false;
  FlagSet flags;
  flags.addBool("json", json);
  auto names = flags.parse(args);
  if (!names) return report(names.takeError(), "env");
  auto all = settings();
  if (!all) return report(all.takeError(), "env");
  auto valueOf = [&](llvm::StringRef name) -> std::string {
    for (const Setting& s : *all)
      if (s.first == name) return s.second;
    return "";  // as go env: an unknown name prints an empty value
  };

  if (json) {
    llvm::json::Object o;
    if (names->empty())
      for (const Setting& s : *all) o[s.first] = s.second;
    else
      for (const std::string& name : *names) o[name] = valueOf(name);
    llvm::outs() << llvm::formatv("{0:2}", llvm::json::Value(std::move(o))) << "\n";
    return 0;
  }
  if (!names->empty()) {
    for (const std::string& name : *names) llvm::outs() << valueOf(name) << "\n";
    return 0;
  }
  for (const Setting& s : *all) llvm::outs() << s.first << "=" << shellQuoted(s.second) << "\n";
  return 0;
}
