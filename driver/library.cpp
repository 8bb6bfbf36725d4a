#include "library.h"

#include "compile.h"
#include "elffile.h"
#include "elfobject.h"
#include "errors.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ObjCopy/ConfigManager.h"
#include "llvm/ObjCopy/ObjCopy.h"
#include "llvm/Object/ArchiveWriter.h"
#include "llvm/Object/Binary.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

namespace path = llvm::sys::path;

llvm::Expected<BuildMode> parseBuildMode(llvm::StringRef value, const Target& target) {
  if (value == "exe" || value == "default") return BuildMode::Exe;
  if (value == "c-shared") return BuildMode::CShared;
  if (value == "c-archive") return BuildMode::CArchive;
  // Go's words, and its exit status for a usage error.
  for (llvm::StringRef goMode : {"archive", "shared", "plugin", "pie"})
    if (value == goMode)
      return fail(2, "-buildmode=" + value + " not supported on linux/" + target.goarch());
  return fail(2, "buildmode=" + value + " not supported");
}

const char* buildModeName(BuildMode mode) {
  switch (mode) {
    case BuildMode::Exe:
      return "exe";
    case BuildMode::CShared:
      return "c-shared";
    case BuildMode::CArchive:
      return "c-archive";
  }
  return "exe";
}

std::string libraryOutputName(const std::string& programName, BuildMode mode) {
  return programName + (mode == BuildMode::CShared ? ".so" : ".a");
}

std::string libraryHeaderPath(const std::string& outputPath) {
  llvm::SmallString<256> header(outputPath);
  path::replace_extension(header, ".h");
  return header.str().str();
}

// The name a declaration declares: the identifier before its first parenthesis
// ("int Add(int a, int b)" → Add); empty if there is none (a function-pointer return type
// written without a typedef).
static std::string declaredName(llvm::StringRef declaration) {
  size_t paren = declaration.find('(');
  if (paren == llvm::StringRef::npos) return "";
  llvm::StringRef before = declaration.take_front(paren).rtrim();
  size_t start = before.size();
  while (start > 0 &&
         (isalnum(static_cast<unsigned char>(before[start - 1])) || before[start - 1] == '_'))
    start--;
  llvm::StringRef name = before.drop_front(start);
  if (name.empty() || isdigit(static_cast<unsigned char>(name[0])) ||
      before.take_front(start).trim().empty())  // a type must come first
    return "";
  return name.str();
}

// The functions an object defines (its global and weak STT_FUNC symbols with a section).
static llvm::Expected<std::set<std::string>> definedFunctions(const ElfFile& elf,
                                                              const std::string& object) {
  std::set<std::string> names;
  for (const ElfSection& section : elf.sections()) {
    if (section.type != llvm::ELF::SHT_SYMTAB) continue;
    auto symbols = elf.symbols(section);
    if (!symbols) return fail(object + ": " + llvm::toString(symbols.takeError()));
    for (const ElfSymbol& sym : *symbols)
      if (sym.type == llvm::ELF::STT_FUNC && sym.binding != llvm::ELF::STB_LOCAL &&
          sym.shndx != llvm::ELF::SHN_UNDEF && sym.name)
        names.insert(sym.name->str());
  }
  return names;
}

llvm::Expected<std::vector<Export>> readExports(llvm::ArrayRef<std::string> objects,
                                                llvm::ArrayRef<std::string> units) {
  // Every record, by name, with the unit it came from: a declaration marked in a header is
  // recorded by each unit that includes it, and the definition may carry the mark or not.
  struct Record {
    std::string declaration;
    size_t unit;
  };
  std::vector<std::string> names;  // in the order first seen
  std::map<std::string, Record> records;
  std::vector<std::set<std::string>> defined(objects.size());
  for (size_t i = 0; i < objects.size(); i++) {
    auto elf = ElfFile::open(objects[i]);
    if (!elf) return fail(objects[i] + ": " + llvm::toString(elf.takeError()));
    auto functions = definedFunctions(*elf, objects[i]);
    if (!functions) return functions.takeError();
    defined[i] = std::move(*functions);
    const ElfSection* section = elf->section(".gocc.export");
    if (!section) continue;
    auto text = elf->contents(*section);
    if (!text) return fail(objects[i] + ": " + llvm::toString(text.takeError()));
    for (llvm::StringRef rest = *text; !rest.empty();) {
      auto [declaration, next] = rest.split('\0');
      rest = next;
      std::string name = declaredName(declaration);
      if (name.empty())
        return fail(units[i] + ": GOCC_EXPORT(" + declaration +
                    "): no function name before the parameters (use a typedef for a function "
                    "pointer type)");
      auto [it, fresh] = records.emplace(name, Record{declaration.str(), i});
      if (fresh) {
        names.push_back(name);
      } else if (it->second.declaration != declaration) {
        return fail(units[i] + ": export " + name + " is declared as \"" + declaration +
                    "\" here and as \"" + it->second.declaration + "\" in " +
                    units[it->second.unit]);
      }
    }
  }
  // Each export belongs to the unit that defines the function (the linker refuses two).
  std::vector<Export> exports;
  for (const std::string& name : names) {
    const Record& record = records[name];
    size_t definer = objects.size();
    for (size_t i = 0; i < objects.size(); i++) {
      if (!defined[i].count(name)) continue;
      if (definer != objects.size())
        return fail(units[i] + ": export " + name + " already defined in " + units[definer]);
      definer = i;
    }
    if (definer == objects.size())
      return fail(units[record.unit] + ": export " + name +
                  " is declared with GOCC_EXPORT but no unit defines it (with C linkage: the "
                  "definition must follow the GOCC_EXPORT declaration)");
    exports.push_back(Export{name, record.declaration, objects[definer], units[definer]});
  }
  return exports;
}

