// pclntab.h — Go's pc→function/file/line table, the Go 1.18 layout (magic 0xfffffff0), and
// its reader. The runtime reads its own table with it (symtab.cpp: tracebacks, Caller,
// FuncForPC); the driver writes the table after linking (pclntab_encode.h) and reads tables
// back for checks, `gocc tool addr2line` and `gocc info`. docs/pclntab.md describes the
// layout; Go's source is the authority (cmd/link/internal/ld/pcln.go writes it,
// runtime/symtab.go and debug/gosym read it).
//
//   pcHeader     8 bytes (magic, minLC, ptrSize), then 8 words of ptrSize bytes: nfunc,
//                nfiles, textStart, the table offsets (72 bytes with 8-byte pointers, 40 on
//                386; ptrSize is the target's, as Go's linker writes it)
//   funcnametab  NUL-terminated function names
//   cutab        uint32 per (compilation unit, file index): an offset into filetab
//   filetab      nfiles packed NUL-terminated file names
//   pctab        pc-value tables; byte 0 is padding, so offset 0 means "no table"
//   functab      nfunc pairs {entryoff, funcoff} sorted by entryoff, an end entryoff, then
//                the function records (funcoff counts from functab's start): 40 bytes, then
//                npcdata pctab offsets and nfuncdata funcdata offsets of 4 bytes each
//   (funcdata)   the inline trees, after functab: a function's funcdata offsets count from
//                the table's first byte (Go's count from go:func.*, which gocc does not have)
//
// Inlining (Go's inline tree): a function with inlined calls has pcdata table 2
// (PCDATA_InlTreeIndex), whose value at a pc is the index of the innermost inlined call the pc
// belongs to (-1: the function's own code), and funcdata 3 (FUNCDATA_InlTree), an array of
// 20-byte InlinedCall entries, one per inlined call, each naming the inlined function and the
// call site (its file, line and parent entry, the call that contains it). InlineUnwinder turns
// one pc into its source frames, innermost first.
//
// A pc-value table is a sequence of (value delta, pc delta) pairs ended by a zero byte:
// the value delta is a zig-zag varint applied to a running value that starts at -1, the pc
// delta an unsigned varint in units of minLC; each new value holds for [pc, pc + delta).
//
// The reader trusts nothing: every offset, count and varint is checked against the table's
// bounds, so a corrupt table yields "not found" or an error string, never a wild read or a
// hang. It allocates nothing and takes no lock, so it is safe in a signal handler. It is
// header-only and freestanding (no libc), for the runtime's sake.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace pclntab {

constexpr uint32_t kMagic = 0xfffffff0;  // Go 1.18 and later

// The header as the reader and the encoder use it: every word widened to 64 bits. Its memory
// layout is the table's with 8-byte pointers; with 4-byte ones (386) each word is stored in
// 4 bytes (decodeHeader, encodeHeader).
struct Header {
  uint32_t magic;
  uint8_t pad1, pad2;
  uint8_t minLC;
  uint8_t ptrSize;
  int64_t nfunc;
  uint64_t nfiles;
  uint64_t textStart;       // the address entryoffs count from: runtime.text = .text's start
  uint64_t funcnameOffset;  // every offset counts from the header's first byte
  uint64_t cuOffset;
  uint64_t filetabOffset;
  uint64_t pctabOffset;
  uint64_t pclnOffset;  // functab
};
static_assert(sizeof(Header) == 72, "pcHeader is 8 + 8 pointer-sized words");

// The pointer sizes a table may have (Go: 4 on 386 and arm, 8 on amd64 and arm64), and the
// bytes its header takes with each.
constexpr bool validPtrSize(uint8_t ptrSize) { return ptrSize == 4 || ptrSize == 8; }
constexpr size_t headerSize(uint8_t ptrSize) { return 8 + 8 * size_t(ptrSize); }

// The header at data (headerSize(ptrSize) bytes, ptrSize valid) / written to out. A 4-byte
// nfunc is sign-extended (Go's int), the other words zero-extended.
inline Header decodeHeader(const uint8_t* data, uint8_t ptrSize) {
  Header h;
  __builtin_memcpy(&h, data, 8);
  uint64_t words[8];
  for (int i = 0; i < 8; i++) {
    if (ptrSize == 8) {
      __builtin_memcpy(&words[i], data + 8 + i * 8, 8);
    } else {
      uint32_t w;
      __builtin_memcpy(&w, data + 8 + i * 4, 4);
      words[i] = i == 0 ? uint64_t(int64_t(int32_t(w))) : w;
    }
  }
  __builtin_memcpy(reinterpret_cast<uint8_t*>(&h) + 8, words, sizeof words);
  return h;
}
inline void encodeHeader(const Header& h, uint8_t* out) {
  __builtin_memcpy(out, &h, 8);
  const auto* words = reinterpret_cast<const uint8_t*>(&h) + 8;
  for (int i = 0; i < 8; i++) __builtin_memcpy(out + 8 + i * h.ptrSize, words + i * 8, h.ptrSize);
}

