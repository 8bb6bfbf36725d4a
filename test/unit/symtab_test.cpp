// What the runtime relies on from formats/pclntab.h beyond the encoder's round trip: the
// start-up check (verifyFunctab) reads the functab only, yet no lookup ever returns a record
// that disagrees with its functab entry; and GOTRACEBACK's parsing (runtime/traceback.cpp).
#include "formats/pclntab.h"
#include "formats/pclntab_encode.h"
#include "traceback.h"

#include <gtest/gtest.h>

#include <cstring>

namespace {

// Three functions at 0x401000.., one compilation unit, 8-aligned as the linker places it.
struct SmallTable {
  std::vector<uint64_t> words;
  pclntab::Header h{};
  SmallTable() {
    pclntab::PclnInput in;
    in.textStart = 0x401000;
    in.cus.push_back({{"/src/a.cpp"}});
    for (int i = 0; i < 3; i++) {
      pclntab::FuncInput f;
      f.entry = 0x401000 + 0x40 * i;
      f.end = f.entry + 0x40;
      f.name = "f" + std::to_string(i);
      f.cu = 0;
      f.file.push_back({f.entry, f.end, 0});
      f.line.push_back({f.entry, f.end, 10 + i});
      in.funcs.push_back(f);
    }
    std::string error;
    std::vector<uint8_t> bytes = pclntab::encodePclntab(in, &error);
    EXPECT_FALSE(bytes.empty()) << error;
    words.resize((bytes.size() + 7) / 8);
    std::memcpy(words.data(), bytes.data(), bytes.size());
    std::memcpy(&h, bytes.data(), sizeof h);
    size = bytes.size();
  }
  uint8_t* data() { return reinterpret_cast<uint8_t*>(words.data()); }
  uint32_t funcoff(int i) {
    uint32_t v;
    std::memcpy(&v, data() + h.pclnOffset + 8 * i + 4, 4);
    return v;
  }
  void setFuncoff(int i, uint32_t v) { std::memcpy(data() + h.pclnOffset + 8 * i + 4, &v, 4); }
  size_t size = 0;
};

TEST(Symtab, VerifyFunctabAcceptsWhatVerifyAccepts) {
  SmallTable st;
  pclntab::Table t;
  ASSERT_EQ(t.init(st.data(), st.size, 1), nullptr);
  EXPECT_EQ(t.verify(0x401000), nullptr);
  EXPECT_EQ(t.verifyFunctab(0x401000), nullptr);
  EXPECT_STREQ(t.verifyFunctab(0x401001), "textStart differs from the text's address");
  const char* name = t.funcName(t.findFunc(0x401045));
  ASSERT_NE(name, nullptr);
  EXPECT_STREQ(name, "f1");
}

TEST(Symtab, MismatchedRecordIsNeverReturned) {
  SmallTable st;
  st.setFuncoff(0, st.funcoff(1));  // function 0's entry points at function 1's record
  pclntab::Table t;
  ASSERT_EQ(t.init(st.data(), st.size, 1), nullptr);
  EXPECT_STREQ(t.verify(0x401000), "function record does not match its entry");
  EXPECT_EQ(t.verifyFunctab(0x401000), nullptr);  // the start-up check does not read records
  EXPECT_FALSE(t.findFunc(0x401010).valid());     // but a lookup refuses the record
  EXPECT_FALSE(t.funcAt(0).valid());
  EXPECT_TRUE(t.findFunc(0x401050).valid());  // the other functions are unaffected
  EXPECT_STREQ(t.funcName(t.findFunc(0x401090)), "f2");
}

TEST(Symtab, RecordOutOfRangeFailsVerifyFunctab) {
  SmallTable st;
  st.setFuncoff(2, 0xffffff00);
  pclntab::Table t;
  ASSERT_EQ(t.init(st.data(), st.size, 1), nullptr);
  EXPECT_STREQ(t.verifyFunctab(0x401000), "function record out of range");
}

struct TracebackCase {
  const char* value;
  uint32_t level;
  bool all, crash;
};

TEST(Traceback, SetTracebackFollowsGo) {
  const TracebackCase cases[] = {
      {"none", 0, false, false},
      {"", 1, false, false},
      {"single", 1, false, false},
      {"all", 1, true, false},
      {"system", 2, true, false},
      {"crash", 2, true, true},
      {"0", 0, true, false},
      {"1", 1, true, false},
      {"2", 2, true, false},
      {"7", 7, true, false},
      {"4294967295", 4294967295u, true, false},
      {"4294967296", 0, true, false},
      {"-1", 0, true, false},
      {"-0", 0, true, false},
      {"bogus", 0, true, false},
      {"2x", 0, true, false},
      {"-", 0, true, false},
      {"99999999999999999999999", 0, true, false},
      {"ALL", 0, true, false},
  };
  for (const auto& c : cases) {
    runtime::setTraceback(c.value);
    EXPECT_EQ(runtime::tracebackEnv.level, c.level) << c.value;
    EXPECT_EQ(runtime::tracebackEnv.all, c.all) << c.value;
    EXPECT_EQ(runtime::tracebackEnv.crash, c.crash) << c.value;
  }
  // A throw always prints every goroutine at level 2; a fatal error every goroutine.
  runtime::setTraceback("none");
  EXPECT_EQ(runtime::gotraceback(runtime::throwType::runtime).level, 2u);
  EXPECT_TRUE(runtime::gotraceback(runtime::throwType::runtime).all);
  EXPECT_EQ(runtime::gotraceback(runtime::throwType::user).level, 0u);
  EXPECT_TRUE(runtime::gotraceback(runtime::throwType::user).all);
  EXPECT_FALSE(runtime::gotraceback(runtime::throwType::panic).all);
  runtime::setTraceback("");
}

}  // namespace
