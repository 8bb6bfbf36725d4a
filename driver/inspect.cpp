#include "inspect.h"

#include "buildid.h"
#include "errors.h"
#include "pclntab.h"
#include "formats/buildinfo.h"

#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/FileSystem.h"


namespace {

llvm::Error reason(const llvm::Twine &why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), why);
}

// LLVM's messages for a malformed ELF are long and technical; the first clause says it.
std::string shortLLVMError(llvm::Error err) {
  std::string text = llvm::toString(std::move(err));
  return llvm::StringRef(text).split('\n').first.str();
}

} // namespace

llvm::Expected<BinaryInfo> inspectBinary(llvm::MemoryBufferRef file) {
  if (!file.getBuffer().starts_with(llvm::ELF::ElfMagic))
    return reason("not an ELF file");
  auto elfFile = llvm::object::ELF64LEFile::create(file.getBuffer());
  if (!elfFile)
    return reason("malformed ELF file: " + shortLLVMError(elfFile.takeError()));
  const auto &elf = *elfFile;
  if (elf.getHeader().e_machine != llvm::ELF::EM_X86_64 ||
      (elf.getHeader().e_type != llvm::ELF::ET_EXEC && elf.getHeader().e_type != llvm::ELF::ET_DYN))
    return reason("not an x86-64 executable");

  BinaryInfo info;
  // ELFFile's own accessors throughout: they check every index and offset they follow, where
  // ELFObjectFile's SectionRef/SymbolRef conveniences trust some (inspect_fuzz found one).
  auto sections = elf.sections();
  if (!sections)
    return reason("malformed ELF file: " + shortLLVMError(sections.takeError()));
  std::optional<llvm::StringRef> buildinfoBytes, noteBytes, pclntabBytes;
  uint64_t textAddr = 0;
  const llvm::object::ELF64LE::Shdr *symtab = nullptr;
  for (const auto &shdr : *sections) {
    auto name = elf.getSectionName(shdr);
    if (!name)
      return reason("malformed ELF file: " + shortLLVMError(name.takeError()));
    if (shdr.sh_flags & llvm::ELF::SHF_ALLOC)
      info.sections.push_back({name->str(), shdr.sh_addr, shdr.sh_addr + shdr.sh_size});
    if (*name == ".text")
      textAddr = shdr.sh_addr;
    if (shdr.sh_type == llvm::ELF::SHT_SYMTAB)
      symtab = &shdr;
    std::optional<llvm::StringRef> *want = *name == ".go.buildinfo"   ? &buildinfoBytes
                                          : *name == kBuildIDSection ? &noteBytes
                                          : *name == ".gopclntab"    ? &pclntabBytes
                                                                     : nullptr;
    if (!want)
      continue;
    auto contents = elf.getSectionContents(shdr);
    if (!contents) {
      llvm::consumeError(contents.takeError());
      return reason("truncated file: section " + *name + " lies past its end");
    }
    *want = llvm::toStringRef(*contents);
  }

  // The build information says who built the file; without it, it is no gocc binary.
  if (!buildinfoBytes)
    return reason("not built by gocc (no build information)");
  buildinfo::Strings strings;
  if (const char *why = buildinfo::decode(reinterpret_cast<const uint8_t *>(buildinfoBytes->data()),
                                          buildinfoBytes->size(), &strings))
    return reason(llvm::Twine("corrupt build information: ") + why);
  llvm::StringRef version(strings.version, strings.versionSize);
  if (!version.starts_with("gocc"))
    return reason("not built by gocc (built by " + version + ")");
  info.modinfo.assign(strings.modinfo ? strings.modinfo : "", strings.modinfoSize);
  std::string why;
  auto bi = gocc::debug::ParseBuildInfo(info.modinfo, &why);
  if (!bi)
    return reason("corrupt build information: " + why);
  info.build = std::move(*bi);
  info.build.GoVersion = version.str();
  for (const gocc::debug::BuildSetting &s : info.build.Settings)
    if (s.Key == "GOAMD64")
      info.goamd64 = s.Value;

  if (noteBytes) {
    auto id = parseBuildIDNote(*noteBytes);
    if (!id)
      return reason(llvm::toString(id.takeError()));
    info.buildID = *id;
  }

  info.entry = elf.getHeader().e_entry;
  if (symtab) {
    auto syms = elf.symbols(symtab);
    auto strtab = elf.getStringTableForSymtab(*symtab);
    if (!syms || !strtab) {
      llvm::consumeError(syms.takeError());
      llvm::consumeError(strtab.takeError());
      return reason("malformed ELF file: bad symbol table");
    }
    for (const auto &sym : *syms) {
      if (sym.getType() != llvm::ELF::STT_FUNC || sym.st_value != info.entry)
        continue;
      auto name = sym.getName(*strtab);
      if (!name) {
        llvm::consumeError(name.takeError());
        continue;
      }
      info.entrySymbol = name->str();
      break;
    }
  }

  // The pc table's header, checked as the runtime checks it at start-up.
  if (pclntabBytes && !pclntabBytes->empty()) {
    LoadedPclntab loaded;
    if (const char *bad = loaded.load(*pclntabBytes, textAddr))
      return reason(llvm::Twine("corrupt pc table: ") + bad);
    info.pclntab = PcTableFigures{loaded.table.nfunc(), loaded.table.nfiles(), pclntabBytes->size()};
  }
  return info;
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readBinaryFile(const std::string &path) {
  llvm::sys::fs::file_status st;
  if (std::error_code ec = llvm::sys::fs::status(path, st))
    return llvm::createStringError(ec, errnoText(ec));
  if (llvm::sys::fs::is_directory(st))
    return llvm::createStringError(std::make_error_code(std::errc::is_a_directory), "is a directory");
  if (!llvm::sys::fs::is_regular_file(st))
    return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                   "not a regular file");
  auto buf = llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buf)
    return llvm::createStringError(buf.getError(), errnoText(buf.getError()));
  return std::move(*buf);
}
