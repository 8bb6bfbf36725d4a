// bench/pclntab_lookup.cpp: lookups per second of the pclntab reader (formats/pclntab.h):
// findFunc + fileLine for each address of a list, over the table read from the binary's
// .gopclntab, repeated until a second has passed.
//   pclntab_lookup BINARY ADDRFILE     (ADDRFILE: hex addresses, one a line)
// Prints "<lookups/s> <ns per lookup> <addresses found>".
#include "formats/pclntab.h"

#include <elf.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: pclntab_lookup BINARY ADDRFILE\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::string elf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (elf.size() < sizeof(Elf64_Ehdr) || std::memcmp(elf.data(), ELFMAG, SELFMAG) != 0) {
    std::fprintf(stderr, "pclntab_lookup: %s: not an ELF file\n", argv[1]);
    return 1;
  }
  const auto* eh = reinterpret_cast<const Elf64_Ehdr*>(elf.data());
  const auto* sh = reinterpret_cast<const Elf64_Shdr*>(elf.data() + eh->e_shoff);
  const char* names = elf.data() + sh[eh->e_shstrndx].sh_offset;
  std::vector<uint64_t> table;
  size_t size = 0;
  for (int i = 0; i < eh->e_shnum; i++) {
    if (std::strcmp(names + sh[i].sh_name, ".gopclntab") == 0) {
      size = sh[i].sh_size;
      table.resize(size / 8 + 1);
      std::memcpy(table.data(), elf.data() + sh[i].sh_offset, size);
    }
  }
  pclntab::Table t;
  if (const char* why = t.init(reinterpret_cast<const uint8_t*>(table.data()), size, 1)) {
    std::fprintf(stderr, "pclntab_lookup: %s: %s\n", argv[1], why);
    return 1;
  }
  std::vector<uint64_t> addrs;
  std::ifstream list(argv[2]);
  for (std::string line; std::getline(list, line);)
    addrs.push_back(std::strtoull(line.c_str(), nullptr, 16));

  using Clock = std::chrono::steady_clock;
  uint64_t lookups = 0, found = 0, sink = 0;
  auto start = Clock::now();
  double seconds = 0;
  while (seconds < 1.0) {
    for (uint64_t pc : addrs) {
      pclntab::Func f = t.findFunc(pc);
      const char* file = nullptr;
      int32_t line = 0;
      if (f.valid() && t.fileLine(f, pc, &file, &line)) {
        found++;
        sink += uint64_t(line) + uintptr_t(file) + uintptr_t(t.funcName(f));
      }
    }
    lookups += addrs.size();
    seconds = std::chrono::duration<double>(Clock::now() - start).count();
  }
  std::printf("%.0f %.1f %llu %llu\n", lookups / seconds, seconds * 1e9 / lookups,
              (unsigned long long)(found * addrs.size() / lookups), (unsigned long long)(sink & 1));
  return 0;
}
