// Nothing refers to this file: its plugins are found through their section, and its
// constructor runs because .init_array is always kept.
#include <cstdio>

struct Plugin {
  const char* name;
};
__attribute__((section("gocc_plugins"), used)) const Plugin gzipPlugin = {"gzip"};
__attribute__((section("gocc_plugins"), used)) const Plugin zstdPlugin = {"zstd"};

static struct Announce {
  Announce() { std::printf("constructor in plugins.cpp\n"); }
} announce;
