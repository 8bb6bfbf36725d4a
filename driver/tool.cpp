// gocc tool: programs that inspect what gocc builds, as go tool's do. One so far:
//
//   addr2line [-i] BINARY   pc → function and file:line, answered from the binary's own
//                           .gopclntab with the runtime's reader (formats/pclntab.h); with
//                           -i, every inlined call's frame too
//
// addr2line speaks `go tool addr2line`'s protocol (Go's cmd/addr2line/main.go): hex pcs on
// stdin, two lines out for each, so pprof-style callers and the test suite can use either
// program. It answers with Go's debug/gosym semantics: the function whose [entry, next entry)
// holds the pc, the file "" when the file table gives none, the line -1 when the line table
// gives none, "?" and "?:0" when no function holds the pc. It differs from Go's only where Go
// silently prints "?" for everything: a binary it cannot read, or one with no or a corrupt
// table, is an error here. -i is gocc's own (Go's has no way to show inlined calls): each
// pc's answer is then its source frames, innermost first, and an empty line, in
// llvm-symbolizer --inlining's shape; the last frame names the function Go's answer names.
//
// Names are always whole. The table has every out-of-line function's whole name, but stores
// an inlined-only function's in its short form (template arguments "<...>": driver/pclntab.cpp);
// -i takes those frames' whole names from the binary's DWARF, a DWARF frame's name standing in
// for the table's when it is the same frame (at the same depth, with that short form). A binary
// without DWARF (stripped) gets the table's names.
#include "tool.h"

#include "elffile.h"
#include "errors.h"
#include "pchtool.h"
#include "pclntab.h"
#include "target.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Support/raw_ostream.h"

#include <iostream>

