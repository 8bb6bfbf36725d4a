// modinfo.cpp — the text form of build information: BuildInfo::String writes it,
// ParseBuildInfo reads it (gocc/modinfo.h has the format), both as Go's runtime/debug/mod.go.
#include <cstdio>

#include "formats/quote.h"
#include "gocc/modinfo.h"

namespace gocc::debug {

namespace {

constexpr std::string_view kKeySpecials = "= \t\r\n\"`";
constexpr std::string_view kValueSpecials = " \t\r\n\"`";

bool containsAny(std::string_view s, std::string_view chars) {
  return s.find_first_of(chars) != s.npos;
}
bool quoteKey(std::string_view key) { return key.empty() || containsAny(key, kKeySpecials); }
bool quoteValue(std::string_view value) { return containsAny(value, kValueSpecials); }

// The length of the valid UTF-8 sequence at s[i], or 0.
size_t utf8Len(std::string_view s, size_t i, uint32_t* rune) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  uint32_t r = c & (0xff >> (n + 1));
  for (size_t k = 1; k < n; k++) {
    if ((b(i + k) & 0xc0) != 0x80) return 0;
    r = (r << 6) | (b(i + k) & 0x3f);
  }
  if ((n == 3 && r < 0x800) || (n == 4 && (r < 0x10000 || r > 0x10ffff)) ||
      (r >= 0xd800 && r <= 0xdfff))
    return 0;
  *rune = r;
  return n;
}

void appendUTF8(std::string& out, uint32_t r) {
  if (r < 0x80) {
    out += char(r);
  } else if (r < 0x800) {
    out += char(0xc0 | (r >> 6));
    out += char(0x80 | (r & 0x3f));
  } else if (r < 0x10000) {
    out += char(0xe0 | (r >> 12));
    out += char(0x80 | ((r >> 6) & 0x3f));
    out += char(0x80 | (r & 0x3f));
  } else {
    out += char(0xf0 | (r >> 18));
    out += char(0x80 | ((r >> 12) & 0x3f));
    out += char(0x80 | ((r >> 6) & 0x3f));
    out += char(0x80 | (r & 0x3f));
  }
}

}  // namespace

// Go's strconv.Quote, for the characters build settings hold. Non-ASCII text that is valid
// UTF-8 is kept (Go keeps printable runes); C1 controls and invalid bytes are escaped.
std::string goQuote(std::string_view s) {
  std::string out = "\"";
  char buf[16];
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      uint32_t r;
      size_t n = utf8Len(s, i, &r);
      if (n == 0) {
        snprintf(buf, sizeof buf, "\\x%02x", c);
        out += buf;
        i++;
      } else if (r < 0xa0) {
        snprintf(buf, sizeof buf, "\\u%04x", r);
        out += buf;
        i += n;
      } else {
        out.append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\a':
        out += "\\a";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\v':
        out += "\\v";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += char(c);
        }
    }
    i++;
  }
  return out + "\"";
}

namespace {

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Go's strconv.QuotedPrefix + Unquote: the quoted string ("..." or `...`) at the start of
// s. Sets *len to its length in s; false if s does not start with a valid one.
bool unquotePrefix(std::string_view s, std::string* out, size_t* len) {
  if (s.empty()) return false;
  out->clear();
  if (s[0] == '`') {
    size_t end = s.find('`', 1);
    if (end == s.npos) return false;
    for (char c : s.substr(1, end - 1))
      if (c != '\r') *out += c;
    *len = end + 1;
    return true;
  }
  if (s[0] != '"') return false;
  for (size_t i = 1; i < s.size();) {
    char c = s[i];
    if (c == '"') {
      *len = i + 1;
      return true;
    }
    if (c == '\n') return false;
    if (c != '\\') {
      *out += c;
      i++;
      continue;
    }
    if (i + 1 >= s.size()) return false;
    char e = s[i + 1];
    i += 2;
    switch (e) {
      case 'a':
        *out += '\a';
        break;
      case 'b':
        *out += '\b';
        break;
      case 'f':
        *out += '\f';
        break;
      case 'n':
        *out += '\n';
        break;
      case 'r':
        *out += '\r';
        break;
      case 't':
        *out += '\t';
        break;
      case 'v':
        *out += '\v';
        break;
      case '\\':
        *out += '\\';
        break;
      case '"':
        *out += '"';
        break;
      case '\'':
        return false;  // not valid inside a "..." string in Go
      case 'x':
      case 'u':
      case 'U': {
        size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        if (i + n > s.size()) return false;
        uint32_t v = 0;
        for (size_t k = 0; k < n; k++) {
          int d = hexDigit(s[i + k]);
          if (d < 0) return false;
          v = v * 16 + uint32_t(d);
        }
        i += n;
        if (e == 'x') {
          *out += char(v);
        } else {
          if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return false;
          appendUTF8(*out, v);
        }
        break;
      }
      default: {
        if (e < '0' || e > '7' || i + 2 > s.size()) return false;
        uint32_t v = uint32_t(e - '0');
        for (size_t k = 0; k < 2; k++) {
          char d = s[i + k];
          if (d < '0' || d > '7') return false;
          v = v * 8 + uint32_t(d - '0');
        }
        if (v > 255) return false;
        i += 2;
        *out += char(v);
      }
    }
  }
  return false;  // no closing quote
}

std::vector<std::string_view> splitTabs(std::string_view s) {
  std::vector<std::string_view> out;
  for (;;) {
    size_t t = s.find('\t');
    out.push_back(s.substr(0, t));
    if (t == s.npos) return out;
    s.remove_prefix(t + 1);
  }
}

void formatModule(std::string& out, std::string_view word, const Module& m) {
  out.append(word).append("\t").append(m.Path).append("\t").append(m.Version);
  if (m.Replace) {
    out += '\n';
    formatModule(out, "=>", *m.Replace);
  } else {
    out.append("\t").append(m.Sum);
  }
  out += '\n';
}

}  // namespace

