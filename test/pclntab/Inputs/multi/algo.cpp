#include "algo.h"

#include <sstream>

namespace algo {

int wordCount(const std::string& text) {
  std::istringstream in(text);
  Counter<std::string, int> words;
  for (std::string w; in >> w;) words.add(w);
  return int(words.size());
}

// An explicit instantiation in this unit, another implicit one in main.cpp.
template double clampSum<double>(const double*, int, double, double);

}  // namespace algo