// The header's lines before and after the declarations.
static std::string headerPrologue(const std::string& programName, BuildMode mode) {
  return "/* Code generated by gocc build -buildmode=" + std::string(buildModeName(mode)) +
         "; DO NOT EDIT. */\n"
         "\n"
         "/* package " +
         programName +
         " */\n"
         "\n"
         "#include <stdbool.h>\n"
         "#include <stddef.h>\n"
         "#include <stdint.h>\n"
         "\n"
         "#ifdef __cplusplus\n"
         "extern \"C\" {\n"
         "#endif\n"
         "\n";
}
static const char headerEpilogue[] =
    "\n"
    "#ifdef __cplusplus\n"
    "}\n"
    "#endif\n";

// Runs clang -fsyntax-only on the C file at path; its first error's text if it fails.
static llvm::Expected<std::optional<std::string>> checkC(const Toolchain& tc,
                                                         const std::string& source,
                                                         const WorkDir& work,
                                                         const CommandTrace& trace) {
  std::string cPath = work.file("export-check.c"), errPath = work.file("export-check.stderr");
  std::vector<std::string> argv = {tc.clang, "-fsyntax-only", "-std=c17", "-x", "c", cPath};
  trace.print(argv);
  if (llvm::Error err = writeFile(cPath, source)) return std::move(err);
  std::vector<llvm::StringRef> args(argv.begin(), argv.end());
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, llvm::StringRef(errPath),
                                                llvm::StringRef(errPath)};
  std::string errorText;
  int status = llvm::sys::ExecuteAndWait(argv[0], args, std::nullopt, redirects, 0, 0, &errorText);
  if (status < 0) return fail("run " + argv[0] + ": " + errorText);
  if (status == 0) return std::nullopt;
  auto diagnostics = llvm::MemoryBuffer::getFile(errPath);
  if (!diagnostics) return std::optional<std::string>("clang failed");
  for (llvm::StringRef rest = (*diagnostics)->getBuffer(); !rest.empty();) {
    auto [line, next] = rest.split('\n');
    rest = next;
    size_t at = line.find("error: ");
    if (at != llvm::StringRef::npos)
      return std::optional<std::string>(line.drop_front(at + 7).str());
  }
  return std::optional<std::string>("clang failed");
}

llvm::Expected<std::string> exportHeader(const Toolchain& tc, llvm::ArrayRef<Export> exports,
                                         const std::string& programName, BuildMode mode,
                                         const WorkDir& work, const CommandTrace& trace) {
  std::string prologue = headerPrologue(programName, mode);
  std::string declarations;
  for (const Export& e : exports) declarations += "extern " + e.declaration + ";\n";
  std::string header = prologue + declarations + headerEpilogue;
  if (trace.dryRun()) return header;
  auto bad = checkC(tc, header, work, trace);
  if (!bad) return bad.takeError();
  if (!*bad) return header;
  // Which one: each alone, in order.
  for (const Export& e : exports) {
    auto reason =
        checkC(tc, prologue + "extern " + e.declaration + ";\n" + headerEpilogue, work, trace);
    if (!reason) return reason.takeError();
    if (*reason)
      return fail(e.unit + ": export " + e.name + ": \"" + e.declaration +
                  "\" is not a C declaration: " + **reason);
  }
  return fail("the exports' header does not compile as C: " + **bad);
}

