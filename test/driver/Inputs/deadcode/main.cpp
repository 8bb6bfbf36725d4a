// Dead code elimination: gocc links with --gc-sections, so what nothing reaches is left out.
#include <cstdio>

struct Plugin {
  const char* name;
};
extern "C" const Plugin __start_gocc_plugins[], __stop_gocc_plugins[];

extern "C" __attribute__((noinline)) int gocc_test_used(int x) { return x * 3; }
extern "C" int gocc_test_unused(int x) { return x * 5; }  // referenced by nothing
int gocc_test_unused_data[1000] = {1};                    // nor is this

int main(int argc, char**) {
  std::printf("used %d\n", gocc_test_used(argc));
  // The plugins register themselves in a section of their own; the section is kept because
  // its __start_/__stop_ symbols are referenced, as GNU ld keeps it.
  for (const Plugin* p = __start_gocc_plugins; p != __stop_gocc_plugins; ++p)
    std::printf("plugin %s\n", p->name);
}
