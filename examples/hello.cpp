// hello.cpp: the smallest gocc program. `gocc run examples/hello.cpp` builds and runs it;
// try GODEBUG=inittrace=1 or GODEBUG=schedtrace=1 to watch the runtime start.
#include <gocc/runtime.h>

#include <iostream>

int main(int argc, char** argv) {
  std::cout << "hello, world from " << gocc::runtime::Version()
            << " with GOMAXPROCS=" << gocc::runtime::GOMAXPROCS(0) << "\n";
  for (int i = 1; i < argc; i++) std::cout << "arg: " << argv[i] << "\n";
}