// One function (Go: runtime._func). npcdata uint32 pcdata offsets (pctab offsets, 0: none)
// and nfuncdata uint32 funcdata offsets (from the table's start, ~0: none) follow it; gocc
// writes them only for a function with inlined calls: pcdata 0-2 and funcdata 0-3, all
// empty but the inline tree's.
struct FuncRecord {
  uint32_t entryoff;  // the entry pc's offset from textStart
  int32_t nameoff;    // into funcnametab
  int32_t args;       // Go's argument size; 0
  uint32_t deferreturn;
  uint32_t pcsp;    // pctab offsets; 0 = none
  uint32_t pcfile;  //   value: file index within the function's compilation unit
  uint32_t pcln;    //   value: line
  uint32_t npcdata;
  uint32_t cuOffset;  // index into cutab (in entries) of this function's unit; ~0 = none
  uint8_t funcID;
  uint8_t flag;
  uint8_t pad;
  uint8_t nfuncdata;
};
static_assert(sizeof(FuncRecord) == 40, "_func is 10 words of 4 bytes");

// Indexes of the pcdata and funcdata that gocc writes (Go's _PCDATA_InlTreeIndex and
// _FUNCDATA_InlTree), and the funcdata offset meaning "none".
constexpr uint32_t kPCDataInlTreeIndex = 2;
constexpr uint32_t kFuncDataInlTree = 3;
constexpr uint32_t kNoFuncData = ~0u;

// One entry of an inline tree (Go 1.19: runtime.inlinedCall, written by cmd/link's
// genInlTreeSym): a call that the compiler inlined into the function.
struct InlinedCall {
  int16_t parent;  // the entry of the inlined call containing this one; < 0: none, the call
                   //   is in the function's own code. Always below this entry's index.
  uint8_t funcID;  // Go's funcID of the inlined function: 0 (normal)
  uint8_t pad;
  int32_t file;      // the call site's file: an index into the function's unit's files
  int32_t line;      // the call site's line
  int32_t nameoff;   // the inlined function's name, in funcnametab
  int32_t parentPc;  // offset from the entry of a pc in the caller (whose inline index is
                     //   parent), at the call site's line where the code has such a pc
};
static_assert(sizeof(InlinedCall) == 20, "inlinedCall is 20 bytes");

// Pointer-sized alignment of the header, and 4-byte alignment of functab, the records and
// cutab, as Go's runtime reads them in place. The encoder aligns every table to 8 whatever
// the pointer size.
constexpr size_t kHeaderAlign = 8;

// A function found by Table::findFunc.
struct Func {
  const FuncRecord* rec = nullptr;
  uint64_t entry = 0;  // its first pc
  uint64_t end = 0;    // the next function's entry, or the table's end pc
  bool valid() const { return rec != nullptr; }
};

// Decoding helpers, exposed for the encoder's tests.
// Reads an unsigned LEB128 varint of at most 32 bits from [*p, end). False if it runs off
// the end or is longer than 5 bytes.
inline bool readUvarint(const uint8_t** p, const uint8_t* end, uint32_t* out) {
  uint32_t v = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (*p >= end) return false;
    uint8_t b = *(*p)++;
    v |= uint32_t(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      *out = v;
      return true;
    }
  }
  return false;
}

inline int32_t unzigzag(uint32_t u) { return (u & 1) ? int32_t(~(u >> 1)) : int32_t(u >> 1); }

