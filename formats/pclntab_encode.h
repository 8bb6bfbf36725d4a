// pclntab_encode.h — writes Go's pc→function/file/line table (the Go 1.18 layout that
// pclntab.h reads) from a plain description of the program's functions.
//
// This is the half of the pclntab step that knows the format and nothing of ELF or DWARF:
// driver/pclntab.cpp reads the linked executable and fills a PclnInput; encodePclntab lays
// the bytes out exactly as Go's linker does (cmd/link/internal/ld/pcln.go):
//
//   pcHeader (72; 40 with 4-byte pointers) | funcnametab | cutab | filetab | pctab | functab +
//   _func records | inline trees (Go keeps these in go:func.*; gocc, which has no such symbol,
//   here)
//
// each table's size rounded up to 8 and each table placed at Go's symalign (the largest
// power of two not above its size, at most 32), so funcnametab starts at 0x60 as in a Go
// binary. Within pctab, byte 0 is padding (offset 0 means "no table") and identical
// pc-value tables are stored once. It has no LLVM dependency, and it is deterministic: the
// same input gives the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pclntab {

// A value that holds for the pcs [start, end) (absolute addresses).
struct PCRange {
  uint64_t start = 0;
  uint64_t end = 0;
  int32_t value = 0;
};

constexpr uint32_t kNoCU = ~0u;

// One call inlined into a function: an entry of its inline tree (formats/pclntab.h's
// InlinedCall).
struct InlinedCallInput {
  int32_t parent = -1;    // the index of the inlined call containing this one, below this
                          //   entry's own; -1: the call is in the function's own code
  std::string name;       // the inlined function's name
  int32_t file = -1;      // the call site's file: an index into the unit's files
  int32_t line = 0;       // the call site's line
  uint32_t parentPc = 0;  // offset from the entry of a pc in the caller, at the call site
};

// One function. Its tables cover [entry, end); where no range says otherwise the value is
// -1 ("unknown"), which is what Go's readers return for a pc a table does not describe.
struct FuncInput {
  uint64_t entry = 0;
  uint64_t end = 0;  // the next function's entry, or this one's end for the last
  std::string name;
  uint32_t cu = kNoCU;        // index into PclnInput::cus; kNoCU for a function without lines
  std::vector<PCRange> file;  // value: index into cus[cu].files
  std::vector<PCRange> line;
  std::vector<PCRange> sp;  // SP offset from the entry's (Go's pcsp); empty: no table at all
  // The inline tree, and for each pc the index in it of the innermost inlined call the pc
  // belongs to (-1 where no range says: the function's own code). An empty tree: the
  // function gets neither pcdata nor funcdata.
  std::vector<InlinedCallInput> inlineTree;
  std::vector<PCRange> inlineIndex;
};

struct CUInput {
  std::vector<std::string> files;
};

struct PclnInput {
  uint8_t ptrSize = 8;  // the target's pointer size: 8 (amd64), 4 (386)
  uint64_t textStart = 0;
  uint8_t minLC = 1;  // the instruction size quantum (ArchInfo::pcQuantum): pcs in multiples of it
  std::vector<FuncInput> funcs;  // sorted by entry, entries distinct, ranges within [entry, end)
  std::vector<CUInput> cus;
};

// The table's bytes, or an empty vector and *error set when the input breaks the rules above
// (unsorted functions, an entry below textStart, a range outside its function, a file index
// out of its CU, an inline tree entry whose parent, index or parentPc is out of range, a pc
// that is not a multiple of minLC from its function's entry, offsets beyond 32 bits). The inline
// trees follow functab, each 4-aligned, in function order.
std::vector<uint8_t> encodePclntab(const PclnInput& in, std::string* error);

// One pc-value table for [entry, end): (zig-zag value delta, pc delta in units of minLC)
// pairs from a running value of -1, ended by a 0 byte. ranges must be sorted, disjoint and
// inside [entry, end), their bounds multiples of minLC from entry.
std::vector<uint8_t> encodePCValue(uint64_t entry, uint64_t end, const std::vector<PCRange>& ranges,
                                   uint8_t minLC = 1);

// The varints of the format (Go's binary.PutUvarint and the zig-zag of PutVarint).
void appendUvarint(std::vector<uint8_t>& out, uint32_t v);
uint32_t zigzag(int32_t v);

}  // namespace pclntab
