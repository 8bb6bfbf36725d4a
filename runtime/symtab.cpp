// symtab.cpp — the module's layout and its symbol table (Go: symtab.go's modulesinit,
// moduledataverify, findfunc, funcline).
//
// A Go binary describes itself in moduledata, written by the linker. gocc's linker script
// (linker-scripts/linux.ld.in) defines the symbols for the same facts: where code and
// data start and end, where each group of init functions is, and where the pclntab is
// (the driver builds it after a first link and adds it in a second, as .gopclntab, last in
// the image so that no code moves; formats/pclntab.h has its format). modulesinit collects
// them and checks that they are consistent before anything relies on them.
//
// Invariants, once modulesinit has returned:
//  - firstmoduledata.pcln is either not ok() (the binary has no table) or a table whose
//    header and functab were checked against this very binary: textStart is runtime.text,
//    the functab is sorted, every record's offset lies in the table, and every function
//    lies inside [runtime.text, runtime.etext). The records themselves are not read at
//    start-up (that would fault in most of the table); a lookup refuses one that disagrees
//    with its functab entry.
//  - Lookups never write and never allocate; a corrupt record found later (the header
//    check cannot read every byte) gives "not found", never a wild read.
//
// The table has a start symbol but no end symbol: an end symbol's value would differ
// between the driver's two links, and with it every instruction that used it. The table
// runs to the end of the PT_LOAD segment holding it (it is alone in its segment), found in
// the program headers the kernel passed in AT_PHDR.
//
// A library (gocc build -buildmode=c-shared|c-archive) is not the executable: AT_PHDR describes
// the host. A shared library is linked by gocc with the same script, so the symbols are there;
// its own program headers and load bias come from dl_iterate_phdr (the image holding the
// runtime's code), and the table's addresses are its link-time ones, which the load bias
// turns into pcs (pclntab::Table::init). An archive is linked into the host by the host's
// linker: the driver put all of its code in one section bracketed by runtime.text/etext
// (linker-scripts/c-archive.ld) and its table in gocc_pclntab, made for that
// section at an address of the driver's choosing, so the bias is where the host put
// runtime.text less that address. The archive's other script symbols are weak references, 0
// there: its data bounds are the host's writable segment, and its constructors lie between
// __start_gocc_init_array and __stop_gocc_init_array, the section the driver renamed them
// into (docs/ports.md).
//
// An empty table (no segment, or an empty one, at runtime.pclntab) is legal: only the driver's
// first, throw-away link and the runtime's own unit-test binary have one. Such a program runs;
// Caller and FuncForPC find nothing and tracebacks print bare pcs. A table that is present
// but wrong stops the program with Go's "fatal error: invalid function symbol table".
#include "symtab.h"

#include <elf.h>
#include <link.h>

#include "arch.h"
#include "os_linux.h"
#include "print.h"

extern "C" {
SCRIPT_SYMBOL extern char runtime_text[] asm("runtime.text");
SCRIPT_SYMBOL extern char runtime_etext[] asm("runtime.etext");
SCRIPT_SYMBOL extern char runtime_data[] asm("runtime.data");
SCRIPT_SYMBOL extern char runtime_edata[] asm("runtime.edata");
SCRIPT_SYMBOL extern char runtime_bss[] asm("runtime.bss");
SCRIPT_SYMBOL extern char runtime_ebss[] asm("runtime.ebss");
SCRIPT_SYMBOL extern char runtime_end[] asm("runtime.end");
SCRIPT_SYMBOL extern const uint8_t runtime_pclntab[] asm("runtime.pclntab");
SCRIPT_SYMBOL extern runtime::initFunc __gocc_init_runtime_start[], __gocc_init_runtime_end[];
SCRIPT_SYMBOL extern runtime::initFunc __gocc_init_libgcc_start[], __gocc_init_libgcc_end[];
SCRIPT_SYMBOL extern runtime::initFunc __gocc_init_libstdcxx_start[], __gocc_init_libstdcxx_end[];
SCRIPT_SYMBOL extern runtime::initFunc __gocc_init_program_start[], __gocc_init_program_end[];
// What the host's linker defines for an archive's renamed constructors and for its table.
__attribute__((weak)) extern runtime::initFunc __start_gocc_init_array[], __stop_gocc_init_array[];
__attribute__((weak)) extern const uint8_t __start_gocc_pclntab[], __stop_gocc_pclntab[];
}