namespace {

const char addr2lineUsage[] =
    "usage: gocc tool addr2line [-i] binary\n"
    "reads addresses from standard input and writes two lines for each:\n"
    "\tfunction name\n"
    "\tfile:line\n"
    "-i: two lines for each source frame at the address, inlined calls innermost first,\n"
    "then an empty line\n";

llvm::Error loadTable(const std::string& path, LoadedPclntab& out) {
  auto exe = ElfFile::open(path);
  if (!exe) return fail(path + ": " + llvm::toString(exe.takeError()));
  // Another machine's table, if any, is read with the wrong quantum and pointer size, so its
  // file is refused for what it is rather than as a corrupt table.
  if (!archForFile(exe->machine(), exe->is64()))
    return fail(path + ": not an x86-64, AArch64 or 386 file (" + (exe->is64() ? "64" : "32") +
                "-bit " + llvm::ELF::convertEMachineToArchName(exe->machine()) + ")");
  const ElfSection* table = exe->section(".gopclntab");
  if (!table || table->size() == 0)
    return fail(path + ": no .gopclntab section (not built by gocc?)");
  auto contents = exe->contents(*table);
  if (!contents) return fail(path + ": " + llvm::toString(contents.takeError()));
  // Go's readers count entries from .text's address; a table that does not is as wrong as one
  // whose functions are out of order.
  const ElfSection* text = exe->section(".text");
  const char* why =
      text ? out.load(*contents, text->address(), exe->machine()) : "no .text section";
  if (why) return fail(path + ": corrupt .gopclntab: " + why);
  return llvm::Error::success();
}

// strconv.ParseUint(strings.TrimPrefix(s, "0x"), 16, 64), errors ignored as addr2line
// ignores them: 0 for a syntax error, the largest value for an overflow.
uint64_t parsePC(llvm::StringRef s) {
  if (s.starts_with("0x")) s = s.drop_front(2);
  if (s.empty()) return 0;
  uint64_t v = 0;
  bool overflow = false;
  for (char c : s) {
    int d = llvm::hexDigitValue(c);
    if (d < 0) return 0;
    if (v >> 60) overflow = true;
    v = v << 4 | uint64_t(d);
  }
  return overflow ? ~uint64_t(0) : v;
}

// With -i: every source frame at pc, innermost first, two lines each (name, file:line) as
// without it, then an empty line ending the pc's answer (llvm-symbolizer --inlining's
// shape). The last frame is the function holding pc, at the outermost call site.
// An inlined frame whose table name is short gets its whole name from dwarf, if there is one.
void printPCInlines(const pclntab::Table& t, DwarfFrameNames* dwarf, uint64_t pc,
                    llvm::raw_ostream& os) {
  pclntab::Func f = t.findFunc(pc);
  if (!f.valid()) {
    os << "?\n?:0\n\n";
    return;
  }
  pclntab::InlineUnwinder unwinder(t, f, pc);
  std::vector<pclntab::SourceFrame> frames;
  std::vector<std::string> names;
  bool shortNames = false;
  for (pclntab::SourceFrame frame; unwinder.next(&frame);) {
    frames.push_back(frame);
    names.push_back(frame.name ? frame.name : "");
    shortNames |= frame.inlined && names.back().find("<...>") != std::string::npos;
  }
  if (dwarf && shortNames) {
    std::vector<std::string> whole = dwarf->at(pc);
    for (size_t k = 0; k < frames.size() && k < whole.size(); k++)
      if (frames[k].inlined && whole[k] != names[k] && shortFuncName(whole[k]) == names[k])
        names[k] = whole[k];
  }
  for (size_t k = 0; k < frames.size(); k++)
    os << names[k] << "\n"
       << (frames[k].file ? frames[k].file : "") << ":" << frames[k].line << "\n";
  os << "\n";
}

// Go's Table.PCToLine as cmd/addr2line prints it.
void printPC(const pclntab::Table& t, uint64_t pc, llvm::raw_ostream& os) {
  pclntab::Func f = t.findFunc(pc);
  const char* name = f.valid() ? t.funcName(f) : nullptr;
  if (!f.valid()) {
    os << "?\n?:0\n";
    return;
  }
  const char* file = nullptr;
  int32_t fileno = t.pcValue(f, f.rec->pcfile, pc);
  if (fileno >= 0) file = t.fileName(f, uint32_t(fileno));
  int32_t line = t.pcValue(f, f.rec->pcln, pc);
  os << (name ? name : "") << "\n" << (file ? file : "") << ":" << line << "\n";
}

int addr2line(llvm::ArrayRef<std::string> args) {
  // As Go's: --help is for pprof, which probes with it, and goes to stdout.
  if (args.size() == 1 && args[0] == "--help") {
    llvm::outs() << addr2lineUsage;
    return 0;
  }
  bool inlines = !args.empty() && args[0] == "-i";
  if (inlines) args = args.drop_front();
  if (args.size() != 1 || (args[0].size() > 1 && args[0][0] == '-')) {
    llvm::errs() << addr2lineUsage;
    return 2;
  }
  LoadedPclntab loaded;
  if (llvm::Error err = loadTable(args[0], loaded)) return report(std::move(err), "");
  std::unique_ptr<DwarfFrameNames> dwarf;
  if (inlines) {
    auto opened = DwarfFrameNames::open(args[0]);
    if (!opened) return report(opened.takeError(), "");
    dwarf = std::move(*opened);
  }

  // bufio.Scanner's lines: "\n" ends a line, a final "\r" is dropped, a last line without
  // "\n" still counts, and a line of 64 KiB or more stops the scan.
  constexpr size_t maxLine = 64 * 1024;
  std::string line;
  llvm::raw_ostream& os = llvm::outs();
  while (std::getline(std::cin, line)) {
    if (line.size() >= maxLine) break;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find(':') != std::string::npos) {
      os << "!reverse translation not implemented\n";
      continue;
    }
    if (inlines)
      printPCInlines(loaded.table, dwarf.get(), parsePC(line), os);
    else
      printPC(loaded.table, parsePC(line), os);
  }
  os.flush();
  return 0;
}

}  // namespace

int cmdTool(llvm::ArrayRef<std::string> args) {
  if (args.empty()) {
    llvm::outs() << "addr2line\n";  // the tools, one a line, as go tool lists them
    return 0;
  }
  if (args[0] == "addr2line") return addr2line(args.drop_front());
  if (args[0] == "pch") return cmdToolPCH(args.drop_front());  // unlisted: see pchtool.cpp
  llvm::errs() << "gocc tool: no such tool \"" << args[0] << "\"\n";
  return 2;
}
