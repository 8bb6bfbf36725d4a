// Building the pclntab from a linked executable (see pclntab.h for the step's place in the
// build, docs/pclntab.md for the design).
//
// Functions: the defined STT_FUNC symbols with a size inside .text. Several symbols at one
// address (C1/C2 constructor aliases, weak and strong names of one body) become one entry:
// the longest, then global before weak before local, then the first name in byte order, so
// the choice does not depend on symbol-table order. Each function's tables cover
// [entry, next entry), as Go's functab says the function does, padding included. A library's
// exported function, which the build renamed gocc.export.<name> to give its C name to a stub
// (library.h), is recorded under that name, as its source wrote it.
//
// Lines: every row of every sequence of every unit's DWARF line table, as the range
// [row address, next row address). A function's compilation unit is the one describing its
// entry; its files are numbered in that unit in first-use order. Functions that no line table
// describes (static libstdc++, libc_nonshared) keep their entry and name, with no unit and
// file/line tables that say -1 ("unknown") everywhere: Go's addr2line then prints the name
// and ":-1", the runtime "?:0". An offset of 0 ("no table") would not do: Go's debug/gosym
// does not check for it and would decode pctab's padding byte and whatever follows it. In a
// function with lines, pcs no row covers (padding) have line -1 and the file of the range
// before them (see fillGaps).
//
// Names: demangled. An inlined call's function that has no out-of-line copy in the executable
// (no symbol of that name) is stored in its short form, template arguments elided
// (formats/funcname.h), as Go's linker stores a generic function's name: such names are most of
// a template-heavy program's table, and its tracebacks print them short anyway. The full name
// stays in the DWARF, where gocc tool addr2line finds it (frameNamesFromDwarf).
//
// SP offsets (Go's pcsp): from .eh_frame's CFI. Where the CFA is rsp+N, the SP has moved
// N-8 bytes since the entry (the return address is not counted, as in Go). Where the CFA is
// rbp-based — in code built with frame pointers, everything after the prologue — CFI does
// not say where rsp is, and the table says -1 there.
#include "pclntab.h"

#include "library.h"

#include "elffile.h"
#include "elfobject.h"
#include "errors.h"
#include "formats/funcname.h"
#include "formats/pclntab_encode.h"

#include "llvm/BinaryFormat/ELF.h"
#include "llvm/DebugInfo/DWARF/DWARFContext.h"
#include "llvm/DebugInfo/DWARF/DWARFDebugFrame.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_set>

namespace obj = llvm::object;
using pclntab::PCRange;

std::string PathRewrite::apply(llvm::StringRef path) const {
  for (const auto& [from, to] : prefixes)
    if (path.starts_with(from)) return to + path.drop_front(from.size()).str();
  // Clang joins a relative name to comp_dir "." (-fdebug-compilation-dir=.): drop the "./".
  while (path.starts_with("./")) path = path.drop_front(2);
  return path.str();
}