namespace runtime {

moduledata firstmoduledata;

namespace {
void moduledataverify(const moduledata& md) {
  auto inOrder = [](uintptr a, uintptr b) { return a <= b; };
  if (!inOrder(md.text, md.etext) || !inOrder(md.etext, md.noptrdata) ||
      !inOrder(md.noptrdata, md.enoptrdata) || !inOrder(md.bss, md.ebss) ||
      !inOrder(md.ebss, md.end)) {
    print("runtime: text=", hex(md.text), " etext=", hex(md.etext), " data=", hex(md.noptrdata),
          " edata=", hex(md.enoptrdata), " bss=", hex(md.bss), " ebss=", hex(md.ebss),
          " end=", hex(md.end), "\n");
    throw_("invalid module layout");
  }
  // Every init function must be code of this module: a bad .init_array would otherwise
  // jump anywhere.
  auto checkGroup = [&](initFunc* s, initFunc* e) {
    if (e < s) throw_("invalid init array bounds");
    for (initFunc* f = s; f < e; f++) {
      uintptr pc = reinterpret_cast<uintptr>(*f);
      if (pc < md.text || pc >= md.etext) {
        print("runtime: init function ", hex(pc), " outside text [", hex(md.text), ", ",
              hex(md.etext), ")\n");
        throw_("invalid init array");
      }
    }
  };
  for (const auto& grp : md.libinit) checkGroup(grp.start, grp.end);
  checkGroup(md.initarray, md.einitarray);
}

// The program headers of the image holding this code, and its load bias.
struct image {
  const ElfW(Phdr) * phdr = nullptr;
  uint64 phnum = 0;
  uintptr bias = 0;
};

image ownImage() {
  image im;
#ifdef GOCC_LIBRARY
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* arg) {
        auto pc = reinterpret_cast<uintptr>(&modulesinit);
        for (int i = 0; i < info->dlpi_phnum; i++) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[i];
          if (ph.p_type == PT_LOAD && pc >= info->dlpi_addr + ph.p_vaddr &&
              pc < info->dlpi_addr + ph.p_vaddr + ph.p_memsz) {
            *static_cast<image*>(arg) = image{info->dlpi_phdr, info->dlpi_phnum, info->dlpi_addr};
            return 1;
          }
        }
        return 0;
      },
      &im);
#else
  // Non-PIE (the linker script's layout): p_vaddr is the address.
  im.phdr = reinterpret_cast<const ElfW(Phdr)*>(phdrAddr);
  im.phnum = phdrCount;
#endif
  return im;
}

// The loaded segment of im holding addr, or null.
const ElfW(Phdr) * segmentOf(const image& im, uintptr addr) {
  for (uint64 i = 0; im.phdr && i < im.phnum; i++) {
    const ElfW(Phdr)& ph = im.phdr[i];
    if (ph.p_type == PT_LOAD && addr >= im.bias + ph.p_vaddr &&
        addr < im.bias + ph.p_vaddr + ph.p_memsz)
      return &ph;
  }
  return nullptr;
}

// The end of the loaded segment holding the table that starts at start, or start itself
// if no segment holds it (the driver's first link, the unit tests: no table).
const uint8_t* pclntabEnd(const image& im, uintptr start) {
  const ElfW(Phdr)* ph = start ? segmentOf(im, start) : nullptr;
  return reinterpret_cast<const uint8_t*>(ph ? im.bias + ph->p_vaddr + ph->p_memsz : start);
}

