// The pclntab encoder: see pclntab_encode.h. The byte layout follows Go's linker
// (cmd/link/internal/ld/pcln.go: generatePCHeader, generateFuncnametab,
// generateFilenameTabs, generatePctab, generateFunctab, genInlTreeSym) and the pc-value encoding
// cmd/internal/obj/pcln.go's funcpctab; pclntab.h is the reader it must satisfy.
#include "formats/pclntab_encode.h"

#include "formats/pclntab.h"

#include <cstdint>
#include <cstring>
#include <map>
#include <unordered_map>

namespace pclntab {

void appendUvarint(std::vector<uint8_t>& out, uint32_t v) {
  while (v >= 0x80) {
    out.push_back(uint8_t(v) | 0x80);
    v >>= 7;
  }
  out.push_back(uint8_t(v));
}

uint32_t zigzag(int32_t v) {
  uint32_t u = uint32_t(v) << 1;
  return v < 0 ? ~u : u;
}

std::vector<uint8_t> encodePCValue(uint64_t entry, uint64_t end, const std::vector<PCRange>& ranges,
                                   uint8_t minLC) {
  // Runs of (value, length) covering [entry, end), gaps as -1, equal neighbours merged: a
  // later pair must never have a zero value delta (that byte ends the table).
  std::vector<std::pair<int32_t, uint64_t>> runs;
  auto add = [&](int32_t value, uint64_t length) {
    if (length == 0) return;
    if (!runs.empty() && runs.back().first == value)
      runs.back().second += length;
    else
      runs.push_back({value, length});
  };
  uint64_t pc = entry;
  for (const PCRange& r : ranges) {
    add(-1, r.start - pc);
    add(r.value, r.end - r.start);
    pc = r.end;
  }
  add(-1, end - pc);

  std::vector<uint8_t> out;
  int32_t prev = -1;
  for (auto [value, length] : runs) {
    // The value delta wraps in 32 bits, as the decoders' int32 addition does.
    appendUvarint(out, zigzag(int32_t(uint32_t(value) - uint32_t(prev))));
    // pc deltas are in units of minLC (1 on amd64, 4 on arm64). A run longer than a uint32
    // is split with no value change, which the first-pair rule cannot express, so functions
    // that large are refused by encodePclntab instead.
    appendUvarint(out, uint32_t(length / minLC));
    prev = value;
  }
  out.push_back(0);
  return out;
}

namespace {

uint64_t roundUp(uint64_t n, uint64_t a) { return (n + a - 1) / a * a; }

// Go's symalign for a generated table: the largest power of two not above its size, capped
// at Maxalign (32 on amd64), at least Minalign (1).
uint64_t symalign(uint64_t size) {
  uint64_t align = 32;
  while (align > size && align > 1) align >>= 1;
  return align;
}

void put32(std::vector<uint8_t>& buf, uint64_t at, uint32_t v) { std::memcpy(&buf[at], &v, 4); }

// Checks that ranges are sorted, disjoint and inside [entry, end), with bounds that a pc
// delta in units of minLC can reach.
bool rangesValid(const FuncInput& f, const std::vector<PCRange>& ranges, uint8_t minLC) {
  uint64_t pc = f.entry;
  for (const PCRange& r : ranges) {
    if (r.start < pc || r.end < r.start || r.end > f.end) return false;
    if ((r.start - f.entry) % minLC != 0 || (r.end - f.entry) % minLC != 0) return false;
    pc = r.end;
  }
  return true;
}

}  // namespace

std::vector<uint8_t> encodePclntab(const PclnInput& in, std::string* error) {
  auto failWith = [&](std::string why) {
    *error = std::move(why);
    return std::vector<uint8_t>();
  };

  // Check the input first: every later step may then assume it.
  if (in.minLC != 1 && in.minLC != 4) return failWith("bad instruction size quantum");
  for (size_t i = 0; i < in.funcs.size(); i++) {
    const FuncInput& f = in.funcs[i];
    if (f.entry < in.textStart || f.end <= f.entry || (f.end - f.entry) % in.minLC != 0)
      return failWith("function " + f.name + ": bad range");
    if (f.end - in.textStart > UINT32_MAX)
      return failWith("function " + f.name + ": more than 4 GiB past the text start");
    if (i > 0 && f.entry < in.funcs[i - 1].end)
      return failWith("function " + f.name + ": not sorted, or overlapping the previous one");
    if (!rangesValid(f, f.file, in.minLC) || !rangesValid(f, f.line, in.minLC) ||
        !rangesValid(f, f.sp, in.minLC))
      return failWith("function " + f.name + ": pc range outside the function or unsorted");
    if (f.cu != kNoCU && f.cu >= in.cus.size())
      return failWith("function " + f.name + ": no such compilation unit");
    auto fileInCU = [&](int32_t file) {
      return f.cu != kNoCU && size_t(file) < in.cus[f.cu].files.size();
    };
    for (const PCRange& r : f.file)
      if (r.value >= 0 && !fileInCU(r.value))
        return failWith("function " + f.name + ": file index out of its compilation unit");
    if (f.inlineTree.size() > INT16_MAX)
      return failWith("function " + f.name + ": more inlined calls than an int16 counts");
    if (!rangesValid(f, f.inlineIndex, in.minLC))
      return failWith("function " + f.name + ": inline index range outside the function");
    for (const PCRange& r : f.inlineIndex)
      if (r.value < -1 || r.value >= int32_t(f.inlineTree.size()))
        return failWith("function " + f.name + ": inline index out of its tree");
    for (size_t k = 0; k < f.inlineTree.size(); k++) {
      const InlinedCallInput& call = f.inlineTree[k];
      if (call.parent < -1 || call.parent >= int32_t(k) || call.parentPc >= f.end - f.entry ||
          !fileInCU(call.file))
        return failWith("function " + f.name + ": inlined call " + std::to_string(k) +
                        ": parent, parentPc or file out of range");
    }
  }

  // funcnametab: NUL-terminated names, each distinct name stored once.
  std::vector<uint8_t> funcnametab;
  std::vector<uint32_t> nameOffsets;
  std::unordered_map<std::string, uint32_t> nameAt;
  auto addName = [&](const std::string& name) {
    auto [it, added] = nameAt.try_emplace(name, uint32_t(funcnametab.size()));
    if (added) {
      funcnametab.insert(funcnametab.end(), name.begin(), name.end());
      funcnametab.push_back(0);
    }
    return it->second;
  };
  // Each function's name, then its inlined functions' (Go's walkFuncs order).
  std::vector<std::vector<uint32_t>> inlineNameOffsets;
  for (const FuncInput& f : in.funcs) {
    nameOffsets.push_back(addName(f.name));
    inlineNameOffsets.emplace_back();
    for (const InlinedCallInput& call : f.inlineTree)
      inlineNameOffsets.back().push_back(addName(call.name));
  }

  // filetab: each distinct path once, in first-use order, packed (gosym walks it nfiles
  // times); cutab: for each unit, its files' offsets into filetab.
  std::vector<uint8_t> filetab;
  std::unordered_map<std::string, uint32_t> fileAt;
  std::vector<uint32_t> cutab, cuOffsets;
  for (const CUInput& cu : in.cus) {
    cuOffsets.push_back(uint32_t(cutab.size()));
    for (const std::string& file : cu.files) {
      auto [it, added] = fileAt.try_emplace(file, uint32_t(filetab.size()));
      if (added) {
        filetab.insert(filetab.end(), file.begin(), file.end());
        filetab.push_back(0);
      }
      cutab.push_back(it->second);
    }
  }

  // pctab: a padding byte, then each distinct table once, in the order Go writes them
  // (pcsp, pcfile, pcln for each function in turn).
  std::vector<uint8_t> pctab = {0};
  std::map<std::vector<uint8_t>, uint32_t> tableAt;
  auto addTable = [&](std::vector<uint8_t> table) {
    auto [it, added] = tableAt.try_emplace(std::move(table), uint32_t(pctab.size()));
    if (added) pctab.insert(pctab.end(), it->first.begin(), it->first.end());
    return it->second;
  };
  struct Offsets {
    uint32_t sp, file, line, inlineIndex;
  };
  std::vector<Offsets> tables;
  for (const FuncInput& f : in.funcs) {
    Offsets o;
    o.sp = f.sp.empty() ? 0 : addTable(encodePCValue(f.entry, f.end, f.sp, in.minLC));
    o.file = addTable(encodePCValue(f.entry, f.end, f.file, in.minLC));
    o.line = addTable(encodePCValue(f.entry, f.end, f.line, in.minLC));
    o.inlineIndex =
        f.inlineTree.empty() ? 0 : addTable(encodePCValue(f.entry, f.end, f.inlineIndex, in.minLC));
    tables.push_back(o);
  }

  // functab: {entryoff, funcoff} pairs, the end entryoff, then the records, each 8-aligned;
  // a function with an inline tree has pcdata 0-2 and funcdata 0-3 after its record.
  constexpr uint32_t kNPCData = kPCDataInlTreeIndex + 1, kNFuncData = kFuncDataInlTree + 1;
  uint64_t n = in.funcs.size();
  std::vector<uint64_t> recordAt(n);
  uint64_t functabSize = (n * 2 + 1) * 4;
  for (uint64_t i = 0; i < n; i++) {
    functabSize = roundUp(functabSize, 8);
    recordAt[i] = functabSize;
    functabSize += sizeof(FuncRecord);
    if (!in.funcs[i].inlineTree.empty()) functabSize += (kNPCData + kNFuncData) * 4;
  }
  // The inline trees, after functab: their offsets count from the table's start.
  uint64_t treesSize = 0;
  std::vector<uint64_t> treeAt(n);
  for (uint64_t i = 0; i < n; i++) {
    treeAt[i] = treesSize;
    treesSize += in.funcs[i].inlineTree.size() * sizeof(InlinedCall);
  }

  // Layout: the header at 0, then each table at Go's alignment, sizes rounded up to 8.
  uint64_t rawSizes[] = {funcnametab.size(), cutab.size() * 4, filetab.size(), pctab.size(),
                         functabSize};
  uint64_t offsets[5];
  if (!validPtrSize(in.ptrSize)) return failWith("pointer size not 4 or 8");
  uint64_t off = roundUp(headerSize(in.ptrSize), 8);
  for (int t = 0; t < 5; t++) {
    uint64_t size = roundUp(rawSizes[t], 8);
    off = roundUp(off, symalign(size));
    offsets[t] = off;
    off += size;
  }
  uint64_t treesAt = off;
  off += roundUp(treesSize, 8);
  if (off > UINT32_MAX) return failWith("table larger than 4 GiB");
  std::vector<uint8_t> out(off, 0);

  Header h = {};
  h.magic = kMagic;
  h.minLC = in.minLC;
  h.ptrSize = in.ptrSize;
  h.nfunc = int64_t(n);
  h.nfiles = fileAt.size();
  h.textStart = in.textStart;
  h.funcnameOffset = offsets[0];
  h.cuOffset = offsets[1];
  h.filetabOffset = offsets[2];
  h.pctabOffset = offsets[3];
  h.pclnOffset = offsets[4];
  if (in.ptrSize == 4 && (in.textStart > UINT32_MAX || off > INT32_MAX))
    return failWith("text start or table beyond 4-byte pointers");
  encodeHeader(h, &out[0]);
  std::memcpy(&out[offsets[0]], funcnametab.data(), funcnametab.size());
  for (size_t i = 0; i < cutab.size(); i++) put32(out, offsets[1] + i * 4, cutab[i]);
  std::memcpy(&out[offsets[2]], filetab.data(), filetab.size());
  std::memcpy(&out[offsets[3]], pctab.data(), pctab.size());

  uint64_t functab = offsets[4];
  for (uint64_t i = 0; i < n; i++) {
    const FuncInput& f = in.funcs[i];
    uint32_t entryoff = uint32_t(f.entry - in.textStart);
    uint32_t funcoff = uint32_t(recordAt[i]);
    put32(out, functab + i * 8, entryoff);
    put32(out, functab + i * 8 + 4, funcoff);

    FuncRecord rec = {};
    rec.entryoff = entryoff;
    rec.nameoff = int32_t(nameOffsets[i]);
    rec.pcsp = tables[i].sp;
    rec.pcfile = tables[i].file;
    rec.pcln = tables[i].line;
    rec.cuOffset = f.cu == kNoCU ? kNoCU : cuOffsets[f.cu];
    if (!f.inlineTree.empty()) {
      rec.npcdata = kNPCData;
      rec.nfuncdata = kNFuncData;
      uint64_t at = functab + funcoff + sizeof(FuncRecord);
      put32(out, at + kPCDataInlTreeIndex * 4, tables[i].inlineIndex);  // the others: 0, none
      at += kNPCData * 4;
      for (uint32_t k = 0; k < kNFuncData; k++) put32(out, at + k * 4, kNoFuncData);
      put32(out, at + kFuncDataInlTree * 4, uint32_t(treesAt + treeAt[i]));
      for (size_t k = 0; k < f.inlineTree.size(); k++) {
        const InlinedCallInput& call = f.inlineTree[k];
        InlinedCall entry = {};
        entry.parent = int16_t(call.parent);
        entry.file = call.file;
        entry.line = call.line;
        entry.nameoff = int32_t(inlineNameOffsets[i][k]);
        entry.parentPc = int32_t(call.parentPc);
        std::memcpy(&out[treesAt + treeAt[i] + k * sizeof entry], &entry, sizeof entry);
      }
    }
    std::memcpy(&out[functab + funcoff], &rec, sizeof rec);
  }
  if (n > 0) put32(out, functab + n * 8, uint32_t(in.funcs.back().end - in.textStart));
  return out;
}

}  // namespace pclntab
