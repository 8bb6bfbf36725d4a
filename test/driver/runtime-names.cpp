// A program may use the names gocc's runtime uses inside: the runtime's internals are local
// symbols of libgoccrt.a (runtime/CMakeLists.txt), so a program's own runtime::ncpu,
// pclntab::Table or main_main does not clash with them at link time, and each side keeps
// its own. (They were global, and this program failed to link with duplicate symbols.)
// Nor do the internals the runtime's unit tests call (its channels, allgadd, the GOTRACEBACK
// parser): programs, lit tests among them, use the public API.
// RUN: %gocc build -o %t %s
// RUN: %t | FileCheck %s
// CHECK: runtime::ncpu 7, runtime::debug 1, argc 5
// CHECK-NEXT: pclntab::Table::init 42
// CHECK-NEXT: main_main 3
// CHECK-NEXT: runtime::makechan 4, chansend 4, chanrecv 1, gotraceback 9
// CHECK-NEXT: gocc::runtime::NumCPU() >= 1: 1
#include <gocc/runtime.h>

#include <cstdio>
#include <string_view>

namespace runtime {
int ncpu = 7;
bool debug = true;
int argc = 5;
void throw_(const char* s) { std::printf("%s\n", s); }

struct hchan {
  int n;
};
hchan* makechan(unsigned n, unsigned) { return new hchan{int(n)}; }
int chansend(hchan* c, void*, bool) { return c->n; }
bool chanrecv(hchan*, void*, bool block, bool*) { return block; }
struct g;
void allgadd(g*) {}
void setTraceback(std::string_view) {}
enum class throwType { panic };
int gotraceback(throwType) { return 9; }
}  // namespace runtime

namespace pclntab {
struct Table {
  int init(const unsigned char*, unsigned long);
};
int Table::init(const unsigned char*, unsigned long) { return 42; }
}  // namespace pclntab

extern "C" int main_main() { return 3; }

int main() {
  std::printf("runtime::ncpu %d, runtime::debug %d, argc %d\n", runtime::ncpu, runtime::debug,
              runtime::argc);
  std::printf("pclntab::Table::init %d\n", pclntab::Table().init(nullptr, 0));
  std::printf("main_main %d\n", main_main());
  runtime::hchan* c = runtime::makechan(4, 0);
  runtime::allgadd(nullptr);
  runtime::setTraceback("all");
  std::printf("runtime::makechan %d, chansend %d, chanrecv %d, gotraceback %d\n", c->n,
              runtime::chansend(c, nullptr, true), runtime::chanrecv(c, nullptr, true, nullptr),
              runtime::gotraceback(runtime::throwType::panic));
  std::printf("gocc::runtime::NumCPU() >= 1: %d\n", gocc::runtime::NumCPU() >= 1);
}
