#include "pch.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/SHA256.h"

namespace {

// The C library's headers, C23 and before, separated by spaces: standard in C and, as C++
// keeps them, in C++.
const char cHeaders[] =
    "assert.h complex.h ctype.h errno.h fenv.h float.h inttypes.h iso646.h limits.h locale.h "
    "math.h setjmp.h signal.h stdalign.h stdarg.h stdatomic.h stdbit.h stdbool.h stdckdint.h "
    "stddef.h stdint.h stdio.h stdlib.h stdnoreturn.h string.h tgmath.h threads.h time.h "
    "uchar.h wchar.h wctype.h";

// The C++ library's headers, C++23 and before, with the <cname> forms of the C library's.
// Trailing spaces keep the words of adjacent literals apart.
const char cxxHeaders[] =
    "algorithm any array atomic barrier bit bitset cassert ccomplex cctype cerrno cfenv "
    "cfloat charconv chrono cinttypes ciso646 climits clocale cmath codecvt compare complex "
    "concepts condition_variable coroutine csetjmp csignal cstdalign cstdarg cstdbool "
    "cstddef cstdint cstdio cstdlib cstring ctgmath ctime cuchar cwchar cwctype deque "
    "exception execution expected filesystem flat_map flat_set format forward_list fstream "
    "functional future generator initializer_list iomanip ios iosfwd iostream istream "
    "iterator latch limits list locale map mdspan memory memory_resource mutex new numbers "
    "numeric optional ostream print queue random ranges ratio regex scoped_allocator "
    "semaphore set shared_mutex source_location span spanstream sstream stack stacktrace "
    "stdexcept stdfloat stop_token streambuf string string_view strstream syncstream "
    "system_error thread tuple type_traits typeindex typeinfo unordered_map unordered_set "
    "utility valarray variant vector version";

void addWords(llvm::StringSet<>& set, llvm::StringRef words) {
  llvm::SmallVector<llvm::StringRef, 128> list;
  words.split(list, ' ', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef w : list) set.insert(w);
}

const llvm::StringSet<>& headerSet(Language language) {
  static const llvm::StringSet<> c = [] {
    llvm::StringSet<> s;
    addWords(s, cHeaders);
    return s;
  }();
  static const llvm::StringSet<> cxx = [] {
    llvm::StringSet<> s;
    addWords(s, cHeaders);
    addWords(s, cxxHeaders);
    return s;
  }();
  return language == Language::C ? c : cxx;
}

// A reader of the directives before a unit's first declaration. It accepts only what cannot
// change the preprocessor's state (see pch.h): a backslash anywhere ends the prefix, since a
// line continuation would join lines the scan reads apart.
class PrefixScanner {
public:
  explicit PrefixScanner(llvm::StringRef text) : text(text) {
    if (this->text.starts_with("\xEF\xBB\xBF")) this->text = this->text.drop_front(3);  // BOM
  }

  // Moves past blank space and comments, counting lines; false at a comment that does not end
  // or a backslash.
  bool skipSpaceAndComments(bool stopAtNewline) {
    while (pos < text.size()) {
      char c = text[pos];
      if (c == '\n') {
        if (stopAtNewline) return true;
        line++;
        pos++;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        pos++;
      } else if (text.substr(pos).starts_with("//")) {
        size_t end = text.find('\n', pos);
        if (end == llvm::StringRef::npos) end = text.size();
        if (text.slice(pos, end).contains('\\')) return false;
        pos = end;
      } else if (text.substr(pos).starts_with("/*")) {
        size_t end = text.find("*/", pos + 2);
        if (end == llvm::StringRef::npos) return false;
        llvm::StringRef comment = text.slice(pos, end + 2);
        if (comment.contains('\\')) return false;
        line += comment.count('\n');
        pos = end + 2;
      } else {
        return c != '\\';
      }
    }
    return true;
  }

  bool atEnd() const { return pos >= text.size(); }
  char peek() const { return atEnd() ? '\0' : text[pos]; }
  void advance() { pos++; }