// pclntabverify: the pclntab's header, functab order and records (pclntab::Table), and
// that the functions it describes are this binary's code. Go prints the header's figures
// and throws "invalid function symbol table"; so does gocc, with what it found wrong.
void pclntabverify(moduledata& md, const uint8_t* start, const uint8_t* end, uintptr bias) {
  if (end == start) return;  // no table: see the file comment
  // The reader takes tables of either pointer size (the driver reads every target's); this
  // program's must have its own, as Go's moduledataverify1 insists.
  const char* bad = end < start ? "table bounds reversed"
                    : end - start > 7 && start[7] != sizeof(void*)
                        ? "bad pointer size"
                        : md.pcln.init(start, size_t(end - start), pcQuantum, bias);
  if (!bad) bad = md.pcln.verifyFunctab(md.text);  // records: checked at each lookup
  if (!bad && md.pcln.nfunc() > 0 && (md.pcln.minPC() < md.text || md.pcln.maxPC() > md.etext))
    bad = "functions outside the text segment";
  if (!bad) return;
  md.pcln = pclntab::Table{};  // nothing may use it, tracebacks included
  print("runtime: pclntab at ", hex(start), " (", uintptr(end - start), " bytes): ", bad,
        "; text=", hex(md.text), " etext=", hex(md.etext), "\n");
  throw_("invalid function symbol table");
}
}  // namespace

pclntab::Func findfunc(uintptr pc) { return firstmoduledata.pcln.findFunc(pc); }

const char* funcname(const pclntab::Func& f) { return firstmoduledata.pcln.funcName(f); }

bool funcline(const pclntab::Func& f, uintptr pc, const char** file, int32* line) {
  return firstmoduledata.pcln.fileLine(f, pc, file, line);
}

pclntab::InlineUnwinder inlineFrames(const pclntab::Func& f, uintptr pc) {
  return pclntab::InlineUnwinder(firstmoduledata.pcln, f, pc);
}

// modulesinit: describe the executable (or the library) from the linker script's symbols, and
// verify it.
extern "C" void modulesinit() {
  moduledata& md = firstmoduledata;
  image im = ownImage();
  md.text = uintptr(runtime_text);
  md.etext = uintptr(runtime_etext);
  md.noptrdata = uintptr(runtime_data);
  md.enoptrdata = uintptr(runtime_edata);
  md.bss = uintptr(runtime_bss);
  md.ebss = uintptr(runtime_ebss);
  md.end = uintptr(runtime_end);
  md.libinit[0] = {"runtime", __gocc_init_runtime_start, __gocc_init_runtime_end};
  md.libinit[1] = {"libgcc", __gocc_init_libgcc_start, __gocc_init_libgcc_end};
  md.libinit[2] = {"libstdc++", __gocc_init_libstdcxx_start, __gocc_init_libstdcxx_end};
  md.initarray = __gocc_init_program_start;
  md.einitarray = __gocc_init_program_end;
  const uint8_t* table = runtime_pclntab;
  const uint8_t* tableEnd = pclntabEnd(im, uintptr(runtime_pclntab));
  uintptr bias = im.bias;
  if (!md.noptrdata) {
    // An archive linked into a host (see the file comment). Its data: the host's writable
    // segment, as loaded, then the zeroed rest.
    if (const ElfW(Phdr)* ph = segmentOf(im, reinterpret_cast<uintptr>(&md))) {
      md.noptrdata = im.bias + ph->p_vaddr;
      md.enoptrdata = md.bss = md.noptrdata + ph->p_filesz;
      md.ebss = md.end = md.noptrdata + ph->p_memsz;
    }
    md.initarray = __start_gocc_init_array;
    md.einitarray = __stop_gocc_init_array;
    table = __start_gocc_pclntab;
    tableEnd = __stop_gocc_pclntab;
    pclntab::Table header;
    if (table && !header.init(table, size_t(tableEnd - table), pcQuantum))
      bias = md.text - header.textStart();
  }
  moduledataverify(md);
  pclntabverify(md, table, tableEnd, bias);
}

}  // namespace runtime