class Table {
public:
  // Takes the table at data (size bytes, as loaded; not copied) and checks its header:
  // magic, pads, minLC against the instruction size quantum of the binary's architecture
  // (Go's sys.PCQuantum: 1 where instructions are byte-aligned, amd64 and 386; 4 on arm64,
  // whose instructions are all 4 bytes; pc deltas count in these units; 0 refuses every
  // table), pointer size (4 or 8: the driver reads tables of every target; the runtime checks
  // that its own has its pointer size), and that every sub-table lies inside the data.
  // Returns nullptr if usable, else what is wrong. loadBias is what the dynamic loader added
  // to every address of a position-independent image (a gocc build -buildmode=c-shared
  // library): the table's textStart is the link-time address, its pcs are found at
  // textStart + loadBias. 0 for an executable, and for the driver reading a file.
  const char* init(const uint8_t* data, size_t size, uint8_t minLC, uint64_t loadBias = 0) {
    data_ = data;
    size_ = size;
    bias_ = loadBias;
    ok_ = false;
    if (!data || size < 8) return "table shorter than its header";
    uint8_t ptrSize = data[7];
    if (!validPtrSize(ptrSize)) return "bad pointer size";
    if (size < headerSize(ptrSize)) return "table shorter than its header";
    if (reinterpret_cast<uintptr_t>(data) % ptrSize != 0)
      return ptrSize == 8 ? "table not 8-byte aligned" : "table not 4-byte aligned";
    header_ = decodeHeader(data, ptrSize);
    const Header* h = header();
    if (h->magic != kMagic) return "bad magic";
    if (h->pad1 != 0 || h->pad2 != 0) return "bad header padding";
    if (minLC == 0 || h->minLC != minLC) return "bad instruction size quantum";
    if (h->nfunc < 0 || uint64_t(h->nfunc) > size / 8) return "bad function count";
    uint64_t offs[] = {h->funcnameOffset, h->cuOffset, h->filetabOffset, h->pctabOffset,
                       h->pclnOffset};
    for (uint64_t off : offs)
      if (off < headerSize(ptrSize) || off > size) return "table offset out of range";
    if (h->pclnOffset % 4 != 0 || h->cuOffset % 4 != 0) return "misaligned functab or cutab";
    // functab: nfunc pairs and the end entry.
    uint64_t ftabBytes = (uint64_t(h->nfunc) * 2 + 1) * 4;
    if (ftabBytes > size - h->pclnOffset) return "functab out of range";
    ok_ = true;
    return nullptr;
  }

  // Go's moduledataverify: textStart is where this binary's text really starts, entries are
  // sorted, and every record lies inside the table and agrees with its functab entry.
  // Returns nullptr if the table is sound.
  const char* verify(uint64_t textStart) const {
    if (const char* bad = verifyFunctab(textStart)) return bad;
    for (int64_t i = 0; i < header()->nfunc; i++)
      if (record(i)->entryoff != entryoff(i)) return "function record does not match its entry";
    return nullptr;
  }

  // verify without reading the records: textStart, functab order, every record's offset in
  // range (Go's moduledataverify1 checks as much). For the runtime, which checks at every
  // start: reading every 40-byte record would fault in most of the table (hello world: ~37
  // of ~45 pages, ~15 µs here). A record that disagrees with its entry is still never used:
  // funcAt treats it as "no function".
  const char* verifyFunctab(uint64_t textStart) const {
    if (!ok_) return "table not initialized";
    const Header* h = header();
    if (h->textStart + bias_ != textStart) return "textStart differs from the text's address";
    for (int64_t i = 0; i < h->nfunc; i++) {
      if (entryoff(i) > entryoff(i + 1)) return "function table not sorted by PC offset";
      if (!recordInRange(i)) return "function record out of range";
    }
    return nullptr;
  }

  bool ok() const { return ok_; }
  const Header* header() const { return &header_; }
  int64_t nfunc() const { return ok_ ? header()->nfunc : 0; }
  uint64_t nfiles() const { return ok_ ? header()->nfiles : 0; }
  // Where the text starts in memory: the header's textStart plus the load bias.
  uint64_t textStart() const { return ok_ ? header()->textStart + bias_ : 0; }
  // [minPC, maxPC): the pcs the table covers.
  uint64_t minPC() const { return nfunc() > 0 ? textStart() + entryoff(0) : 0; }
  uint64_t maxPC() const { return nfunc() > 0 ? textStart() + entryoff(nfunc()) : 0; }

  // The i-th function, in pc order (0 <= i < nfunc), or an invalid Func.
  Func funcAt(int64_t i) const {
    Func f;
    if (i < 0 || i >= nfunc()) return f;
    const FuncRecord* rec = record(i);
    if (!rec || rec->entryoff != entryoff(i)) return f;  // out of range, or not this entry's
    f.rec = rec;
    f.entry = textStart() + entryoff(i);
    f.end = textStart() + entryoff(i + 1);
    return f;
  }

  // The function whose [entry, next entry) holds pc (binary search), or an invalid Func.
  Func findFunc(uint64_t pc) const {
    int64_t n = nfunc();
    if (n == 0 || pc < minPC() || pc >= maxPC()) return Func{};
    uint64_t off = pc - textStart();
    int64_t lo = 0, hi = n;  // find the last i with entryoff(i) <= off
    while (hi - lo > 1) {
      int64_t mid = lo + (hi - lo) / 2;
      if (entryoff(mid) <= off)
        lo = mid;
      else
        hi = mid;
    }
    return funcAt(lo);
  }

