// The object is the smallest one lld accepts: the ELF header, the section's bytes, the
// section-name string table, and three section headers (null, the section, .shstrtab).
#include "elfobject.h"

#include "errors.h"

#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <string>

using namespace llvm::ELF;

namespace {

// The file's bytes, for one ELF class (Ehdr and Shdr: Elf64_* or Elf32_*).
template <class Ehdr, class Shdr>
std::string sectionObject(const ObjectSection& section, uint8_t elfClass, uint16_t machine) {
  std::string shstrtab = std::string("\0", 1) + section.name.str() + '\0' + ".shstrtab" + '\0';
  const uint32_t nameOff = 1, shstrtabNameOff = uint32_t(section.name.size()) + 2;

  auto alignTo = [](uint64_t v, uint64_t a) { return (v + a - 1) / a * a; };
  uint64_t align = section.align ? section.align : 1;
  uint64_t dataOff = alignTo(sizeof(Ehdr), align);
  uint64_t strOff = dataOff + section.contents.size();
  uint64_t shOff = alignTo(strOff + shstrtab.size(), 8);

  Ehdr eh{};
  memcpy(eh.e_ident, ElfMagic, 4);
  eh.e_ident[EI_CLASS] = elfClass;
  eh.e_ident[EI_DATA] = ELFDATA2LSB;
  eh.e_ident[EI_VERSION] = EV_CURRENT;
  eh.e_type = ET_REL;
  eh.e_machine = machine;
  eh.e_version = EV_CURRENT;
  eh.e_shoff = shOff;
  eh.e_ehsize = sizeof(Ehdr);
  eh.e_shentsize = sizeof(Shdr);
  eh.e_shnum = 3;
  eh.e_shstrndx = 2;

  Shdr sh[3]{};
  sh[1].sh_name = nameOff;
  sh[1].sh_type = section.type;
  sh[1].sh_flags = section.flags;
  sh[1].sh_offset = dataOff;
  sh[1].sh_size = section.contents.size();
  sh[1].sh_addralign = align;
  sh[2].sh_name = shstrtabNameOff;
  sh[2].sh_type = SHT_STRTAB;
  sh[2].sh_offset = strOff;
  sh[2].sh_size = shstrtab.size();
  sh[2].sh_addralign = 1;

  std::string file(shOff + sizeof sh, '\0');
  memcpy(&file[0], &eh, sizeof eh);
  memcpy(&file[dataOff], section.contents.data(), section.contents.size());
  memcpy(&file[strOff], shstrtab.data(), shstrtab.size());
  memcpy(&file[shOff], sh, sizeof sh);
  return file;
}

}  // namespace

llvm::Error writeSectionObject(const std::string& path, uint16_t machine,
                               const ObjectSection& section) {
  std::string file = machine == EM_386
                         ? sectionObject<Elf32_Ehdr, Elf32_Shdr>(section, ELFCLASS32, machine)
                         : sectionObject<Elf64_Ehdr, Elf64_Shdr>(section, ELFCLASS64, machine);
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec);
  if (ec) return fail("create " + path + ": " + errnoText(ec));
  out << file;
  out.close();
  if (out.has_error()) return fail("write " + path + ": " + errnoText(out.error()));
  return llvm::Error::success();
}
