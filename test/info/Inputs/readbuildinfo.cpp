// Prints what ReadBuildInfo finds, in Go's text form.
#include <gocc/debug.h>
#include <gocc/runtime.h>

#include <cstdio>

int main() {
  auto bi = gocc::debug::ReadBuildInfo();
  if (!bi) {
    std::puts("no build info");
    return 1;
  }
  std::fputs(bi->String().c_str(), stdout);
  std::printf("Version() %s\n", gocc::runtime::Version());
}