  // The function's name (NUL-terminated inside the table), or nullptr.
  const char* funcName(const Func& f) const { return f.valid() ? nameAt(f.rec->nameoff) : nullptr; }

  // The name at nameoff in funcnametab, or nullptr.
  const char* nameAt(int32_t nameoff) const {
    if (!ok_ || nameoff < 0) return nullptr;
    return cstring(header()->funcnameOffset, uint64_t(nameoff), header()->cuOffset);
  }

  // The value of pc-value table tableOff at pc (Go's pcvalue), or -1 when the table is
  // absent, does not cover pc, or is malformed.
  int32_t pcValue(const Func& f, uint32_t tableOff, uint64_t pc) const {
    if (!f.valid() || tableOff == 0 || pc < f.entry) return -1;
    const Header* h = header();
    uint64_t start = h->pctabOffset + uint64_t(tableOff);
    if (start >= size_) return -1;
    const uint8_t* p = data_ + start;
    const uint8_t* end = data_ + size_;
    int32_t val = -1;
    uint64_t cur = f.entry;
    for (bool first = true;; first = false) {
      uint32_t uvdelta, pcdelta;
      if (!readUvarint(&p, end, &uvdelta)) return -1;
      if (uvdelta == 0 && !first) return -1;  // end of table: pc not covered
      if (!readUvarint(&p, end, &pcdelta)) return -1;
      val =
          int32_t(uint32_t(val) + uint32_t(unzigzag(uvdelta)));  // wraps, as Go's int32 does; no UB
      cur += uint64_t(pcdelta) * h->minLC;
      if (pc < cur) return val;
    }
  }

  // The source file and line of pc in f (Go's funcline1). False if unknown.
  bool fileLine(const Func& f, uint64_t pc, const char** file, int32_t* line) const {
    if (!f.valid()) return false;
    int32_t ln = pcValue(f, f.rec->pcln, pc);
    int32_t fileno = pcValue(f, f.rec->pcfile, pc);
    if (ln < 0 || fileno < 0) return false;
    const char* name = fileName(f, uint32_t(fileno));
    if (!name) return false;
    *file = name;
    *line = ln;
    return true;
  }

  // The SP offset of the frame at pc (the pcsp table), or -1 if unknown.
  int32_t spDelta(const Func& f, uint64_t pc) const {
    return f.valid() ? pcValue(f, f.rec->pcsp, pc) : -1;
  }

  // The pctab offset of f's pcdata table i, or 0 (none).
  uint32_t pcdataOffset(const Func& f, uint32_t i) const {
    if (!f.valid() || i >= f.rec->npcdata) return 0;
    uint64_t at = recordOffset(f) + sizeof(FuncRecord) + uint64_t(i) * 4;
    return at + 4 <= size_ ? load32(at) : 0;
  }

  // The offset (from the table's start) of f's funcdata i, or kNoFuncData.
  uint32_t funcdataOffset(const Func& f, uint32_t i) const {
    if (!f.valid() || i >= f.rec->nfuncdata) return kNoFuncData;
    uint64_t at = recordOffset(f) + sizeof(FuncRecord) + (uint64_t(f.rec->npcdata) + i) * 4;
    return at + 4 <= size_ ? load32(at) : kNoFuncData;
  }

  // The index in f's inline tree of the innermost inlined call that pc belongs to, or -1
  // (f's own code, or f has no inline tree). Go: pcdatavalue(f, _PCDATA_InlTreeIndex, pc).
  int32_t inlineIndex(const Func& f, uint64_t pc) const {
    return pcValue(f, pcdataOffset(f, kPCDataInlTreeIndex), pc);
  }

  // Entry ix of f's inline tree; false if f has none or the entry lies outside the table.
  bool inlinedCall(const Func& f, int32_t ix, InlinedCall* out) const {
    uint32_t tree = funcdataOffset(f, kFuncDataInlTree);
    if (ix < 0 || tree == kNoFuncData) return false;
    uint64_t at = uint64_t(tree) + uint64_t(ix) * sizeof(InlinedCall);
    if (at > size_ || sizeof(InlinedCall) > size_ - at) return false;
    __builtin_memcpy(out, data_ + at, sizeof *out);
    return true;
  }