std::string exportStubs(llvm::ArrayRef<Export> exports, int goamd64Level) {
  std::string s =
      "# The exports' stubs (driver/library.cpp): on a thread's first call, each calls\n"
      "# runtime.exportEnter (which waits for the library's init tasks), then jumps to the\n"
      "# function.\n"
      "\t.text\n";
  for (const Export& e : exports) {
    const std::string& n = e.name;
    std::string impl = "\"" + std::string(kExportPrefix) + n + "\"";  // the function itself
    s += "\n\t.globl\t" + n + "\n\t.type\t" + n + ", @function\n" + n +
         ":\n"
         "\t.cfi_startproc\n"
         // runtime.exportReady: this thread may call the exports straight away (the init
         // tasks have run, the thread has what the runtime gives a thread it did not start).
         "\tmovq\t\"runtime.exportReady\"@gottpoff(%rip), %r11\n"
         "\tcmpb\t$0, %fs:(%r11)\n"
         "\tje\t1f\n"
         "\tjmp\t" +
         impl +
         "\n"
         // The slow path keeps every argument register (and %al, the vector count of a
         // variadic call) across runtime.exportEnter.
         "1:\tpushq\t%rbp\n"
         "\t.cfi_def_cfa_offset 16\n"
         "\t.cfi_offset rbp, -16\n"
         "\tmovq\t%rsp, %rbp\n"
         "\t.cfi_def_cfa_register rbp\n"
         "\tsubq\t$192, %rsp\n"
         "\tmovq\t%rdi, 0(%rsp)\n\tmovq\t%rsi, 8(%rsp)\n\tmovq\t%rdx, 16(%rsp)\n"
         "\tmovq\t%rcx, 24(%rsp)\n\tmovq\t%r8, 32(%rsp)\n\tmovq\t%r9, 40(%rsp)\n"
         "\tmovq\t%rax, 48(%rsp)\n";
    for (int x = 0; x < 8; x++)
      s += "\tmovaps\t%xmm" + std::to_string(x) + ", " + std::to_string(64 + 16 * x) + "(%rsp)\n";
    s += "\tcall\t\"runtime.exportEnter\"\n";
    for (int x = 0; x < 8; x++)
      s += "\tmovaps\t" + std::to_string(64 + 16 * x) + "(%rsp), %xmm" + std::to_string(x) + "\n";
    s += "\tmovq\t0(%rsp), %rdi\n\tmovq\t8(%rsp), %rsi\n\tmovq\t16(%rsp), %rdx\n"
         "\tmovq\t24(%rsp), %rcx\n\tmovq\t32(%rsp), %r8\n\tmovq\t40(%rsp), %r9\n"
         "\tmovq\t48(%rsp), %rax\n"
         "\tleave\n"
         "\t.cfi_def_cfa rsp, 8\n"
         "\tjmp\t" +
         impl +
         "\n"
         "\t.cfi_endproc\n"
         "\t.size\t" +
         n + ", .-" + n + "\n";
  }
  if (goamd64Level > 0)
    s += "\n# The x86-64 level the library was compiled for (cpuinit), which the linker script\n"
         "# defines for the other modes.\n"
         "\t.globl\tgocc_goamd64\n"
         "\tgocc_goamd64 = " +
         std::to_string(goamd64Level) + "\n";
  s += "\n\t.section .note.GNU-stack,\"\",@progbits\n";
  return s;
}

llvm::Error assemble(const Toolchain& tc, const std::string& source, const std::string& object,
                     const CommandTrace& trace) {
  std::vector<std::string> argv = {tc.clang, "-c", "-x", "assembler", "-o", object, source};
  trace.print(argv);
  if (trace.dryRun()) return llvm::Error::success();
  std::vector<llvm::StringRef> args(argv.begin(), argv.end());
  std::string errorText;
  int status = llvm::sys::ExecuteAndWait(argv[0], args, std::nullopt, {}, 0, 0, &errorText);
  if (status < 0) return fail("run " + argv[0] + ": " + errorText);
  if (status != 0) return failQuietly();  // clang said why
  return llvm::Error::success();
}

std::string exportVersionScript(llvm::ArrayRef<Export> exports) {
  std::string s = "{\n  global:\n";
  for (const Export& e : exports) s += "    " + e.name + ";\n";
  s += "  local: *;\n};\n";
  return s;
}

