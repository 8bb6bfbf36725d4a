#include "inspect.h"

#include "buildid.h"
#include "elffile.h"
#include "errors.h"
#include "formats/buildinfo.h"
#include "formats/quote.h"
#include "pclntab.h"
#include "target.h"

#include "llvm/BinaryFormat/ELF.h"

namespace {

llvm::Error reason(const llvm::Twine& why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), why);
}

}  // namespace

llvm::Expected<BinaryInfo> inspectBinary(llvm::MemoryBufferRef file) {
  auto exe = ElfFile::view(file);
  if (!exe) return exe.takeError();
  // The machines gocc builds for (docs/ports.md): 64-bit x86-64 and AArch64, 32-bit 386.
  uint16_t machine = exe->machine();
  const ArchInfo* arch = archForFile(machine, exe->is64());
  if (!arch || (exe->fileType() != llvm::ELF::ET_EXEC && exe->fileType() != llvm::ELF::ET_DYN))
    return reason("not an x86-64, AArch64 or 386 executable");

  BinaryInfo info;
  info.is64 = exe->is64();
  // The architecture is the ELF header's, which the kernel and every tool go by; the GOARCH
  // setting is only text in the build information, checked against it below.
  info.goarch = arch->goarch;
  const ElfSection* symtab = nullptr;
  for (const ElfSection& s : exe->sections()) {
    if (s.flags & llvm::ELF::SHF_ALLOC)
      info.sections.push_back({s.name.str(), s.address(), s.address() + s.size()});
    if (s.type == llvm::ELF::SHT_SYMTAB) symtab = &s;
  }
  // The sections read below, each the first of its name.
  std::optional<llvm::StringRef> buildinfoBytes, noteBytes, pclntabBytes;
  for (auto [name, bytes] : {std::pair{llvm::StringRef(".go.buildinfo"), &buildinfoBytes},
                             std::pair{llvm::StringRef(kBuildIDSection), &noteBytes},
                             std::pair{llvm::StringRef(".gopclntab"), &pclntabBytes}}) {
    const ElfSection* section = exe->section(name);
    if (!section) continue;
    auto contents = exe->contents(*section);
    if (!contents) return contents.takeError();
    *bytes = *contents;
  }
  const ElfSection* text = exe->section(".text");
  uint64_t textAddr = text ? text->address() : 0;

  // The build information says who built the file; without it, it is no gocc binary.
  if (!buildinfoBytes) return reason("not built by gocc (no build information)");
  buildinfo::Strings strings;
  if (const char* why = buildinfo::decode(reinterpret_cast<const uint8_t*>(buildinfoBytes->data()),
                                          buildinfoBytes->size(), &strings))
    return reason(llvm::Twine("corrupt build information: ") + why);
  llvm::StringRef version(strings.version, strings.versionSize);
  if (!version.starts_with("gocc")) return reason("not built by gocc (built by " + version + ")");
  info.modinfo.assign(strings.modinfo ? strings.modinfo : "", strings.modinfoSize);
  std::string why;
  auto bi = gocc::debug::ParseBuildInfo(info.modinfo, &why);
  if (!bi) return reason("corrupt build information: " + why);
  info.build = std::move(*bi);
  info.build.GoVersion = version.str();
  for (const gocc::debug::BuildSetting& s : info.build.Settings)
    if (s.Key == "GOAMD64")
      info.goamd64 = s.Value;
    else if (s.Key == "GOARCH" && s.Value != info.goarch)
      // gocc records the GOARCH it built for, so a file whose header says otherwise was
      // altered after the build. Without the setting the header alone says the architecture.
      return reason("corrupt build information: GOARCH " + gocc::debug::goQuote(s.Value) +
                    " in a linux/" + info.goarch + " executable");
    else if (s.Key == "GO386")
      info.go386 = s.Value;

  if (noteBytes) {
    auto id = parseBuildIDNote(*noteBytes);
    if (!id) return reason(llvm::toString(id.takeError()));
    info.buildID = *id;
  }

  info.entry = exe->entry();
  if (symtab) {
    auto syms = exe->symbols(*symtab);
    if (!syms) {
      llvm::consumeError(syms.takeError());
      return reason("malformed ELF file: bad symbol table");
    }
    for (const ElfSymbol& sym : *syms) {
      if (sym.type != llvm::ELF::STT_FUNC || sym.value != info.entry || !sym.name) continue;
      info.entrySymbol = sym.name->str();
      break;
    }
  }

  // The pc table's header, checked as the runtime checks it at start-up.
  if (pclntabBytes && !pclntabBytes->empty()) {
    LoadedPclntab loaded;
    if (const char* bad = loaded.load(*pclntabBytes, textAddr, machine))
      return reason(llvm::Twine("corrupt pc table: ") + bad);
    info.pclntab =
        PcTableFigures{loaded.table.nfunc(), loaded.table.nfiles(), pclntabBytes->size()};
  }
  return info;
}