  // File number k of f's compilation unit, or nullptr.
  const char* fileName(const Func& f, uint32_t k) const {
    if (!f.valid() || f.rec->cuOffset == ~0u) return nullptr;
    const Header* h = header();
    uint64_t at = h->cuOffset + (uint64_t(f.rec->cuOffset) + k) * 4;
    if (at + 4 > h->filetabOffset && h->filetabOffset > h->cuOffset) return nullptr;  // past cutab
    if (at + 4 > size_) return nullptr;
    uint32_t off = load32(at);
    if (off == ~0u) return nullptr;
    return cstring(h->filetabOffset, off, 0);
  }

private:
  uint32_t load32(uint64_t at) const {
    uint32_t v;
    __builtin_memcpy(&v, data_ + at, 4);
    return v;
  }
  uint32_t entryoff(int64_t i) const { return load32(header()->pclnOffset + uint64_t(i) * 8); }
  uint32_t funcoff(int64_t i) const { return load32(header()->pclnOffset + uint64_t(i) * 8 + 4); }
  uint64_t recordOffset(const Func& f) const {
    return uint64_t(reinterpret_cast<const uint8_t*>(f.rec) - data_);
  }
  bool recordInRange(int64_t i) const {
    uint64_t at = header()->pclnOffset + uint64_t(funcoff(i));
    return at % 4 == 0 && at <= size_ && sizeof(FuncRecord) <= size_ - at;
  }
  const FuncRecord* record(int64_t i) const {
    if (!recordInRange(i)) return nullptr;
    return reinterpret_cast<const FuncRecord*>(data_ + header()->pclnOffset + uint64_t(funcoff(i)));
  }
  // The NUL-terminated string at base+off, which must end before limit (0: the table's end).
  const char* cstring(uint64_t base, uint64_t off, uint64_t limit) const {
    uint64_t end = (limit > base && limit <= size_) ? limit : size_;
    if (off >= end - base) return nullptr;
    for (uint64_t i = base + off; i < end; i++)
      if (data_[i] == 0) return reinterpret_cast<const char*>(data_ + base + off);
    return nullptr;
  }

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  uint64_t bias_ = 0;  // see init
  bool ok_ = false;
  Header header_ = {};  // decoded by init
};

// One source-level frame at a pc (Go: what runtime.Frames and the traceback show).
struct SourceFrame {
  const char* name = nullptr;  // the function's name; nullptr if the table has none
  const char* file = nullptr;  // nullptr if unknown
  int32_t line = -1;           // -1 if unknown
  uint64_t pc = 0;             // the pc for this frame: the pc asked about for the innermost, the
                               //   entry plus the call's parentPc for each caller (Go's)
  bool inlined = false;        // an inlined call's frame; false for the function itself (the last)
};

// The source frames at pc in f, innermost first: one per inlined call that pc lies in, each
// at the position inside its function, then f itself at the outermost call site (Go's
// traceback and Frames walk the inline tree the same way). Without inlining at pc, the one
// frame is f at pc's own file and line. Each step goes to the entry's parent, which must have
// a lower index (a corrupt tree goes straight to f), so the walk ends: it allocates nothing
// and reads only inside the table.
class InlineUnwinder {
public:
  InlineUnwinder(const Table& t, const Func& f, uint64_t pc) : t_(t), f_(f), pc_(pc) {
    done_ = !f.valid();
    if (done_) return;
    ix_ = t.inlineIndex(f, pc);
    int32_t fileno = t.pcValue(f, f.rec->pcfile, pc);
    file_ = fileno >= 0 ? t.fileName(f, uint32_t(fileno)) : nullptr;
    line_ = t.pcValue(f, f.rec->pcln, pc);
  }

  // The next frame outwards; false when f itself has been returned.
  bool next(SourceFrame* out) {
    if (done_) return false;
    out->file = file_;
    out->line = line_;
    out->pc = pc_;
    InlinedCall call;
    if (ix_ >= 0 && t_.inlinedCall(f_, ix_, &call)) {
      out->name = t_.nameAt(call.nameoff);
      out->inlined = true;
      // The caller's frame is at the call site.
      file_ = call.file >= 0 ? t_.fileName(f_, uint32_t(call.file)) : nullptr;
      line_ = call.line;
      pc_ = f_.entry + uint32_t(call.parentPc);
      ix_ = call.parent < ix_ ? call.parent : -1;
      return true;
    }
    out->name = t_.funcName(f_);
    out->inlined = false;
    done_ = true;
    return true;
  }

private:
  const Table& t_;
  Func f_;
  uint64_t pc_;
  int32_t ix_ = -1;
  const char* file_ = nullptr;
  int32_t line_ = -1;
  bool done_ = false;
};

}  // namespace pclntab