namespace {

// An executable opened for the pclntab step, and its .text.
struct Executable {
  ElfFile file;
  const ElfSection* text;
};

llvm::Expected<Executable> openExecutable(const std::string& path) {
  auto file = ElfFile::open(path);
  if (!file) return fail("pclntab: " + path + ": " + llvm::toString(file.takeError()));
  const ElfSection* text = file->section(".text");
  if (!text) return fail("pclntab: " + path + ": no .text section");
  return Executable{std::move(*file), text};
}

struct Symbol {
  uint64_t addr, size;
  int rank;  // 0 global, 1 weak, 2 local
  std::string name;
};

// The functions of .text, one per address, sorted (see the choice rule above).
llvm::Expected<std::vector<Symbol>> textFunctions(const Executable& exe) {
  uint64_t textStart = exe.text->address(), textEnd = textStart + exe.text->size();
  uint32_t textIndex = uint32_t(exe.text - exe.file.sections().data());
  std::vector<Symbol> syms;
  for (const ElfSection& table : exe.file.sections()) {
    if (table.type != llvm::ELF::SHT_SYMTAB) continue;
    auto symbols = exe.file.symbols(table);
    if (!symbols) return fail("pclntab: " + llvm::toString(symbols.takeError()));
    for (const ElfSymbol& sym : *symbols) {
      // A function in .text: gocc's executables have too few sections for a symbol to need an
      // extended section index (SHN_XINDEX), so st_shndx says where the symbol is.
      if (sym.type != llvm::ELF::STT_FUNC || sym.size == 0 || sym.shndx != textIndex) continue;
      if (!sym.name) return fail("pclntab: bad symbol name: offset out of the string table");
      uint64_t addr = sym.value;
      if (addr < textStart || addr >= textEnd) continue;
      int rank = sym.binding == llvm::ELF::STB_GLOBAL ? 0
                 : sym.binding == llvm::ELF::STB_WEAK ? 1
                                                      : 2;
      llvm::StringRef shown = *sym.name;
      shown.consume_front(kExportPrefix);
      syms.push_back({addr, std::min(sym.size, textEnd - addr), rank, shown.str()});
    }
  }
  std::sort(syms.begin(), syms.end(), [](const Symbol& a, const Symbol& b) {
    if (a.addr != b.addr) return a.addr < b.addr;
    if (a.size != b.size) return a.size > b.size;
    if (a.rank != b.rank) return a.rank < b.rank;
    return a.name < b.name;
  });
  syms.erase(std::unique(syms.begin(), syms.end(),
                         [](const Symbol& a, const Symbol& b) { return a.addr == b.addr; }),
             syms.end());
  return syms;
}

// One line-table row as a pc range.
struct LineRange {
  uint64_t start, end;
  uint32_t unit;  // index of the DWARF compilation unit
  uint32_t file;  // index into the path list
  uint32_t line;
};

// Every file path the DWARF names, each once (after the rewrite), numbered in first-use order.
struct Paths {
  std::vector<std::string> list;
  std::map<std::string, uint32_t> ids;
};

// One unit's file numbers (of its line table) as path ids, each looked up once.
class UnitFiles {
public:
  UnitFiles(Paths& paths, const PathRewrite& rewrite, const llvm::DWARFDebugLine::LineTable* table,
            const char* compDir)
      : paths_(paths), rewrite_(rewrite), table_(table), compDir_(compDir ? compDir : "") {}

