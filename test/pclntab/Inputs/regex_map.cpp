// Template-heavy code: <regex> and <map> inline thousands of calls of header templates.
#include <iostream>
#include <map>
#include <regex>
#include <string>
int main(int argc, char** argv) {
  std::map<std::string, int> counts;
  std::regex word("[a-z]+");
  std::string text = argc > 1 ? argv[1] : "the quick brown fox jumps over the lazy dog the end";
  for (auto it = std::sregex_iterator(text.begin(), text.end(), word); it != std::sregex_iterator();
       ++it)
    counts[it->str()]++;
  for (auto& [w, n] : counts) std::cout << w << " " << n << "\n";
}
