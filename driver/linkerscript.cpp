#include "linkerscript.h"

#include "errors.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

TemplateVars linkerScriptVars(const Target& target, LinkMode mode) {
  std::string archSymbols;
  if (target.is(Arch::AMD64))
    archSymbols = "gocc_goamd64 = " + std::to_string(target.goamd64) + ";";
  if (target.is(Arch::I386)) archSymbols = "gocc_go386 = " + std::to_string(target.go386) + ";";
  // Only a static glibc needs the TLS segment to start aligned; ld.so takes any start, and a
  // start inside the alignment keeps the segment smaller, which a program with large or
  // over-aligned thread_locals needs to fit glibc's default 8 MiB thread stacks
  // (test/runtime/big-thread-local.cpp).
  std::string tlsAlign =
      mode == LinkMode::Static ? "ALIGN(MAX(ALIGNOF(.tdata), ALIGNOF(.tbss)))" : "";
  if (mode == LinkMode::Shared)
    return {
        {"ARCH_SYMBOLS", archSymbols},
        {"ENTRY", target.entry() + "_lib"},
        {"TEXT_START", "0"},  // position-independent: ld.so adds where it loads it
        {"INIT_ARRAY", ".gocc_init_array"},
        {"LIBRARY_INIT_ARRAY", ".init_array : { KEEP(*(.init_array.gocc_rt0)) }"},
        {"TLS_ALIGN", tlsAlign},
    };
  return {
      {"ARCH_SYMBOLS", archSymbols},
      {"ENTRY", target.entry()},
      {"TEXT_START", target.arch->textStart},
      {"INIT_ARRAY", ".init_array"},
      {"LIBRARY_INIT_ARRAY", ""},
      {"TLS_ALIGN", tlsAlign},
  };
}

static llvm::Expected<std::string> instantiateTemplate(llvm::StringRef text,
                                                       const TemplateVars& vars,
                                                       llvm::StringRef templateName) {
  std::string out;
  while (true) {
    size_t open = text.find("${");
    if (open == llvm::StringRef::npos) return out + text.str();
    out += text.take_front(open);
    size_t close = text.find('}', open);
    if (close == llvm::StringRef::npos)
      return fail("internal error: " + templateName + ": unterminated ${");
    llvm::StringRef name = text.slice(open + 2, close);
    auto it = vars.find(name.str());
    if (it == vars.end())
      return fail("internal error: " + templateName + ": unknown variable ${" + name + "}");
    out += it->second;
    text = text.drop_front(close + 1);
  }
}

llvm::Error writeLinkerScript(const Toolchain& tc, const TemplateVars& vars,
                              const std::string& outputPath, const CommandTrace& trace) {
  std::string templatePath = tc.linkerScriptTemplate();
  // The equivalent shell command: sed -e 's/${NAME}/value/g' ... <template> >$WORK/link.ld
  std::vector<std::string> sed = {"sed"};
  for (const auto& [name, value] : vars)
    sed.insert(sed.end(), {"-e", "s/${" + name + "}/" + value + "/g"});
  sed.push_back(templatePath);
  trace.print(sed, ">" + outputPath);
  if (trace.dryRun()) return llvm::Error::success();

  auto templateText = llvm::MemoryBuffer::getFile(templatePath, /*IsText=*/true);
  if (!templateText)
    return fail("open " + templatePath + ": " + errnoText(templateText.getError()));
  auto script = instantiateTemplate((*templateText)->getBuffer(), vars, templatePath);
  if (!script) return script.takeError();

  std::error_code ec;
  llvm::raw_fd_ostream out(outputPath, ec);
  if (ec) return fail("create " + outputPath + ": " + errnoText(ec));
  out << *script;
  out.close();
  if (out.has_error()) {
    ec = out.error();
    out.clear_error();  // else the stream's destructor ends gocc with a fatal error
    return fail("write " + outputPath + ": " + errnoText(ec));
  }
  return llvm::Error::success();
}
