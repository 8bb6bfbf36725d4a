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
// An empty table (no segment, or an empty one, at runtime.pclntab) is legal: only the driver's
// first, throw-away link and the runtime's own unit-test binary have one. Such a program runs;
// Caller and FuncForPC find nothing and tracebacks print bare pcs. A table that is present
// but wrong stops the program with Go's "fatal error: invalid function symbol table".
#include "symtab.h"

#include <elf.h>
#include <link.h>

#include "os_linux.h"
#include "print.h"

extern "C" {
extern char runtime_text[] asm("runtime.text");
extern char runtime_etext[] asm("runtime.etext");
extern char runtime_data[] asm("runtime.data");
extern char runtime_edata[] asm("runtime.edata");
extern char runtime_bss[] asm("runtime.bss");
extern char runtime_ebss[] asm("runtime.ebss");
extern char runtime_end[] asm("runtime.end");
extern const uint8_t runtime_pclntab[] asm("runtime.pclntab");
extern runtime::initFunc __gocc_init_runtime_start[], __gocc_init_runtime_end[];
extern runtime::initFunc __gocc_init_libgcc_start[], __gocc_init_libgcc_end[];
extern runtime::initFunc __gocc_init_libstdcxx_start[], __gocc_init_libstdcxx_end[];
extern runtime::initFunc __gocc_init_program_start[], __gocc_init_program_end[];
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

// The end of the loaded segment holding the table that starts at start, or start itself
// if no segment holds it (the driver's first link, the unit tests: no table).
const uint8_t* pclntabEnd(uintptr start) {
  auto* ph = reinterpret_cast<const ElfW(Phdr)*>(phdrAddr);
  for (uint64 i = 0; ph && i < phdrCount; i++) {
    if (ph[i].p_type != PT_LOAD) continue;
    // Non-PIE (the linker script's layout): p_vaddr is the address.
    if (start >= ph[i].p_vaddr && start < ph[i].p_vaddr + ph[i].p_memsz)
      return reinterpret_cast<const uint8_t*>(ph[i].p_vaddr + ph[i].p_memsz);
  }
  return reinterpret_cast<const uint8_t*>(start);
}

// pclntabverify: the pclntab's header, functab order and records (pclntab::Table), and
// that the functions it describes are this binary's code. Go prints the header's figures
// and throws "invalid function symbol table"; so does gocc, with what it found wrong.
void pclntabverify(moduledata& md, const uint8_t* start, const uint8_t* end) {
  if (end == start) return;  // no table: see the file comment
  // The reader takes tables of either pointer size (the driver reads every target's); this
  // program's must have its own, as Go's moduledataverify1 insists.
  const char* bad = end < start ? "table bounds reversed"
                    : end - start > 7 && start[7] != sizeof(void*)
                        ? "bad pointer size"
                        : md.pcln.init(start, size_t(end - start));
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

// modulesinit: describe the executable from the linker script's symbols, and verify it.
extern "C" void modulesinit() {
  moduledata& md = firstmoduledata;
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
  moduledataverify(md);
  pclntabverify(md, runtime_pclntab, pclntabEnd(uintptr(runtime_pclntab)));
}

}  // namespace runtime
