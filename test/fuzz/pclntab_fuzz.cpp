// libFuzzer target for the pclntab reader (formats/pclntab.h), which the runtime runs on its own
// table inside signal handlers and gocc tool addr2line runs on any file: whatever the bytes,
// init/verify/findFunc/funcName/fileLine/spDelta/fileName and the inline tree's walk
// (InlineUnwinder) must stay inside the table (ASan),
// do no undefined arithmetic (UBSan) and end (every loop consumes input). Built with
// -fsanitize=fuzzer,address,undefined by test/CMakeLists.txt; test/fuzz/pclntab-fuzz.test runs
// it briefly from real tables as the seeds.
//
// An input is one byte choosing the instruction size quantum the reader is given, then the
// table: bit 2 of the byte set (a seed writes 4) is arm64's quantum 4, clear (a seed writes 1)
// the quantum 1 of amd64 and 386. The quantum decides how pc deltas scale and what the header
// must say, so with a fixed one the arm64 reading of a table would never run. The table's own
// header gives the pointer size (8, or 4 for 386).
#include "formats/pclntab.h"

#include <cstring>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  uint8_t quantum = (data[0] & 4) ? 4 : 1;
  data++;
  size--;
  // The reader requires 8-byte alignment (the linker's); copy into an exactly-sized buffer so
  // that ASan sees any read past its end.
  std::vector<uint64_t> words(size / 8 + 1);
  uint8_t* table = reinterpret_cast<uint8_t*>(words.data());
  std::memcpy(table, data, size);

  pclntab::Table t;
  if (t.init(table, size, quantum) != nullptr) return 0;
  uint64_t textStart = t.textStart();
  (void)t.verify(textStart);

  auto touch = [](const char* s) {
    if (s) (void)std::strlen(s);  // must be NUL-terminated inside the table
  };
  auto probe = [&](uint64_t pc) {
    pclntab::Func f = t.findFunc(pc);
    if (!f.valid()) return;
    touch(t.funcName(f));
    const char* file;
    int32_t line;
    if (t.fileLine(f, pc, &file, &line)) touch(file);
    (void)t.spDelta(f, pc);
    for (uint32_t k = 0; k < 4; k++) touch(t.fileName(f, k));
    // The inline tree: every frame of the chain, which must end.
    pclntab::InlineUnwinder frames(t, f, pc);
    pclntab::SourceFrame sf;
    while (frames.next(&sf)) {
      touch(sf.name);
      touch(sf.file);
    }
  };
  int64_t n = t.nfunc();
  for (int64_t i = 0; i < n && i < 256; i++) {
    pclntab::Func f = t.funcAt(i);
    if (!f.valid()) continue;
    probe(f.entry);
    probe(f.end - 1);
    probe(f.entry + (f.end - f.entry) / 2);
  }
  probe(t.minPC());
  probe(t.maxPC());
  probe(textStart + (size > 16 ? data[size - 1] * 16u : 0));
  return 0;
}
