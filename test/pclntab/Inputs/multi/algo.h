// Templates, instantiated in several units, and an inline function.
#pragma once
#include <algorithm>
#include <map>
#include <string>

namespace algo {

template <typename T>
T clampSum(const T* xs, int n, T lo, T hi) {
  T sum{};
  for (int i = 0; i < n; i++) sum += std::clamp(xs[i], lo, hi);
  return sum;
}

template <typename K, typename V>
class Counter {
public:
  void add(const K& k, V v = 1) { counts_[k] += v; }
  V get(const K& k) const {
    auto it = counts_.find(k);
    return it == counts_.end() ? V{} : it->second;
  }
  size_t size() const { return counts_.size(); }

private:
  std::map<K, V> counts_;
};

inline int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int wordCount(const std::string& text);

}  // namespace algo
