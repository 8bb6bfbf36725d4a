// bench/tailcalls.cpp: workloads whose calls are often in tail position, for bench/tailcalls.sh:
//   interp   a tree-walking interpreter: eval() ends in calls to the node kinds' own eval
//   sortmap  std::sort and std::map<std::string, int>: the library's usual template code
//   parse    a recursive-descent parser of arithmetic expressions (parse_x returns parse_y)
// Each prints its result (so that nothing is optimised away) and its wall time in ms.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

struct Node {
  virtual ~Node() = default;
  virtual long eval(long x) const = 0;
};
struct Const : Node {
  long v;
  explicit Const(long v) : v(v) {}
  long eval(long) const override { return v; }
};
struct Var : Node {
  long eval(long x) const override { return x; }
};
struct Add : Node {
  std::unique_ptr<Node> a, b;
  Add(std::unique_ptr<Node> a, std::unique_ptr<Node> b) : a(std::move(a)), b(std::move(b)) {}
  long eval(long x) const override { return a->eval(x) + b->eval(x); }
};
struct Mul : Node {
  std::unique_ptr<Node> a, b;
  Mul(std::unique_ptr<Node> a, std::unique_ptr<Node> b) : a(std::move(a)), b(std::move(b)) {}
  long eval(long x) const override { return a->eval(x) * b->eval(x) % 1000003; }
};
struct Neg : Node {  // its eval is a call in tail position
  std::unique_ptr<Node> a;
  explicit Neg(std::unique_ptr<Node> a) : a(std::move(a)) {}
  long eval(long x) const override { return a->eval(-x); }
};

std::unique_ptr<Node> tree(std::mt19937& rng, int depth) {
  if (depth == 0) {
    if (rng() % 2) return std::make_unique<Var>();
    return std::make_unique<Const>(long(rng() % 100));
  }
  switch (rng() % 3) {
    case 0:
      return std::make_unique<Add>(tree(rng, depth - 1), tree(rng, depth - 1));
    case 1:
      return std::make_unique<Mul>(tree(rng, depth - 1), tree(rng, depth - 1));
    default:
      return std::make_unique<Neg>(tree(rng, depth - 1));
  }
}

long interp() {
  std::mt19937 rng(1);
  auto t = tree(rng, 14);
  long sum = 0;
  for (long x = 0; x < 5000; x++) sum += t->eval(x);
  return sum;
}

long sortmap() {
  std::mt19937 rng(2);
  std::vector<std::string> words;
  for (int i = 0; i < 200000; i++) words.push_back(std::to_string(rng() % 50000));
  std::sort(words.begin(), words.end());
  std::map<std::string, int> counts;
  for (const auto& w : words) counts[w]++;
  long sum = 0;
  for (const auto& [w, n] : counts) sum += long(w.size()) * n;
  return sum;
}

// expr := term ('+' term)*; term := factor ('*' factor)*; factor := digit | '(' expr ')' | '-'
// factor
struct Parser {
  const char* p;
  long expr();
  long term();
  long factor();
  long unary() { return -factor(); }  // tail position
};
long Parser::factor() {
  if (*p == '-') {
    p++;
    return unary();  // tail position
  }
  if (*p == '(') {
    p++;
    long v = expr();
    p++;
    return v;
  }
  return *p++ - '0';
}
long Parser::term() {
  long v = factor();
  while (*p == '*') {
    p++;
    v = v * factor() % 1000003;
  }
  return v;
}
long Parser::expr() {
  long v = term();
  while (*p == '+') {
    p++;
    v += term();
  }
  return v;
}

long parse() {
  std::string text;
  std::mt19937 rng(3);
  for (int i = 0; i < 2000; i++) {
    if (i) text += "+";
    text += "(-" + std::to_string(rng() % 10) + "*(" + std::to_string(rng() % 10) + "+-" +
            std::to_string(rng() % 10) + "))";
  }
  long sum = 0;
  for (int i = 0; i < 3000; i++) {
    Parser ps{text.c_str()};
    sum += ps.expr();
  }
  return sum;
}

}  // namespace

int main(int argc, char** argv) {
  struct {
    const char* name;
    long (*run)();
  } work[] = {{"interp", interp}, {"sortmap", sortmap}, {"parse", parse}};
  for (auto& w : work) {
    if (argc > 1 && std::strcmp(argv[1], w.name) != 0) continue;
    auto t0 = std::chrono::steady_clock::now();
    long r = w.run();
    auto t1 = std::chrono::steady_clock::now();
    std::printf("%s %ld %.3f\n", w.name, r,
                std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
}
