// The multi-file program of the pclntab tests: namespaces, classes, virtual calls, templates,
// inline functions, a lambda, a static constructor and a C function.
#include <cstdio>
#include <string>

#include "algo.h"
#include "shapes.h"

extern "C" int c_helper(int x);

namespace {

struct Registry {
  Registry() { count = algo::fib(10); }  // runs as a static constructor
  int count;
};
Registry registry;

}  // namespace

static int __attribute__((noinline)) recurse(int depth) {
  if (depth == 0) return c_helper(1);
  return recurse(depth - 1) + 1;
}

int main(int argc, char** argv) {
  auto shapes = geo::makeShapes(7 + argc);
  double total = geo::totalArea(shapes);
  std::string names;
  for (auto* s : shapes) names += s->name() + " ";
  int ints[] = {5, -3, 12, 7};
  algo::Counter<int, long> c;
  for (int x : ints) c.add(x % 3);
  std::printf("total %.2f\nnames %s\nclamp %d %.1f\nwords %d\ncount %ld\nregistry %d\nrecurse %d\n",
              total, names.c_str(), algo::clampSum(ints, 4, 0, 10),
              algo::clampSum<double>(nullptr, 0, 0, 1), algo::wordCount("a b a c"), c.get(1),
              registry.count, recurse(argc + 3));
  for (auto* s : shapes) delete s;
  return 0;
}
