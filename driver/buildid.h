// The build ID: a note (.note.gocc.buildid, in the style of Go's .note.go.buildid) saying
// "<inputs>/<content>", two 32-digit hex hashes. The inputs hash covers everything the build
// was asked to do (toolchain, flags, target, runtime, every source's name and bytes); the
// content hash covers the executable itself. Same inputs give the same ID; any change to
// the sources, flags or toolchain, or anything that changes the output, gives a new one.
//
// The note goes into the link with the content half zeroed; once the executable is final,
// the content hash is computed over it as linked (the zeros included) and patched in.
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

constexpr llvm::StringLiteral kBuildIDSection = ".note.gocc.buildid";
constexpr llvm::StringLiteral kBuildIDNoteName = "gocc";
constexpr uint32_t kBuildIDNoteType = 4;  // as Go's ELF_NOTE_GOBUILDID_TAG
constexpr size_t kBuildIDHashDigits = 32;

// Accumulates the inputs hash.
class BuildIDHasher {
public:
  void add(llvm::StringRef label, llvm::StringRef bytes);
  std::string hex();  // the 32-digit inputs hash
private:
  std::string data;  // length-prefixed records, hashed at the end
};

// The note section's contents for inputsHex, with the content hash still zero.
std::string buildIDNote(llvm::StringRef inputsHex);

// Computes the content hash of the executable at path and writes it into its note.
llvm::Error stampContentHash(const std::string& path);

// The inputs half of the build ID of the executable at path, or nothing if it has none (not a
// file, not a gocc executable).
std::optional<std::string> readInputsID(const std::string& path);

// The build ID in the contents of a .note.gocc.buildid section.
llvm::Expected<std::string> parseBuildIDNote(llvm::StringRef note);