  uint32_t id(uint64_t file) {
    auto it = ids_.find(file);
    if (it != ids_.end()) return it->second;
    std::string path;
    if (!table_ ||
        !table_->getFileNameByIndex(
            file, compDir_, llvm::DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath, path))
      path = "?";
    path = rewrite_.apply(path);
    auto [at, added] = paths_.ids.try_emplace(path, uint32_t(paths_.list.size()));
    if (added) paths_.list.push_back(path);
    ids_[file] = at->second;
    return at->second;
  }

private:
  Paths& paths_;
  const PathRewrite& rewrite_;
  const llvm::DWARFDebugLine::LineTable* table_;
  const char* compDir_;
  std::map<uint64_t, uint32_t> ids_;
};

// Sorts ranges by start (ties broken by less, a total order) and makes them disjoint: the
// earlier range keeps the pcs. Overlaps only come from broken DWARF; the total order still
// gives one result for them.
template <typename Range, typename Less>
std::vector<Range> disjointRanges(std::vector<Range> ranges, Less less) {
  std::sort(ranges.begin(), ranges.end(), less);
  uint64_t covered = 0;
  std::vector<Range> disjoint;
  for (Range r : ranges) {
    r.start = std::max(r.start, covered);
    if (r.start >= r.end) continue;
    disjoint.push_back(r);
    covered = r.end;
  }
  return disjoint;
}

std::vector<LineRange> readLines(llvm::DWARFContext& dwarf, uint64_t textStart, uint64_t textEnd,
                                 const PathRewrite& rewrite, Paths& paths) {
  std::vector<LineRange> ranges;
  uint32_t unitIndex = 0;
  for (const auto& unit : dwarf.compile_units()) {
    uint32_t u = unitIndex++;
    const llvm::DWARFDebugLine::LineTable* table = dwarf.getLineTableForUnit(unit.get());
    if (!table) continue;
    UnitFiles files(paths, rewrite, table, unit->getCompilationDir());
    for (const auto& seq : table->Sequences) {
      // Sequences of code the linker discarded (COMDAT duplicates) point outside .text.
      if (!seq.isValid() || seq.LowPC < textStart || seq.HighPC > textEnd) continue;
      for (unsigned i = seq.FirstRowIndex; i + 1 < seq.LastRowIndex; i++) {
        const auto& row = table->Rows[i];
        uint64_t start = row.Address.Address, end = table->Rows[i + 1].Address.Address;
        if (end <= start)  // several rows at one pc: the last one holds, as in llvm-symbolizer
          continue;
        ranges.push_back({start, end, u, files.id(row.File), row.Line});
      }
    }
  }
  // By start, then by unit.
  return disjointRanges(std::move(ranges), [](const LineRange& a, const LineRange& b) {
    return std::tie(a.start, a.unit, a.end) < std::tie(b.start, b.unit, b.end);
  });
}

// An inlined call, from a DW_TAG_inlined_subroutine DIE that has code in .text.
struct InlineNode {
  int32_t parent;  // the inlined call containing this one (a node index); -1: none
  std::string name;
  uint32_t callFile;  // path id
  uint32_t callLine;
};

// The pcs whose innermost inlined call is node.
struct InlineRange {
  uint64_t start, end;
  int32_t node;
};

struct InlineInfo {
  std::vector<InlineNode> nodes;
  std::vector<InlineRange> ranges;  // sorted, disjoint; pcs of no inlined call are left out
};

// The name of the function a subprogram or inlined-subroutine DIE stands for: its linkage name,
// demangled, as the symbol table's names are; nullopt if it has none.
std::optional<std::string> dieFunctionName(const char* linkageName) {
  if (!linkageName) return std::nullopt;
  return llvm::demangle(linkageName);
}

// The inlined calls of every unit, and for each pc the innermost one, as llvm-symbolizer
// --inlining finds them (DWARFContext::getInliningInfoForAddress): a DIE's ranges hold its
// callees' ranges, and the deepest DIE whose ranges hold a pc is its innermost call. Names
// are the inlined functions' linkage names, demangled, as the symbol table's are.
InlineInfo readInlines(llvm::DWARFContext& dwarf, uint64_t textStart, uint64_t textEnd,
                       const PathRewrite& rewrite, Paths& paths) {
  InlineInfo info;
  struct Painted {
    uint64_t start, end;
    uint32_t depth;
    int32_t node;
  };
  std::vector<Painted> painted;
  for (const auto& unit : dwarf.compile_units()) {
    UnitFiles files(paths, rewrite, dwarf.getLineTableForUnit(unit.get()),
                    unit->getCompilationDir());
    // Depth first, from the unit DIE through the DIEs that can hold code.
    auto walk = [&](auto& self, llvm::DWARFDie die, int32_t parent, uint32_t depth) -> void {
      for (llvm::DWARFDie child : die.children()) {
        switch (child.getTag()) {
          case llvm::dwarf::DW_TAG_inlined_subroutine: {
            auto ranges = child.getAddressRanges();
            if (!ranges) {
              llvm::consumeError(ranges.takeError());
              continue;
            }
            int32_t node = int32_t(info.nodes.size());
            bool inText = false;
            for (const llvm::DWARFAddressRange& r : *ranges)
              if (r.LowPC >= textStart && r.HighPC <= textEnd && r.LowPC < r.HighPC) {
                painted.push_back({r.LowPC, r.HighPC, depth, node});
                inText = true;
              }
            if (!inText) continue;  // discarded by the linker, or empty
            const char* name = child.getName(llvm::DINameKind::LinkageName);
            uint64_t file = llvm::dwarf::toUnsigned(child.find(llvm::dwarf::DW_AT_call_file), 0);
            uint64_t line = llvm::dwarf::toUnsigned(child.find(llvm::dwarf::DW_AT_call_line), 0);
            info.nodes.push_back(
                {parent, dieFunctionName(name).value_or("?"), files.id(file), uint32_t(line)});
            self(self, child, node, depth + 1);
            break;
          }
          case llvm::dwarf::DW_TAG_subprogram:
          case llvm::dwarf::DW_TAG_lexical_block:
          case llvm::dwarf::DW_TAG_namespace:
            self(self, child, parent, depth);
            break;
          default:
            break;
        }
      }
    };
    walk(walk, unit->getUnitDIE(false), -1, 0);
  }

  // The deepest DIE wins each pc: paint every elementary interval between range bounds with
  // the deepest range over it (the first one painted at a tie, which only broken DWARF has).
  std::vector<uint64_t> bounds;
  for (const Painted& p : painted) {
    bounds.push_back(p.start);
    bounds.push_back(p.end);
  }
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  std::vector<std::pair<int64_t, int32_t>> best(bounds.size(), {-1, -1});  // depth, node
  for (const Painted& p : painted) {
    size_t k = std::lower_bound(bounds.begin(), bounds.end(), p.start) - bounds.begin();
    for (; bounds[k] < p.end; k++)
      if (int64_t(p.depth) > best[k].first) best[k] = {p.depth, p.node};
  }
  for (size_t k = 0; k + 1 < bounds.size(); k++) {
    int32_t node = best[k].second;
    if (node < 0) continue;
    if (!info.ranges.empty() && info.ranges.back().end == bounds[k] &&
        info.ranges.back().node == node)
      info.ranges.back().end = bounds[k + 1];
    else
      info.ranges.push_back({bounds[k], bounds[k + 1], node});
  }
  return info;
}

// SP offsets from .eh_frame, sorted and disjoint; rbp-based or unknown pcs are left out.
std::vector<PCRange> readSPOffsets(llvm::DWARFContext& dwarf, uint16_t machine) {
  std::vector<PCRange> out;
  auto frames = dwarf.getEHFrame();
  if (!frames) {
    llvm::consumeError(frames.takeError());
    return out;
  }
  // The stack pointer's DWARF register number, and what the call pushed below the CFA (x86's
  // return address, 8 bytes on amd64 and 4 on 386; arm64's call leaves it in x30).
  uint32_t spRegister = 7;  // rsp
  int64_t pushedByCall = 8;
  if (machine == llvm::ELF::EM_AARCH64) {
    spRegister = 31;  // sp
    pushedByCall = 0;
  } else if (machine == llvm::ELF::EM_386) {
    spRegister = 4;  // esp
    pushedByCall = 4;
  }
  for (const llvm::dwarf::FrameEntry& entry : (*frames)->entries()) {
    const auto* fde = llvm::dyn_cast<llvm::dwarf::FDE>(&entry);
    if (!fde) continue;
    uint64_t fdeEnd = fde->getInitialLocation() + fde->getAddressRange();
    auto rows = llvm::dwarf::UnwindTable::create(fde);
    if (!rows) {
      llvm::consumeError(rows.takeError());
      continue;
    }
    for (auto it = rows->begin(); it != rows->end(); ++it) {
      if (!it->hasAddress()) continue;
      auto next = std::next(it);
      uint64_t start = it->getAddress();
      uint64_t end = next != rows->end() && next->hasAddress() ? next->getAddress() : fdeEnd;
      const llvm::dwarf::UnwindLocation& cfa = it->getCFAValue();
      if (end <= start || cfa.getLocation() != llvm::dwarf::UnwindLocation::RegPlusOffset ||
          cfa.getRegister() != spRegister)
        continue;
      out.push_back({start, end, int32_t(cfa.getOffset() - pushedByCall)});
    }
  }
  return disjointRanges(std::move(out), [](const PCRange& a, const PCRange& b) {
    return std::tie(a.start, a.end, a.value) < std::tie(b.start, b.end, b.value);
  });
}

// The ranges of sorted, disjoint list that meet [start, end), clipped to it.
template <typename Range>
std::pair<typename std::vector<Range>::const_iterator, typename std::vector<Range>::const_iterator>
overlapping(const std::vector<Range>& list, uint64_t start, uint64_t end) {
  auto first = std::partition_point(list.begin(), list.end(),
                                    [&](const Range& r) { return r.end <= start; });
  auto last =
      std::partition_point(first, list.end(), [&](const Range& r) { return r.start < end; });
  return {first, last};
}

// Makes ranges cover [entry, end) without gaps: a gap takes the value before it, a leading gap
// the first value. For pcfile: debug/gosym's LineToPC indexes cutab with the file value of
// every range of every function that has a unit, and a -1 there makes it give up on the
// whole table (Go's own tables never have one). The line stays -1 in the gaps.
void fillGaps(std::vector<PCRange>& ranges, uint64_t entry, uint64_t end) {
  if (ranges.empty()) return;
  ranges.front().start = entry;
  for (size_t i = 1; i < ranges.size(); i++) ranges[i - 1].end = ranges[i].start;
  ranges.back().end = end;
}

// parentPc for each entry of f's inline tree: the first pc whose innermost inlined call is the
// entry's parent and whose file and line are the call site's, as Go's compiler guarantees with
// an inline mark; Clang emits no such marks, so where the code has no pc at the call site's
// position it is the first pc of the parent, else the entry. (gocc's runtime reads the call
// site from the entry's file and line and the caller from its parent; parentPc matters to
// what Callers returns: docs/pclntab.md.)
void setParentPCs(pclntab::FuncInput& f) {
  std::map<std::tuple<int32_t, int32_t, int32_t>, uint64_t> firstAtPosition;
  std::map<int32_t, uint64_t> firstInCall;
  // Runs of constant (inline index, file, line): the bounds of all three tables.
  std::vector<uint64_t> bounds = {f.entry, f.end};
  for (const auto* list : {&f.inlineIndex, &f.file, &f.line})
    for (const PCRange& r : *list) bounds.insert(bounds.end(), {r.start, r.end});
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  auto valueAt = [](const std::vector<PCRange>& list, size_t& i, uint64_t pc) {
    while (i < list.size() && list[i].end <= pc) i++;
    return i < list.size() && list[i].start <= pc ? list[i].value : -1;
  };
  size_t ii = 0, fi = 0, li = 0;
  for (size_t k = 0; k + 1 < bounds.size(); k++) {
    uint64_t pc = bounds[k];
    int32_t call = valueAt(f.inlineIndex, ii, pc);
    firstAtPosition.try_emplace({call, valueAt(f.file, fi, pc), valueAt(f.line, li, pc)}, pc);
    firstInCall.try_emplace(call, pc);
  }
  for (pclntab::InlinedCallInput& call : f.inlineTree) {
    auto at = firstAtPosition.find({call.parent, call.file, call.line});
    auto in = firstInCall.find(call.parent);
    uint64_t pc = at != firstAtPosition.end() ? at->second
                  : in != firstInCall.end()   ? in->second
                                              : f.entry;
    call.parentPc = uint32_t(pc - f.entry);
  }
}

// f's inline tree from the inlined calls over its pcs: an entry for each call that holds one
// of them and for each call containing such a call, callers before callees (so an entry's
// parent has a lower index, as the format requires), in the order of their first pc.
// fileIndex gives a path's file number in f's unit.
template <typename FileIndex>
void addInlineTree(pclntab::FuncInput& f, const InlineInfo& inlines, FileIndex fileIndex) {
  std::map<int32_t, int32_t> entryOf;  // node → tree index
  auto add = [&](auto& self, int32_t node) -> int32_t {
    if (node < 0) return -1;
    auto it = entryOf.find(node);
    if (it != entryOf.end()) return it->second;
    const InlineNode& n = inlines.nodes[node];
    int32_t parent = self(self, n.parent);
    int32_t index = int32_t(f.inlineTree.size());
    f.inlineTree.push_back({parent, n.name, fileIndex(n.callFile), int32_t(n.callLine), 0});
    entryOf[node] = index;
    return index;
  };
  auto [first, last] = overlapping(inlines.ranges, f.entry, f.end);
  for (auto r = first; r != last; ++r)
    f.inlineIndex.push_back(
        {std::max(r->start, f.entry), std::min(r->end, f.end), add(add, r->node)});
  if (f.inlineTree.size() > INT16_MAX) {  // more than the format counts: no tree at all
    f.inlineTree.clear();
    f.inlineIndex.clear();
  }
  setParentPCs(f);
}

}  // namespace

