// The pclntab encoder (formats/pclntab_encode.h) against the reader (formats/pclntab.h): the
// varints, the pc-value encoding (Go's own example bytes), the layout Go's linker uses, a
// round trip of many random functions over several compilation units, deduplication, and the
// reader's refusal of corrupt headers.
#include "formats/pclntab.h"
#include "formats/pclntab_encode.h"

#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <random>

namespace {

using pclntab::CUInput;
using pclntab::FuncInput;
using pclntab::PclnInput;
using pclntab::PCRange;

// The reader wants the table 8-aligned, as the linker places it.
struct Aligned {
  std::vector<uint64_t> words;
  size_t size;
  explicit Aligned(const std::vector<uint8_t>& bytes)
      : words((bytes.size() + 7) / 8), size(bytes.size()) {
    std::memcpy(words.data(), bytes.data(), bytes.size());
  }
  const uint8_t* data() const { return reinterpret_cast<const uint8_t*>(words.data()); }
  uint8_t* data() { return reinterpret_cast<uint8_t*>(words.data()); }
};

// Encodes in and loads the table from *storage, which must outlive t (the table reads it in
// place); fails the test on an error. Call through ASSERT_NO_FATAL_FAILURE.
void encodeAndLoad(const PclnInput& in, std::optional<Aligned>* storage, pclntab::Table* t) {
  std::string error;
  std::vector<uint8_t> bytes = pclntab::encodePclntab(in, &error);
  ASSERT_FALSE(bytes.empty()) << error;
  storage->emplace(bytes);
  ASSERT_EQ(t->init((*storage)->data(), (*storage)->size, in.minLC), nullptr);
}

TEST(PclntabVarint, RoundTrip) {
  for (uint32_t v : {0u, 1u, 127u, 128u, 300u, 16383u, 16384u, 0x0fffffffu, 0xffffffffu}) {
    std::vector<uint8_t> buf;
    pclntab::appendUvarint(buf, v);
    const uint8_t* p = buf.data();
    uint32_t got = 0;
    ASSERT_TRUE(pclntab::readUvarint(&p, buf.data() + buf.size(), &got));
    EXPECT_EQ(got, v);
    EXPECT_EQ(p, buf.data() + buf.size());
  }
  // Go's encoding of 300: ac 02.
  std::vector<uint8_t> buf;
  pclntab::appendUvarint(buf, 300);
  EXPECT_EQ(buf, (std::vector<uint8_t>{0xac, 0x02}));
  // Truncated and over-long varints are refused.
  const uint8_t truncated[] = {0x80, 0x80};
  const uint8_t* p = truncated;
  uint32_t v;
  EXPECT_FALSE(pclntab::readUvarint(&p, truncated + 2, &v));
  const uint8_t tooLong[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x01};
  p = tooLong;
  EXPECT_FALSE(pclntab::readUvarint(&p, tooLong + 6, &v));
}

TEST(PclntabVarint, ZigZag) {
  for (int32_t v : {0, 1, -1, 2, -2, 100, -100, INT32_MAX, INT32_MIN})
    EXPECT_EQ(pclntab::unzigzag(pclntab::zigzag(v)), v) << v;
  EXPECT_EQ(pclntab::zigzag(0), 0u);
  EXPECT_EQ(pclntab::zigzag(-1), 1u);
  EXPECT_EQ(pclntab::zigzag(1), 2u);
  EXPECT_EQ(pclntab::zigzag(13), 26u);
}

TEST(PclntabPCValue, GoExample) {
  // docs/pclntab.md's example, checked with Go's tools: line 3 for [0,4), 103 for [4,8).
  auto t = pclntab::encodePCValue(0x1000, 0x1008, {{0x1000, 0x1004, 3}, {0x1004, 0x1008, 103}});
  EXPECT_EQ(t, (std::vector<uint8_t>{0x08, 0x04, 0xc8, 0x01, 0x04, 0x00}));
  // File index 0 over the whole function: delta +1 from -1.
  EXPECT_EQ(pclntab::encodePCValue(0, 16, {{0, 16, 0}}), (std::vector<uint8_t>{0x02, 0x10, 0x00}));
  // Nothing known: a first pair with value delta 0 (allowed only first) covers it all.
  EXPECT_EQ(pclntab::encodePCValue(0, 300, {}), (std::vector<uint8_t>{0x00, 0xac, 0x02, 0x00}));
  // Gaps read as -1 and equal neighbours merge, so no later pair has a zero value delta.
  auto g = pclntab::encodePCValue(0, 10, {{0, 2, 5}, {2, 4, 5}, {6, 10, 7}});
  EXPECT_EQ(g, (std::vector<uint8_t>{12, 4, 11, 2, 16, 4, 0}));  // +6, -6, +8
}

// n functions with random lines/files/sp over ncu units, some without lines.
PclnInput randomProgram(unsigned seed, int n, int ncu) {
  std::mt19937 rng(seed);
  PclnInput in;
  in.textStart = 0x401000;
  for (int c = 0; c < ncu; c++) {
    CUInput cu;
    int nfiles = 1 + int(rng() % 5);
    for (int f = 0; f < nfiles; f++)
      cu.files.push_back("/src/cu" + std::to_string(c) + "/file" + std::to_string(f % 3) +
                         (f % 2 ? ".h" : ".cpp"));
    in.cus.push_back(cu);
  }
  uint64_t pc = in.textStart + rng() % 64;
  for (int i = 0; i < n; i++) {
    FuncInput f;
    f.entry = pc;
    f.end = pc + 1 + rng() % 400;
    f.name = "ns" + std::to_string(i % 7) + "::f" + std::to_string(i) + "(int)";
    if (rng() % 5 != 0) {
      f.cu = rng() % ncu;
      uint64_t at = f.entry + rng() % 3;
      while (at < f.end) {
        uint64_t end = std::min<uint64_t>(f.end, at + 1 + rng() % 40);
        if (rng() % 4 != 0) {  // leave some gaps
          int32_t file = int32_t(rng() % in.cus[f.cu].files.size());
          f.file.push_back({at, end, file});
          f.line.push_back({at, end, int32_t(rng() % 5000)});
        }
        at = end;
      }
    }
    if (rng() % 3 != 0)
      f.sp.push_back({f.entry, f.end - (f.end - f.entry) / 2, int32_t(rng() % 256) * 8});
    pc = f.end + rng() % 16;
    f.end = (i + 1 < n) ? pc : f.end;  // tables cover up to the next entry
    in.funcs.push_back(f);
  }
  return in;
}

int32_t expected(const std::vector<PCRange>& ranges, uint64_t pc) {
  for (const PCRange& r : ranges)
    if (r.start <= pc && pc < r.end) return r.value;
  return -1;
}

TEST(Pclntab, RoundTripManyFunctions) {
  PclnInput in = randomProgram(42, 3000, 9);
  std::optional<Aligned> table;
  pclntab::Table t;
  ASSERT_NO_FATAL_FAILURE(encodeAndLoad(in, &table, &t));
  ASSERT_EQ(t.verify(in.textStart), nullptr);
  EXPECT_EQ(t.nfunc(), 3000);
  EXPECT_EQ(t.minPC(), in.funcs.front().entry);
  EXPECT_EQ(t.maxPC(), in.funcs.back().end);
  EXPECT_FALSE(t.findFunc(in.funcs.front().entry - 1).valid());
  EXPECT_FALSE(t.findFunc(in.funcs.back().end).valid());

  std::mt19937 rng(7);
  for (const FuncInput& f : in.funcs) {
    for (int k = 0; k < 6; k++) {
      uint64_t pc = k == 0 ? f.entry : k == 1 ? f.end - 1 : f.entry + rng() % (f.end - f.entry);
      pclntab::Func got = t.findFunc(pc);
      ASSERT_TRUE(got.valid()) << std::hex << pc;
      EXPECT_EQ(got.entry, f.entry);
      EXPECT_EQ(got.end, f.end);
      EXPECT_STREQ(t.funcName(got), f.name.c_str());
      int32_t line = t.pcValue(got, got.rec->pcln, pc);
      int32_t file = t.pcValue(got, got.rec->pcfile, pc);
      EXPECT_EQ(line, expected(f.line, pc));
      EXPECT_EQ(file, expected(f.file, pc));
      if (file >= 0) {
        const char* name = t.fileName(got, uint32_t(file));
        ASSERT_NE(name, nullptr);
        EXPECT_EQ(name, in.cus[f.cu].files[file]);
        const char* fileOut;
        int32_t lineOut;
        ASSERT_TRUE(t.fileLine(got, pc, &fileOut, &lineOut));
        EXPECT_STREQ(fileOut, name);
        EXPECT_EQ(lineOut, line);
      }
      EXPECT_EQ(t.spDelta(got, pc), f.sp.empty() ? -1 : expected(f.sp, pc));
    }
    if (f.cu == pclntab::kNoCU) EXPECT_EQ(t.findFunc(f.entry).rec->cuOffset, pclntab::kNoCU);
    if (f.sp.empty()) EXPECT_EQ(t.findFunc(f.entry).rec->pcsp, 0u);  // "no table"
  }
}

// arm64's form: pc deltas count 4-byte instructions (minLC 4, the header says so), and a
// reader expecting another quantum refuses the table.
TEST(Pclntab, QuantumFour) {
  PclnInput in;
  in.textStart = 0x1000;
  in.minLC = 4;
  in.cus.push_back({{"/a.cpp"}});
  FuncInput f;
  f.entry = 0x1000;
  f.end = 0x1010;
  f.name = "f";
  f.cu = 0;
  f.file = {{0x1000, 0x1010, 0}};
  f.line = {{0x1000, 0x1004, 3}, {0x1004, 0x1010, 103}};
  in.funcs = {f};
  // docs/pclntab.md's example with arm64's units: +4 for 1 instruction, +100 for 3.
  EXPECT_EQ(pclntab::encodePCValue(f.entry, f.end, f.line, 4),
            (std::vector<uint8_t>{0x08, 0x01, 0xc8, 0x01, 0x03, 0x00}));
  std::optional<Aligned> table;
  pclntab::Table t;
  ASSERT_NO_FATAL_FAILURE(encodeAndLoad(in, &table, &t));
  EXPECT_EQ(t.header()->minLC, 4);
  pclntab::Func fn = t.findFunc(0x100c);
  ASSERT_TRUE(fn.valid());
  EXPECT_EQ(t.pcValue(fn, fn.rec->pcln, 0x1000), 3);
  EXPECT_EQ(t.pcValue(fn, fn.rec->pcln, 0x1004), 103);
  EXPECT_EQ(t.pcValue(fn, fn.rec->pcln, 0x100c), 103);
  pclntab::Table amd64;
  EXPECT_STREQ(amd64.init(table->data(), table->size, 1), "bad instruction size quantum");
  EXPECT_STREQ(amd64.init(table->data(), table->size, 0), "bad instruction size quantum");

  // A pc between instructions cannot be expressed, nor a quantum other than 1 or 4.
  std::string error;
  in.funcs[0].line = {{0x1000, 0x1002, 3}, {0x1002, 0x1010, 103}};
  EXPECT_TRUE(pclntab::encodePclntab(in, &error).empty());
  EXPECT_NE(error.find("pc range"), std::string::npos) << error;
  in.funcs[0].line = f.line;
  in.minLC = 2;
  EXPECT_TRUE(pclntab::encodePclntab(in, &error).empty());
  EXPECT_EQ(error, "bad instruction size quantum");
}

TEST(Pclntab, Deterministic) {
  std::string error;
  auto a = pclntab::encodePclntab(randomProgram(3, 500, 4), &error);
  auto b = pclntab::encodePclntab(randomProgram(3, 500, 4), &error);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
}

TEST(Pclntab, LayoutAsGoLinker) {
  PclnInput in = randomProgram(5, 200, 3);
  std::string error;
  auto bytes = pclntab::encodePclntab(in, &error);
  ASSERT_FALSE(bytes.empty());
  pclntab::Header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  EXPECT_EQ(h.magic, 0xfffffff0u);
  EXPECT_EQ(h.pad1 | h.pad2, 0);
  EXPECT_EQ(h.minLC, 1);
  EXPECT_EQ(h.ptrSize, 8);
  EXPECT_EQ(h.textStart, in.textStart);
  // After the 72-byte header, funcnametab (more than 32 bytes) sits at 32-byte alignment.
  EXPECT_EQ(h.funcnameOffset, 0x60u);
  uint64_t offs[] = {h.funcnameOffset, h.cuOffset, h.filetabOffset, h.pctabOffset, h.pclnOffset};
  for (int i = 0; i < 5; i++) {
    EXPECT_EQ(offs[i] % 8, 0u) << i;
    if (i > 0) EXPECT_LT(offs[i - 1], offs[i]);
  }
  EXPECT_EQ(bytes.size() % 8, 0u);
  EXPECT_EQ(bytes[h.pctabOffset], 0);  // the reserved padding byte
  // filetab: exactly nfiles packed strings from its start.
  const char* p = reinterpret_cast<const char*>(&bytes[h.filetabOffset]);
  for (uint64_t i = 0; i < h.nfiles; i++) {
    ASSERT_GT(std::strlen(p), 0u);
    p += std::strlen(p) + 1;
  }
  // The first record follows the functab pairs and end entry, 8-aligned.
  uint32_t funcoff0;
  std::memcpy(&funcoff0, &bytes[h.pclnOffset + 4], 4);
  EXPECT_EQ(funcoff0, (200 * 2 + 1) * 4 + 4u);
}

// A 386 table (4-byte pointers): the header's eight words are 4 bytes each, 40 bytes in all,
// and the reader finds the same functions, names and lines as in the 8-byte table of the
// same program; only the header differs between the two.
TEST(Pclntab, FourBytePointers) {
  PclnInput in = randomProgram(9, 300, 3);
  std::optional<Aligned> wide, narrow;
  pclntab::Table t8, t4;
  ASSERT_NO_FATAL_FAILURE(encodeAndLoad(in, &wide, &t8));
  in.ptrSize = 4;
  ASSERT_NO_FATAL_FAILURE(encodeAndLoad(in, &narrow, &t4));
  ASSERT_EQ(t4.verify(in.textStart), nullptr);
  const uint8_t* b = narrow->data();
  EXPECT_EQ(b[7], 4);
  uint32_t words[8];
  std::memcpy(words, b + 8, sizeof words);
  EXPECT_EQ(words[0], 300u);                    // nfunc
  EXPECT_EQ(words[2], uint32_t(in.textStart));  // textStart
  EXPECT_EQ(words[3], 0x40u);                   // funcnametab: after 40 bytes, 32-aligned
  EXPECT_EQ(t4.header()->funcnameOffset, 0x40u);
  EXPECT_EQ(t4.nfiles(), t8.nfiles());
  for (const FuncInput& f : in.funcs) {
    pclntab::Func a = t8.findFunc(f.entry), c = t4.findFunc(f.entry);
    ASSERT_TRUE(c.valid());
    EXPECT_EQ(c.end, a.end);
    EXPECT_STREQ(t4.funcName(c), t8.funcName(a));
    EXPECT_EQ(t4.pcValue(c, c.rec->pcln, f.entry), t8.pcValue(a, a.rec->pcln, f.entry));
  }
  // A 4-byte table is refused where its words do not fit, and a pointer size of 2 always.
  std::string error;
  in.ptrSize = 2;
  EXPECT_TRUE(pclntab::encodePclntab(in, &error).empty());
  EXPECT_EQ(error, "pointer size not 4 or 8");
  in.ptrSize = 4;
  uint64_t shift = uint64_t(1) << 32;
  in.textStart += shift;
  for (FuncInput& f : in.funcs) {
    f.entry += shift;
    f.end += shift;
    for (auto* ranges : {&f.file, &f.line, &f.sp})
      for (PCRange& r : *ranges) r.start += shift, r.end += shift;
  }
  EXPECT_TRUE(pclntab::encodePclntab(in, &error).empty());
  EXPECT_EQ(error, "text start or table beyond 4-byte pointers");
  in.ptrSize = 8;
  EXPECT_FALSE(pclntab::encodePclntab(in, &error).empty());
}

TEST(Pclntab, Dedup) {
  PclnInput in;
  in.textStart = 0x1000;
  in.cus.push_back({{"/a.cpp", "/b.h"}});
  in.cus.push_back({{"/b.h", "/a.cpp"}});  // same files, other order: cutab differs, filetab not
  for (int i = 0; i < 4; i++) {
    FuncInput f;
    f.entry = 0x1000 + i * 0x10;
    f.end = f.entry + 0x10;
    f.name = i % 2 ? "same" : "f" + std::to_string(i);
    f.cu = i % 2;
    f.file = {{f.entry, f.end, 0}};
    f.line = {{f.entry, f.end, 7}};
    in.funcs.push_back(f);
  }
  std::optional<Aligned> table;
  pclntab::Table t;
  ASSERT_NO_FATAL_FAILURE(encodeAndLoad(in, &table, &t));
  EXPECT_EQ(t.nfiles(), 2u);
  auto f0 = t.funcAt(0), f1 = t.funcAt(1), f3 = t.funcAt(3);
  EXPECT_EQ(f0.rec->pcln, f1.rec->pcln);  // one line table for all four
  EXPECT_EQ(f0.rec->pcfile, f3.rec->pcfile);
  EXPECT_EQ(f1.rec->nameoff, f3.rec->nameoff);  // "same" stored once
  EXPECT_NE(f0.rec->cuOffset, f1.rec->cuOffset);
  EXPECT_STREQ(t.fileName(f0, 0), "/a.cpp");
  EXPECT_STREQ(t.fileName(f1, 0), "/b.h");
  // pctab: the padding byte, then one file table and one line table (3 bytes each).
  for (int i = 0; i < 4; i++) {
    EXPECT_EQ(t.funcAt(i).rec->pcfile, 1u);
    EXPECT_EQ(t.funcAt(i).rec->pcln, 4u);
  }
}

TEST(Pclntab, EncoderRefusesBadInput) {
  std::string error;
  PclnInput in;
  in.textStart = 0x1000;
  in.cus.push_back({{"/a.cpp"}});
  FuncInput f;
  f.entry = 0x1010;
  f.end = 0x1020;
  f.name = "f";
  in.funcs = {f, f};
  EXPECT_TRUE(pclntab::encodePclntab(in, &error).empty());
  EXPECT_NE(error.find("not sorted"), std::string::npos) << error;

  in.funcs = {f};
  in.funcs[0].cu = 0;
  in.funcs[0].file = {{0x1010, 0x1020, 1}};
  EXPECT_TRUE(pclntab::encodePclntab(in, &error).empty());
  EXPECT_NE(error.find("file index"), std::string::npos) << error;

  in.funcs[0].file = {{0x1000, 0x1020, 0}};
  EXPECT_TRUE(pclntab::encodePclntab(in, &error).empty());
  EXPECT_NE(error.find("outside"), std::string::npos) << error;

  in.funcs[0].file.clear();
  in.funcs[0].entry = 0x800;
  EXPECT_TRUE(pclntab::encodePclntab(in, &error).empty());
  EXPECT_NE(error.find("bad range"), std::string::npos) << error;

  // Inline trees: an index past the tree, a parent not below its entry (a cycle), a parentPc
  // outside the function, a call site's file outside the unit.
  in.funcs[0].entry = 0x1010;
  in.funcs[0].inlineTree = {{-1, "g", 0, 1, 0}};
  in.funcs[0].inlineIndex = {{0x1010, 0x1018, 0}};
  EXPECT_FALSE(pclntab::encodePclntab(in, &error).empty()) << error;
  in.funcs[0].inlineIndex = {{0x1010, 0x1018, 1}};
  EXPECT_TRUE(pclntab::encodePclntab(in, &error).empty());
  EXPECT_NE(error.find("inline index out of its tree"), std::string::npos) << error;
  in.funcs[0].inlineIndex = {{0x1010, 0x1018, 0}};
  in.funcs[0].inlineTree[0].parent = 0;
  EXPECT_TRUE(pclntab::encodePclntab(in, &error).empty());
  EXPECT_NE(error.find("inlined call 0"), std::string::npos) << error;
  in.funcs[0].inlineTree[0].parent = -1;
  in.funcs[0].inlineTree[0].parentPc = 0x10;
  EXPECT_TRUE(pclntab::encodePclntab(in, &error).empty());
  in.funcs[0].inlineTree[0].parentPc = 0;
  in.funcs[0].inlineTree[0].file = 1;
  EXPECT_TRUE(pclntab::encodePclntab(in, &error).empty());
}

// A function with three nested inlined calls and a sibling: the inline index, the tree's
// entries and InlineUnwinder's chain, innermost first.
TEST(Pclntab, InlineTree) {
  PclnInput in;
  in.textStart = 0x1000;
  in.cus.push_back({{"/a.cpp", "/b.h"}});
  FuncInput f;
  f.entry = 0x1000;
  f.end = 0x1040;
  f.name = "outer(int)";
  f.cu = 0;
  f.file = {{0x1000, 0x1040, 0}};
  f.line = {{0x1000, 0x1010, 10}, {0x1010, 0x1020, 20}, {0x1020, 0x1030, 30}, {0x1030, 0x1040, 40}};
  f.inlineTree = {{-1, "a()", 0, 11, 0x0},
                  {0, "b()", 1, 21, 0x10},
                  {1, "c()", 1, 31, 0x18},
                  {-1, "d()", 0, 12, 0x4}};
  f.inlineIndex = {
      {0x1010, 0x1020, 0}, {0x1020, 0x1028, 1}, {0x1028, 0x1030, 2}, {0x1030, 0x1040, 3}};
  in.funcs = {f};
  std::optional<Aligned> table;
  pclntab::Table t;
  ASSERT_NO_FATAL_FAILURE(encodeAndLoad(in, &table, &t));
  ASSERT_EQ(t.verify(in.textStart), nullptr);
  pclntab::Func fn = t.findFunc(0x1000);
  EXPECT_EQ(fn.rec->npcdata, 3u);
  EXPECT_EQ(fn.rec->nfuncdata, 4u);
  for (uint32_t k : {0u, 1u, 2u}) EXPECT_EQ(t.funcdataOffset(fn, k), pclntab::kNoFuncData);
  EXPECT_EQ(t.inlineIndex(fn, 0x1008), -1);
  EXPECT_EQ(t.inlineIndex(fn, 0x102a), 2);
  pclntab::InlinedCall call;
  ASSERT_TRUE(t.inlinedCall(fn, 2, &call));
  EXPECT_EQ(call.parent, 1);
  EXPECT_EQ(call.line, 31);
  EXPECT_EQ(call.parentPc, 0x18);
  EXPECT_STREQ(t.nameAt(call.nameoff), "c()");

  auto chain = [&](uint64_t pc) {
    std::string out;
    pclntab::InlineUnwinder frames(t, fn, pc);
    pclntab::SourceFrame sf;
    while (frames.next(&sf))
      out += std::string(sf.name) + "@" + sf.file + ":" + std::to_string(sf.line) +
             (sf.inlined ? "+" : "") + " ";
    return out;
  };
  EXPECT_EQ(chain(0x1004), "outer(int)@/a.cpp:10 ");
  EXPECT_EQ(chain(0x102c), "c()@/a.cpp:30+ b()@/b.h:31+ a()@/b.h:21+ outer(int)@/a.cpp:11 ");
  EXPECT_EQ(chain(0x1034), "d()@/a.cpp:40+ outer(int)@/a.cpp:12 ");

  // A function without a tree has neither pcdata nor funcdata.
  in.funcs[0].inlineTree.clear();
  in.funcs[0].inlineIndex.clear();
  std::optional<Aligned> plainTable;
  ASSERT_NO_FATAL_FAILURE(encodeAndLoad(in, &plainTable, &t));
  fn = t.findFunc(0x1000);
  EXPECT_EQ(fn.rec->npcdata, 0u);
  EXPECT_EQ(fn.rec->nfuncdata, 0u);
  EXPECT_EQ(chain(0x102c), "outer(int)@/a.cpp:30 ");
}

class PclntabCorrupt : public ::testing::Test {
protected:
  void SetUp() override {
    std::string error;
    bytes = pclntab::encodePclntab(randomProgram(11, 50, 2), &error);
    ASSERT_FALSE(bytes.empty());
  }
  // init's verdict on the table with `patch` applied to a copy.
  std::string initWith(size_t at, const void* patch, size_t n, size_t size = 0) {
    Aligned copy(bytes);
    std::memcpy(copy.data() + at, patch, n);
    pclntab::Table t;
    const char* why = t.init(copy.data(), size ? size : copy.size, 1);
    return why ? why : "";
  }
  std::vector<uint8_t> bytes;
};

TEST_F(PclntabCorrupt, Header) {
  uint8_t b;
  int64_t i64;
  uint64_t u64;
  EXPECT_EQ(initWith(0, "", 0), "");
  EXPECT_EQ(initWith(0, "", 0, 71), "table shorter than its header");
  b = 0xf1;
  EXPECT_EQ(initWith(0, &b, 1), "bad magic");
  b = 1;
  EXPECT_EQ(initWith(5, &b, 1), "bad header padding");
  b = 4;
  EXPECT_EQ(initWith(6, &b, 1), "bad instruction size quantum");
  b = 3;  // 4 and 8 are both valid
  EXPECT_EQ(initWith(7, &b, 1), "bad pointer size");
  i64 = -1;
  EXPECT_EQ(initWith(8, &i64, 8), "bad function count");
  i64 = int64_t(bytes.size());
  EXPECT_EQ(initWith(8, &i64, 8), "bad function count");
  u64 = 8;
  EXPECT_EQ(initWith(0x20, &u64, 8), "table offset out of range");
  u64 = bytes.size() + 1;
  EXPECT_EQ(initWith(0x38, &u64, 8), "table offset out of range");
  u64 = bytes.size() - 4;  // functab with no room for its entries
  EXPECT_EQ(initWith(0x40, &u64, 8), "functab out of range");
  pclntab::Header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  u64 = h.cuOffset + 2;
  EXPECT_EQ(initWith(0x28, &u64, 8), "misaligned functab or cutab");
  // Cut short: the functab no longer fits.
  EXPECT_EQ(initWith(0, "", 0, h.pclnOffset + 8), "functab out of range");
}

TEST_F(PclntabCorrupt, Misaligned) {
  std::vector<uint64_t> words(bytes.size() / 8 + 1);
  uint8_t* p = reinterpret_cast<uint8_t*>(words.data()) + 4;
  std::memcpy(p, bytes.data(), bytes.size());
  pclntab::Table t;
  EXPECT_STREQ(t.init(p, bytes.size(), 1), "table not 8-byte aligned");
  EXPECT_STREQ(t.init(nullptr, 100, 1), "table shorter than its header");
}

TEST_F(PclntabCorrupt, Verify) {
  pclntab::Header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  Aligned copy(bytes);
  pclntab::Table t;
  ASSERT_EQ(t.init(copy.data(), copy.size, 1), nullptr);
  EXPECT_STREQ(t.verify(h.textStart + 1), "textStart differs from the text's address");
  EXPECT_EQ(t.verify(h.textStart), nullptr);
  // Entry 1 after entry 2.
  uint32_t big = 0x7fffffff;
  std::memcpy(copy.data() + h.pclnOffset + 8, &big, 4);
  EXPECT_STREQ(t.verify(h.textStart), "function table not sorted by PC offset");
  Aligned copy2(bytes);
  ASSERT_EQ(t.init(copy2.data(), copy2.size, 1), nullptr);
  std::memcpy(copy2.data() + h.pclnOffset + 4, &big, 4);  // funcoff of entry 0 out of range
  EXPECT_STREQ(t.verify(h.textStart), "function record out of range");
  EXPECT_FALSE(t.funcAt(0).valid());
  t = pclntab::Table();
  EXPECT_STREQ(t.verify(0), "table not initialized");
  EXPECT_FALSE(t.findFunc(0x401000).valid());
}

}  // namespace