llvm::Error rewriteObject(const std::string& input, const std::string& output,
                          const ObjectEdits& edits, const CommandTrace& trace) {
  std::vector<std::string> cmd = {"llvm-objcopy"};
  for (const auto& [from, to] : edits.renameSymbols)
    cmd.push_back("--redefine-sym=" + from + "=" + to);
  for (const auto& [from, to] : edits.renameSections)
    cmd.push_back("--rename-section=" + from + "=" + to);
  for (const std::string& name : edits.removeSections) cmd.push_back("--remove-section=" + name);
  for (const std::string& name : edits.keepGlobal) cmd.push_back("--keep-global-symbol=" + name);
  cmd.insert(cmd.end(), {input, output});
  trace.print(cmd, "# in-process");
  if (trace.dryRun()) return llvm::Error::success();

  auto buf = readBinaryFile(input);
  if (!buf) return fail(input + ": " + llvm::toString(buf.takeError()));
  auto binary = llvm::object::createBinary((*buf)->getMemBufferRef());
  if (!binary) return fail(input + ": " + llvm::toString(binary.takeError()));
  llvm::objcopy::ConfigManager config;
  llvm::objcopy::CommonConfig& c = config.Common;
  c.InputFilename = input;
  c.OutputFilename = output;
  for (const auto& [from, to] : edits.renameSymbols) c.SymbolsToRename[from] = to;
  for (const auto& [from, to] : edits.renameSections)
    c.SectionsToRename.try_emplace(from, llvm::objcopy::SectionRename{from, to, std::nullopt});
  auto keepError = [](llvm::Error err) { return err; };
  auto literal = [&](const std::string& name) {
    return llvm::objcopy::NameOrPattern::create(name, llvm::objcopy::MatchStyle::Literal,
                                                keepError);
  };
  for (const std::string& name : edits.removeSections)
    if (llvm::Error err = c.ToRemove.addMatcher(literal(name))) return err;
  for (const std::string& name : edits.keepGlobal)
    if (llvm::Error err = c.SymbolsToKeepGlobal.addMatcher(literal(name))) return err;
  llvm::SmallVector<char, 0> bytes;
  llvm::raw_svector_ostream out(bytes);
  if (llvm::Error err = llvm::objcopy::executeObjcopyOnBinary(config, **binary, out))
    return fail(input + ": " + llvm::toString(std::move(err)));
  return writeFile(output, llvm::StringRef(bytes.data(), bytes.size()));
}

llvm::Error writeArchiveTableObject(const Target& target, llvm::ArrayRef<uint8_t> table,
                                    const std::string& objectPath) {
  return writeSectionObject(
      objectPath, elfMachine(target),
      {"gocc_pclntab", llvm::ELF::SHT_PROGBITS, llvm::ELF::SHF_ALLOC | llvm::ELF::SHF_GNU_RETAIN,
       32, llvm::toStringRef(table)});
}

llvm::Error writeFile(const std::string& path, llvm::StringRef bytes) {
  if (std::error_code ec = replaceFile(path, bytes))
    return fail("write " + path + ": " + errnoText(ec));
  return llvm::Error::success();
}

llvm::Expected<std::vector<std::string>> initArraySections(const std::string& object) {
  auto elf = ElfFile::open(object);
  if (!elf) return fail(object + ": " + llvm::toString(elf.takeError()));
  std::set<std::string> names;  // each once
  for (const ElfSection& s : elf->sections())
    if (s.name == ".init_array" || s.name.starts_with(".init_array.") || s.name == ".ctors" ||
        s.name.starts_with(".ctors."))
      names.insert(s.name.str());
  return std::vector<std::string>(names.begin(), names.end());
}

llvm::Error writeArchive(const std::string& member, const std::string& output,
                         const CommandTrace& trace) {
  trace.print({"ar", "rcs", output, member}, "# in-process");
  if (trace.dryRun()) return llvm::Error::success();
  auto m = llvm::NewArchiveMember::getFile(member, /*Deterministic=*/true);
  if (!m) return fail(member + ": " + llvm::toString(m.takeError()));
  m->MemberName = path::filename(member);  // not the work directory's path
  std::vector<llvm::NewArchiveMember> members;
  members.push_back(std::move(*m));
  if (llvm::Error err = llvm::writeArchive(output, members, llvm::SymtabWritingMode::NormalSymtab,
                                           llvm::object::Archive::K_GNU, /*Deterministic=*/true,
                                           /*Thin=*/false))
    return fail("write " + output + ": " + llvm::toString(std::move(err)));
  return llvm::Error::success();
}