llvm::Expected<std::vector<uint8_t>> buildPclntab(const std::string& exePath,
                                                  const PathRewrite& rewrite) {
  auto exe = openExecutable(exePath);
  if (!exe) return exe.takeError();
  auto syms = textFunctions(*exe);
  if (!syms) return syms.takeError();
  uint64_t textStart = exe->text->address();
  uint64_t textEnd = textStart + exe->text->size();

  // DWARF problems are not the build's: a unit whose tables cannot be read just has no lines.
  // LLVM's DWARF reader takes an ObjectFile: a second view of the same bytes.
  auto object = obj::ObjectFile::createELFObjectFile(exe->file.bytes());
  if (!object) return fail("pclntab: " + exePath + ": " + llvm::toString(object.takeError()));
  auto ignore = [](llvm::Error err) { llvm::consumeError(std::move(err)); };
  std::unique_ptr<llvm::DWARFContext> dwarf = llvm::DWARFContext::create(
      **object, llvm::DWARFContext::ProcessDebugRelocations::Ignore, nullptr, "", ignore, ignore);
  Paths paths;
  std::vector<LineRange> lines = readLines(*dwarf, textStart, textEnd, rewrite, paths);
  InlineInfo inlines = readInlines(*dwarf, textStart, textEnd, rewrite, paths);
  uint16_t machine = exe->file.machine();
  std::vector<PCRange> sp = readSPOffsets(*dwarf, machine);

  // llvm::demangle returns a name it cannot demangle (main, C functions) unchanged.
  std::vector<std::string> names;
  for (const Symbol& sym : *syms) names.push_back(llvm::demangle(sym.name));
  std::unordered_set<std::string> outOfLine(names.begin(), names.end());
  for (InlineNode& node : inlines.nodes)
    if (!outOfLine.count(node.name)) node.name = shortFuncName(node.name);

  pclntab::PclnInput in;
  in.ptrSize = exe->file.is64() ? 8 : 4;  // the table is the target's, as Go's linker writes it
  in.textStart = textStart;
  const ArchInfo* arch = archForMachine(machine);
  if (!arch) return fail("pclntab: " + exePath + ": not an executable for a gocc target");
  in.minLC = uint8_t(arch->pcQuantum);
  std::map<uint32_t, uint32_t> cuOf;                // DWARF unit → table unit
  std::vector<std::map<uint32_t, int32_t>> fileOf;  // per table unit: path id → file index
  for (size_t i = 0; i < syms->size(); i++) {
    const Symbol& sym = (*syms)[i];
    pclntab::FuncInput f;
    f.entry = sym.addr;
    f.end = i + 1 < syms->size() ? (*syms)[i + 1].addr : sym.addr + sym.size;
    f.name = std::move(names[i]);

    auto [first, last] = overlapping(lines, f.entry, f.end);
    if (first != last) {
      auto [cu, added] = cuOf.try_emplace(first->unit, uint32_t(in.cus.size()));
      if (added) {
        in.cus.emplace_back();
        fileOf.emplace_back();
      }
      f.cu = cu->second;
      auto fileIndex = [&, cu = f.cu](uint32_t path) {
        auto [file, newFile] = fileOf[cu].try_emplace(path, int32_t(in.cus[cu].files.size()));
        if (newFile) in.cus[cu].files.push_back(paths.list[path]);
        return file->second;
      };
      for (auto r = first; r != last; ++r) {
        uint64_t start = std::max(r->start, f.entry), end = std::min(r->end, f.end);
        f.file.push_back({start, end, fileIndex(r->file)});
        f.line.push_back({start, end, int32_t(r->line)});
      }
      fillGaps(f.file, f.entry, f.end);
      addInlineTree(f, inlines, fileIndex);
    }
    auto [spFirst, spLast] = overlapping(sp, f.entry, f.end);
    for (auto r = spFirst; r != spLast; ++r)
      f.sp.push_back({std::max(r->start, f.entry), std::min(r->end, f.end), r->value});
    in.funcs.push_back(std::move(f));
  }

  std::string error;
  std::vector<uint8_t> bytes = pclntab::encodePclntab(in, &error);
  if (bytes.empty()) return fail("internal error: pclntab for " + exePath + ": " + error);
  return bytes;
}

