#include "flags.h"

#include "errors.h"

#include <cctype>

void FlagSet::addBool(llvm::StringRef name, bool& value) {
  flags.push_back({name.str(), true, [&value](llvm::StringRef text) -> std::string {
                     if (text == "true" || text == "1")
                       value = true;
                     else if (text == "false" || text == "0")
                       value = false;
                     else
                       return "parse error";
                     return "";
                   }});
}

void FlagSet::addString(llvm::StringRef name, std::string& value) {
  flags.push_back({name.str(), false, [&value](llvm::StringRef text) -> std::string {
                     value = text.str();
                     return "";
                   }});
}

void FlagSet::addPositiveInt(llvm::StringRef name, int& value) {
  flags.push_back({name.str(), false, [&value](llvm::StringRef text) -> std::string {
                     int n;
                     if (text.getAsInteger(10, n)) return "parse error";
                     if (n < 1) return "must be at least 1";
                     value = n;
                     return "";
                   }});
}

void FlagSet::addQuotedList(llvm::StringRef name, std::vector<std::string>& value) {
  flags.push_back({name.str(), false, [&value](llvm::StringRef text) -> std::string {
                     auto words = splitQuoted(text);
                     if (!words) return llvm::toString(words.takeError());
                     value = std::move(*words);
                     return "";
                   }});
}

const FlagSet::Flag* FlagSet::find(llvm::StringRef name) const {
  for (const Flag& flag : flags)
    if (flag.name == name) return &flag;
  return nullptr;
}

llvm::Expected<std::vector<std::string>> FlagSet::parse(llvm::ArrayRef<std::string> args) {
  size_t i = 0;
  while (i < args.size()) {
    llvm::StringRef arg = args[i];
    if (arg.size() < 2 || arg[0] != '-') break;  // the first non-flag argument
    ++i;
    if (arg == "--") break;
    llvm::StringRef name = arg.drop_front(arg.starts_with("--") ? 2 : 1);
    if (name.empty() || name[0] == '-' || name[0] == '=')
      return flagError("bad flag syntax: " + arg);

    auto [flagName, inlineValue] = name.split('=');
    bool hasInlineValue = name.contains('=');
    const Flag* flag = find(flagName);
    if (!flag) {
      if (flagName == "h" || flagName == "help") return flagError("");  // just the usage
      return flagError("flag provided but not defined: -" + flagName);
    }

    std::string value;
    if (hasInlineValue)
      value = inlineValue.str();
    else if (flag->isBool)
      value = "true";
    else if (i < args.size())
      value = args[i++];
    else
      return flagError("flag needs an argument: -" + flagName);

    std::string why = flag->set(value);
    if (!why.empty())
      return flagError("invalid value \"" + value + "\" for flag -" + flagName + ": " + why);
  }
  return std::vector<std::string>(args.begin() + i, args.end());
}

llvm::Expected<std::vector<std::string>> splitQuoted(llvm::StringRef s) {
  std::vector<std::string> words;
  size_t i = 0;
  while (true) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i == s.size()) return words;
    std::string word;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) {
      char c = s[i++];
      if (c != '\'' && c != '"') {
        word += c;
        continue;
      }
      size_t close = s.find(c, i);
      if (close == llvm::StringRef::npos)
        return llvm::createStringError(std::string("unterminated ") + c + " string");
      word += s.slice(i, close);
      i = close + 1;
    }
    words.push_back(std::move(word));
  }
}
