// The build information formats: the .go.buildinfo blob (formats/buildinfo.h) and the
// modinfo text (formats/modinfo.cpp), written and read back, and damaged input rejected.
#include <gtest/gtest.h>

#include "formats/buildinfo.h"
#include "gocc/modinfo.h"

using gocc::debug::BuildInfo;
using gocc::debug::ParseBuildInfo;

namespace {

buildinfo::Strings decodeOK(const std::string& blob) {
  buildinfo::Strings s;
  const char* err =
      buildinfo::decode(reinterpret_cast<const uint8_t*>(blob.data()), blob.size(), &s);
  EXPECT_EQ(err, nullptr) << err;
  return s;
}

const char* decodeErr(const std::string& blob) {
  buildinfo::Strings s;
  return buildinfo::decode(reinterpret_cast<const uint8_t*>(blob.data()), blob.size(), &s);
}

TEST(BuildInfoBlob, RoundTrip) {
  std::string text = "path\tp\nmod\tm\t(devel)\t\nbuild\tGOOS=linux\n";
  std::string blob = buildinfo::encode("gocc0.1.0 clang19.1.7", text);
  EXPECT_EQ(blob.size() % 16, 0u);
  EXPECT_EQ(blob.substr(0, 14), std::string("\xff Go buildinf:"));
  EXPECT_EQ(blob[14], 8);
  EXPECT_EQ(blob[15], 2);
  buildinfo::Strings s = decodeOK(blob);
  EXPECT_EQ(std::string(s.version, s.versionSize), "gocc0.1.0 clang19.1.7");
  EXPECT_EQ(std::string(s.modinfo, s.modinfoSize), text);
}

// Go's reader needs a byte after the last string; the encoder pads even an aligned blob.
TEST(BuildInfoBlob, AlwaysPadded) {
  for (size_t n = 0; n < 40; n++) {
    std::string blob = buildinfo::encode("v", std::string(n, 'x') + "\n");
    ASSERT_EQ(blob.size() % 16, 0u);
    decodeOK(blob);
  }
}

// A 386 program's blob says 4-byte pointers (what `go version -m` expects of a 32-bit file)
// and reads back the same; nothing else in the inline-string format depends on it.
TEST(BuildInfoBlob, FourBytePointers) {
  std::string wide = buildinfo::encode("gocc", "path\tx\n");
  std::string narrow = buildinfo::encode("gocc", "path\tx\n", 4);
  EXPECT_EQ(narrow[14], 4);
  EXPECT_EQ(narrow.substr(15), wide.substr(15));
  EXPECT_STREQ(decodeErr(narrow), nullptr);
}

TEST(BuildInfoBlob, DamagedInputIsAnError) {
  std::string blob = buildinfo::encode("gocc", "path\tx\n");
  EXPECT_STREQ(decodeErr(""), "build info shorter than its header");
  EXPECT_STREQ(decodeErr(blob.substr(0, 31)), "build info shorter than its header");
  // One byte changed: the magic, the pointer size, the flags (format, then endianness), the
  // version's length (past the end, then zero).
  struct Damage {
    size_t at;
    char byte;
    const char* error;
  };
  for (const Damage& d :
       {Damage{3, 'X', "no build info magic"}, Damage{14, 3, "bad pointer size in build info"},
        Damage{15, 0, "build info not in the inline-string format"},
        Damage{15, 3, "big-endian build info"},
        Damage{32, 0x7f, "bad version string in build info"},
        Damage{32, 0, "empty version in build info"}}) {
    std::string bad = blob;
    bad[d.at] = d.byte;
    EXPECT_STREQ(decodeErr(bad), d.error) << "byte " << d.at << " = " << int(d.byte);
  }
  // A varint that never ends.
  EXPECT_STREQ(decodeErr(blob.substr(0, 32) + std::string(40, '\xff')),
               "bad version string in build info");
  // Every truncation fails cleanly.
  for (size_t n = 32; n < blob.size() - 15; n++)
    EXPECT_NE(decodeErr(blob.substr(0, n)), nullptr) << n;
}

// Text without Go's framing gives an empty modinfo, as Go's reader does.
TEST(BuildInfoBlob, UnframedModinfoIsEmpty) {
  std::string blob = buildinfo::encode("gocc", "");
  buildinfo::Strings s = decodeOK(blob);
  EXPECT_EQ(s.modinfoSize, 0u);
}

BuildInfo sample() {
  BuildInfo bi;
  bi.GoVersion = "gocc0.1.0 clang19.1.7";
  bi.Path = "/home/u/hello";
  bi.Main = {"/home/u", "(devel)", "", nullptr};
  bi.Deps = {{"glibc", "v2.36", "", nullptr}, {"libstdc++", "v12", "", nullptr}};
  bi.Settings = {{"-compiler", "clang"},
                 {"-cxxflags", "-O3 '-DMSG=a b'"},
                 {"tab\tkey", "new\nline \"quoted\" `tick` caf\xc3\xa9 \x01"},
                 {"GOAMD64", "v1"}};
  return bi;
}

TEST(ModInfo, StringIsGoFormat) {
  EXPECT_EQ(sample().String(),
            "go\tgocc0.1.0 clang19.1.7\n"
            "path\t/home/u/hello\n"
            "mod\t/home/u\t(devel)\t\n"
            "dep\tglibc\tv2.36\t\n"
            "dep\tlibstdc++\tv12\t\n"
            "build\t-compiler=clang\n"
            "build\t-cxxflags=\"-O3 '-DMSG=a b'\"\n"
            "build\t\"tab\\tkey\"=\"new\\nline \\\"quoted\\\" `tick` caf\xc3\xa9 \\x01\"\n"
            "build\tGOAMD64=v1\n");
}

TEST(ModInfo, ParseInvertsString) {
  BuildInfo want = sample();
  std::string err;
  auto got = ParseBuildInfo(want.String(), &err);
  ASSERT_TRUE(got) << err;
  EXPECT_EQ(got->GoVersion, "");  // the "go" line is not part of the embedded text
  got->GoVersion = want.GoVersion;
  EXPECT_EQ(got->String(), want.String());
  ASSERT_EQ(got->Settings.size(), want.Settings.size());
  for (size_t i = 0; i < want.Settings.size(); i++) {
    EXPECT_EQ(got->Settings[i].Key, want.Settings[i].Key);
    EXPECT_EQ(got->Settings[i].Value, want.Settings[i].Value);
  }
}

TEST(ModInfo, ReplacementsAndBackquotes) {
  auto bi = ParseBuildInfo("mod\ta\tv1\n=>\tb\tv2\th2\nbuild\t`k`=`v w`\n");
  ASSERT_TRUE(bi);
  ASSERT_TRUE(bi->Main.Replace);
  EXPECT_EQ(bi->Main.Replace->Path, "b");
  EXPECT_EQ(bi->Main.Replace->Sum, "h2");
  EXPECT_EQ(bi->Settings[0].Key, "k");
  EXPECT_EQ(bi->Settings[0].Value, "v w");
  // Go 1.19's String writes an empty line after a replacement; so does ours.
  EXPECT_EQ(bi->String(), "mod\ta\tv1\n=>\tb\tv2\th2\n\nbuild\tk=\"v w\"\n");
}

// Go's messages, line numbers included; a last line without '\n' is ignored, as in Go.
TEST(ModInfo, ParseErrorsAsGo) {
  struct {
    const char* text;
    const char* err;
  } cases[] = {
      {"mod\ta\n", "could not parse Go build info: line 1: expected 2 or 3 columns; got 1"},
      {"path\tp\ndep\ta\tb\tc\td\n",
       "could not parse Go build info: line 2: expected 2 or 3 columns; got 4"},
      {"=>\ta\tb\tc\n",
       "could not parse Go build info: line 1: replacement with no module on previous line"},
      {"mod\ta\tb\n=>\ta\n",
       "could not parse Go build info: line 2: expected 3 columns for replacement; got 1"},
      {"build\t\n", "could not parse Go build info: line 1: build line missing '='"},
      {"build\t=v\n", "could not parse Go build info: line 1: build line with missing key"},
      {"build\tk\n", "could not parse Go build info: line 1: build line missing '=' after key"},
      {"build\tk=a b\n",
       "could not parse Go build info: line 1: unquoted value \"a b\" must be quoted"},
      {"build\t\"k\n", "could not parse Go build info: line 1: invalid quoted key in build line"},
      {"build\t\"k\"\n",
       "could not parse Go build info: line 1: build line missing '=' after quoted key"},
      {"build\tk=\"v\n",
       "could not parse Go build info: line 1: invalid quoted value in build line"},
  };
  for (const auto& c : cases) {
    std::string err;
    EXPECT_FALSE(ParseBuildInfo(c.text, &err)) << c.text;
    EXPECT_EQ(err, c.err) << c.text;
  }
  auto bi = ParseBuildInfo("path\tp\nbuild\tk=v");
  ASSERT_TRUE(bi);
  EXPECT_TRUE(bi->Settings.empty());
}

}  // namespace