std::string BuildInfo::String() const {
  std::string out;
  if (!GoVersion.empty()) out.append("go\t").append(GoVersion).append("\n");
  if (!Path.empty()) out.append("path\t").append(Path).append("\n");
  if (!Main.Path.empty() || !Main.Version.empty() || !Main.Sum.empty() || Main.Replace)
    formatModule(out, "mod", Main);
  for (const Module& dep : Deps) formatModule(out, "dep", dep);
  for (const BuildSetting& s : Settings) {
    out.append("build\t");
    out.append(quoteKey(s.Key) ? goQuote(s.Key) : s.Key);
    out += '=';
    out.append(quoteValue(s.Value) ? goQuote(s.Value) : s.Value);
    out += '\n';
  }
  return out;
}

std::optional<BuildInfo> ParseBuildInfo(std::string_view data, std::string* err) {
  int lineNum = 1;
  auto fail = [&](const std::string& why) -> std::optional<BuildInfo> {
    if (err) *err = "could not parse Go build info: line " + std::to_string(lineNum) + ": " + why;
    return std::nullopt;
  };
  auto readModule = [&](std::string_view rest, Module* m, std::string* why) {
    std::vector<std::string_view> elem = splitTabs(rest);
    if (elem.size() != 2 && elem.size() != 3) {
      *why = "expected 2 or 3 columns; got " + std::to_string(elem.size());
      return false;
    }
    *m = Module{std::string(elem[0]), std::string(elem[1]),
                elem.size() == 3 ? std::string(elem[2]) : "", nullptr};
    return true;
  };
  auto startsWith = [](std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
  };

  BuildInfo bi;
  Module* last = nullptr;
  std::string why;
  while (!data.empty()) {
    size_t nl = data.find('\n');
    if (nl == data.npos) break;  // Go ignores a last line without a newline
    std::string_view line = data.substr(0, nl);
    data.remove_prefix(nl + 1);
    if (startsWith(line, "path\t")) {
      bi.Path = std::string(line.substr(5));
    } else if (startsWith(line, "mod\t")) {
      last = &bi.Main;
      if (!readModule(line.substr(4), last, &why)) return fail(why);
    } else if (startsWith(line, "dep\t")) {
      bi.Deps.emplace_back();
      last = &bi.Deps.back();
      if (!readModule(line.substr(4), last, &why)) return fail(why);
    } else if (startsWith(line, "=>\t")) {
      std::vector<std::string_view> elem = splitTabs(line.substr(3));
      if (elem.size() != 3)
        return fail("expected 3 columns for replacement; got " + std::to_string(elem.size()));
      if (!last) return fail("replacement with no module on previous line");
      last->Replace = std::make_shared<const Module>(
          Module{std::string(elem[0]), std::string(elem[1]), std::string(elem[2]), nullptr});
      last = nullptr;
    } else if (startsWith(line, "build\t")) {
      std::string_view kv = line.substr(6);
      if (kv.empty()) return fail("build line missing '='");
      std::string key, value;
      std::string_view rawValue;
      if (kv[0] == '=') return fail("build line with missing key");
      if (kv[0] == '`' || kv[0] == '"') {
        size_t n;
        if (!unquotePrefix(kv, &key, &n)) return fail("invalid quoted key in build line");
        if (n == kv.size()) return fail("build line missing '=' after quoted key");
        if (kv[n] != '=')
          return fail(std::string("unexpected character after quoted key: '") + kv[n] + "'");
        rawValue = kv.substr(n + 1);
      } else {
        size_t eq = kv.find('=');
        if (eq == kv.npos) return fail("build line missing '=' after key");
        key = std::string(kv.substr(0, eq));
        if (quoteKey(key)) return fail("unquoted key \"" + key + "\" must be quoted");
        rawValue = kv.substr(eq + 1);
      }
      if (!rawValue.empty()) {
        if (rawValue[0] == '`' || rawValue[0] == '"') {
          size_t n;
          if (!unquotePrefix(rawValue, &value, &n) || n != rawValue.size())
            return fail("invalid quoted value in build line");
        } else {
          value = std::string(rawValue);
          if (quoteValue(value)) return fail("unquoted value \"" + value + "\" must be quoted");
        }
      }
      bi.Settings.push_back(BuildSetting{std::move(key), std::move(value)});
    }
    lineNum++;
  }
  return bi;
}

}  // namespace gocc::debug
