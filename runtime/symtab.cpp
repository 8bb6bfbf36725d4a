// symtab.cpp — the module's layout (Go: symtab.go's modulesinit and moduledataverify).
//
// A Go binary describes itself in moduledata, written by the linker. gocc's linker script
// (linker-scripts/linux_amd64.ld.in) defines the symbols for the same facts: where code and
// data start and end, and where each group of init functions is. modulesinit collects them
// and checks that they are consistent; the pc→line table joins them in a later step.
#include "symtab.h"

#include <elf.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "print.h"

extern "C" {
extern char runtime_text[] asm("runtime.text");
extern char runtime_etext[] asm("runtime.etext");
extern char runtime_data[] asm("runtime.data");
extern char runtime_edata[] asm("runtime.edata");
extern char runtime_bss[] asm("runtime.bss");
extern char runtime_ebss[] asm("runtime.ebss");
extern char runtime_end[] asm("runtime.end");
extern runtime::initFunc __gocc_init_runtime_start[], __gocc_init_runtime_end[];
extern runtime::initFunc __gocc_init_libgcc_start[], __gocc_init_libgcc_end[];
extern runtime::initFunc __gocc_init_libstdcxx_start[], __gocc_init_libstdcxx_end[];
extern runtime::initFunc __init_array_start[], __init_array_end[];
}

namespace runtime {

moduledata firstmoduledata;

namespace {
void moduledataverify(const moduledata& md) {
  auto inOrder = [](uintptr a, uintptr b) { return a <= b; };
  if (!inOrder(md.text, md.etext) || !inOrder(md.etext, md.noptrdata) || !inOrder(md.noptrdata, md.enoptrdata) ||
      !inOrder(md.bss, md.ebss) || !inOrder(md.ebss, md.end)) {
    print("runtime: text=", hex(md.text), " etext=", hex(md.etext), " data=", hex(md.noptrdata), " edata=",
          hex(md.enoptrdata), " bss=", hex(md.bss), " ebss=", hex(md.ebss), " end=", hex(md.end), "\n");
    throw_("invalid module layout");
  }
  // Every init function must be code of this module: a bad .init_array would otherwise
  // jump anywhere.
  auto checkGroup = [&](initFunc* s, initFunc* e) {
    if (e < s) throw_("invalid init array bounds");
    for (initFunc* f = s; f < e; f++) {
      uintptr pc = reinterpret_cast<uintptr>(*f);
      if (pc < md.text || pc >= md.etext) {
        print("runtime: init function ", hex(pc), " outside text [", hex(md.text), ", ", hex(md.etext), ")\n");
        throw_("invalid init array");
      }
    }
  };
  for (const auto& grp : md.libinit) checkGroup(grp.start, grp.end);
  checkGroup(md.initarray, md.einitarray);
}
}  // namespace

elfSymtab::elfSymtab() {
  int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st;
  if (fstat(fd, &st) == 0 && st.st_size >= off_t(sizeof(Elf64_Ehdr))) {
    void* v = mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (v != MAP_FAILED) {
      map_ = v;
      mapSize_ = size_t(st.st_size);
    }
  }
  close(fd);
  if (!map_) return;
  auto* base = static_cast<const uint8_t*>(map_);
  auto inFile = [&](uint64 off, uint64 len) { return off <= mapSize_ && len <= mapSize_ - off; };
  auto* eh = reinterpret_cast<const Elf64_Ehdr*>(base);
  if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_shentsize != sizeof(Elf64_Shdr) ||
      !inFile(eh->e_shoff, uint64(eh->e_shnum) * sizeof(Elf64_Shdr)))
    return;
  auto* sh = reinterpret_cast<const Elf64_Shdr*>(base + eh->e_shoff);
  for (int i = 0; i < eh->e_shnum; i++) {
    if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum) continue;
    const Elf64_Shdr& strsh = sh[sh[i].sh_link];
    if (!inFile(sh[i].sh_offset, sh[i].sh_size) || !inFile(strsh.sh_offset, strsh.sh_size)) continue;
    syms_ = base + sh[i].sh_offset;
    nsyms_ = sh[i].sh_size / sizeof(Elf64_Sym);
    strs_ = reinterpret_cast<const char*>(base + strsh.sh_offset);
    strsSize_ = strsh.sh_size;
    return;
  }
}

elfSymtab::~elfSymtab() {
  if (map_) munmap(map_, mapSize_);
}

bool elfSymtab::funcName(uintptr pc, char* buf, size_t size) const {
  auto* syms = static_cast<const Elf64_Sym*>(syms_);
  for (uint64 k = 0; k < nsyms_; k++) {
    const Elf64_Sym& sym = syms[k];
    if (ELF64_ST_TYPE(sym.st_info) != STT_FUNC || pc < sym.st_value || pc >= sym.st_value + sym.st_size) continue;
    if (sym.st_name >= strsSize_) continue;
    const char* name = strs_ + sym.st_name;
    snprintf(buf, size, "%.*s", int(strnlen(name, strsSize_ - sym.st_name)), name);
    return true;
  }
  return false;
}

// modulesinit: describe the executable from the linker script's symbols, and verify it.
extern "C" void modulesinit() GO_NAME(modulesinit);
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
  md.initarray = __init_array_start;
  md.einitarray = __init_array_end;
  moduledataverify(md);
}

}  // namespace runtime