std::string shortFuncName(const std::string& name) {
  std::string out;
  funcname::forEachShortPiece(name.c_str(), [&](const char* p, size_t n) { out.append(p, n); });
  return out;
}

llvm::Expected<std::unique_ptr<DwarfFrameNames>> DwarfFrameNames::open(const std::string& path) {
  auto file = ElfFile::open(path);
  if (!file) return fail(path + ": " + llvm::toString(file.takeError()));
  if (!file->section(".debug_info")) return nullptr;
  auto names = std::unique_ptr<DwarfFrameNames>(new DwarfFrameNames);
  names->file_ = std::make_unique<ElfFile>(std::move(*file));
  auto object = obj::ObjectFile::createELFObjectFile(names->file_->bytes());
  if (!object) return fail(path + ": " + llvm::toString(object.takeError()));
  names->object_ = std::move(*object);
  auto ignore = [](llvm::Error err) { llvm::consumeError(std::move(err)); };
  names->dwarf_ = llvm::DWARFContext::create(*names->object_,
                                             llvm::DWARFContext::ProcessDebugRelocations::Ignore,
                                             nullptr, "", ignore, ignore);
  return names;
}

DwarfFrameNames::~DwarfFrameNames() = default;

std::vector<std::string> DwarfFrameNames::at(uint64_t pc) {
  llvm::DILineInfoSpecifier spec(llvm::DILineInfoSpecifier::FileLineInfoKind::None,
                                 llvm::DINameKind::LinkageName);
  llvm::DIInliningInfo frames =
      dwarf_->getInliningInfoForAddress({pc, obj::SectionedAddress::UndefSection}, spec);
  std::vector<std::string> out;
  for (uint32_t i = 0; i < frames.getNumberOfFrames(); i++) {
    const std::string& name = frames.getFrame(i).FunctionName;
    out.push_back(name == llvm::DILineInfo::BadString
                      ? std::string()
                      : dieFunctionName(name.c_str()).value_or(std::string()));
  }
  return out;
}