  llvm::StringRef identifier() {
    size_t start = pos;
    while (pos < text.size() && (llvm::isAlnum(text[pos]) || text[pos] == '_')) pos++;
    return text.slice(start, pos);
  }

  // The name of an <...> include at the current position, or "" if there is none.
  llvm::StringRef angleName() {
    if (peek() != '<') return "";
    size_t end = text.find_first_of(">\n\\", pos + 1);
    if (end == llvm::StringRef::npos || text[end] != '>') return "";
    llvm::StringRef name = text.slice(pos + 1, end);
    pos = end + 1;
    return name;
  }

  // The rest of the directive's line holds only space and comments.
  bool restOfLineIsEmpty() {
    return skipSpaceAndComments(/*stopAtNewline=*/true) && (atEnd() || peek() == '\n');
  }

  unsigned line = 1;  // of the current position, counting from 1

private:
  llvm::StringRef text;
  size_t pos = 0;
};

}  // namespace

bool isStandardHeader(llvm::StringRef name, Language language) {
  if (name.starts_with("gocc/")) {
    // One of gocc's headers, by a plain relative name (no "..", no empty component).
    llvm::StringRef rest = name.drop_front(5);
    if (rest.empty() || rest.ends_with("/")) return false;
    llvm::SmallVector<llvm::StringRef, 4> parts;
    rest.split(parts, '/');
    for (llvm::StringRef p : parts)
      if (p.empty() || p == "." || p == ".." ||
          p.find_first_not_of(
              "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") !=
              llvm::StringRef::npos)
        return false;
    return true;
  }
  return headerSet(language).contains(name);
}

std::string StandardPrefix::headerText() const {
  std::string text;
  for (const Include& inc : includes) text += "#include <" + inc.header + ">\n";
  return text;
}

std::optional<StandardPrefix> standardPrefix(llvm::StringRef sourceText, Language language) {
  PrefixScanner s(sourceText);
  StandardPrefix prefix;
  while (true) {
    if (!s.skipSpaceAndComments(/*stopAtNewline=*/false) || s.peek() != '#') break;
    unsigned directiveLine = s.line;
    s.advance();
    if (!s.skipSpaceAndComments(/*stopAtNewline=*/true)) break;
    llvm::StringRef directive = s.identifier();
    if (!s.skipSpaceAndComments(/*stopAtNewline=*/true)) break;
    if (directive == "include") {
      llvm::StringRef name = s.angleName();
      if (name.empty() || !isStandardHeader(name, language) || !s.restOfLineIsEmpty()) break;
      prefix.includes.push_back({name.str(), directiveLine});
    } else if (directive == "pragma") {
      if (s.identifier() != "once" || !s.restOfLineIsEmpty()) break;
    } else {
      break;
    }
  }
  if (prefix.includes.empty()) return std::nullopt;
  return prefix;
}

PCHFiles PCHFiles::in(llvm::StringRef dir) {
  return {dir.str() + "/std.h", dir.str() + "/std.pch", dir.str() + "/std.d"};
}

// The unit's flags: its command without argv[0], -c, -o OBJECT, the dependency-output flags and
// the source (the last argument).
static std::vector<std::string> unitFlags(llvm::ArrayRef<std::string> unitArgv) {
  std::vector<std::string> flags;
  if (unitArgv.size() < 2) return flags;
  llvm::ArrayRef<std::string> middle = unitArgv.drop_front().drop_back();
  for (size_t i = 0; i < middle.size(); i++) {
    llvm::StringRef a = middle[i];
    if (a == "-c" || a == "-MD" || a == "-MMD") continue;
    if (a == "-o" || a == "-MF" || a == "-MT" || a == "-MQ") {
      i++;  // and its value
      continue;
    }
    if (a.starts_with("-MF") || a.starts_with("-MT") || a.starts_with("-MQ")) continue;
    flags.push_back(a.str());
  }
  return flags;
}