llvm::Error writePclntabObject(llvm::ArrayRef<uint8_t> table, const std::string& objectPath,
                               const Target& target) {
  // No symbols: the linker script names the table's start.
  //
  // On amd64 the section is flagged SHF_X86_64_LARGE, which changes nothing in how it is
  // loaded or read, but gives it another rank in lld's orphan placement: lld puts a section
  // the script does not name (a user's read-only "mysec", libstdc++'s .stapsdt.base) after the
  // last output section of the same rank, and without the flag that would be .gopclntab, so
  // the orphan would move with the table's size and the code using it would change. lld
  // honours the flag on x86-64 only: on arm64 such an orphan still follows the table, and
  // checkTextUnchanged stops the build (docs/ports.md).
  uint64_t flags = llvm::ELF::SHF_ALLOC;
  if (target.is(Arch::AMD64)) flags |= llvm::ELF::SHF_X86_64_LARGE;
  return writeSectionObject(
      objectPath, elfMachine(target),
      {".gopclntab", llvm::ELF::SHT_PROGBITS, flags, 32, llvm::toStringRef(table)});
}

llvm::Error checkTextUnchanged(const std::string& before, const std::string& after) {
  auto a = openExecutable(before);
  if (!a) return a.takeError();
  auto b = openExecutable(after);
  if (!b) return b.takeError();
  auto aBytes = a->file.contents(*a->text), bBytes = b->file.contents(*b->text);
  if (!aBytes || !bBytes) {
    llvm::consumeError(aBytes.takeError());
    llvm::consumeError(bBytes.takeError());
    return fail("internal error: cannot read .text to check that the pclntab moved no code");
  }
  if (a->text->address() != b->text->address() || *aBytes != *bBytes)
    return fail(llvm::formatv("internal error: adding the pclntab changed the code: .text is "
                              "{0} bytes at {1:x} without the table, {2} bytes at {3:x} with it{4}",
                              aBytes->size(), a->text->address(), bBytes->size(),
                              b->text->address(),
                              aBytes->size() == bBytes->size() ? " (contents differ)" : "")
                    .str());

  // The rest of the image must not move either (an orphan section the linker placed after the
  // table would): code addresses data, and the table was made for this layout.
  std::map<std::string, std::pair<uint64_t, uint64_t>> placed;
  for (const ElfSection& s : b->file.sections()) placed[s.name.str()] = {s.address(), s.size()};
  for (const ElfSection& s : a->file.sections()) {
    if (!(s.flags & llvm::ELF::SHF_ALLOC) || s.name == ".gopclntab") continue;
    auto it = placed.find(s.name.str());
    if (it == placed.end() || it->second != std::make_pair(s.address(), s.size()))
      return fail(llvm::formatv("internal error: adding the pclntab moved section {0} "
                                "(at {1:x}, {2} bytes, without the table)",
                                s.name, s.address(), s.size())
                      .str());
  }
  return llvm::Error::success();
}