std::vector<std::string> pchBuildCommand(llvm::ArrayRef<std::string> unitArgv, Language language,
                                         const PCHFiles& files) {
  std::vector<std::string> argv = {unitArgv.front()};
  for (std::string& f : unitFlags(unitArgv)) argv.push_back(std::move(f));
  argv.insert(argv.end(),
              {"-Xclang", "-fno-pch-timestamp", "-MD", "-MF", files.deps, "-o", files.pch, "-x",
               language == Language::CXX ? "c++-header" : "c-header", files.header});
  return argv;
}

std::vector<std::string> withPCH(llvm::ArrayRef<std::string> unitArgv, llvm::StringRef pch) {
  std::vector<std::string> argv(unitArgv.begin(), unitArgv.end() - 1);
  argv.insert(argv.end(), {"-include-pch", pch.str(), unitArgv.back()});
  return argv;
}

std::string pchLookupKey(llvm::StringRef compilerIdentity, llvm::ArrayRef<std::string> unitArgv,
                         const StandardPrefix& prefix) {
  // Each part with its length, so that no two different lists hash the same bytes.
  llvm::SHA256 hash;
  auto add = [&](llvm::StringRef part) {
    hash.update(std::to_string(part.size()) + ":");
    hash.update(part);
  };
  add("gocc pch 1");
  add(compilerIdentity);
  add(unitArgv.front());
  std::vector<std::string> flags = unitFlags(unitArgv);
  add(std::to_string(flags.size()));
  for (const std::string& f : flags) add(f);
  add(prefix.headerText());
  std::array<uint8_t, 32> digest = hash.final();
  return llvm::toHex(digest, /*LowerCase=*/true);
}

bool flagsIncludeFiles(llvm::ArrayRef<std::string> unitArgv) {
  return llvm::any_of(unitFlags(unitArgv), [](llvm::StringRef flag) {
    return flag.starts_with("-include") || flag.starts_with("-imacros") ||
           flag.starts_with("--include") || flag.starts_with("--imacros");
  });
}

bool flagsNameRelativePaths(llvm::ArrayRef<std::string> unitArgv) {
  static const char* const pathOptions[] = {"-I",       "-isystem", "-iquote",   "-idirafter",
                                            "-include", "-imacros", "-isysroot", "-iprefix",
                                            "-B",       "-F",       "--sysroot="};
  for (llvm::StringRef flag : unitFlags(unitArgv)) {
    if (!flag.starts_with("-")) {
      if (!flag.starts_with("/")) return true;  // a separate value: perhaps a relative path
      continue;
    }
    for (llvm::StringRef option : pathOptions) {
      llvm::StringRef value = flag;
      if (value.consume_front(option) && !value.empty() && !value.starts_with("/")) return true;
    }
  }
  return false;
}

std::vector<std::string> parseDependencyFile(llvm::StringRef text) {
  std::vector<std::string> files;
  size_t colon = text.find(": ");
  if (colon == llvm::StringRef::npos) {
    if (!text.ends_with(":")) return files;
    colon = text.size() - 1;
  }
  llvm::StringRef rest = text.drop_front(colon + 1);
  std::string current;
  for (size_t i = 0; i < rest.size(); i++) {
    char c = rest[i];
    if (c == '\\' && i + 1 < rest.size()) {
      char next = rest[i + 1];
      if (next == '\n' || (next == '\r' && i + 2 < rest.size() && rest[i + 2] == '\n')) {
        i += next == '\r' ? 2 : 1;  // a line continuation separates like a space
        if (!current.empty()) files.push_back(std::move(current));
        current.clear();
        continue;
      }
      if (next == ' ' || next == '#' || next == '\\') {
        current += next;
        i++;
        continue;
      }
    }
    if (c == '$' && i + 1 < rest.size() && rest[i + 1] == '$') {
      current += '$';
      i++;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!current.empty()) files.push_back(std::move(current));
      current.clear();
      continue;
    }
    current += c;
  }
  if (!current.empty()) files.push_back(std::move(current));
  return files;
}

bool mentionsPCH(llvm::StringRef diagnostics, const PCHFiles& files) {
  return diagnostics.contains(files.header) || diagnostics.contains(files.pch);
}
