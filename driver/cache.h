// The build cache: a content-addressed store of what builds make, so that nothing is made twice
// (Go's GOCACHE, for C++). It lives in $GOCCCACHE, else $XDG_CACHE_HOME/gocc, else
// $HOME/.cache/gocc; GOCCCACHE=off turns it off.
//
// An action ID names a piece of work by everything that can change its result: for a compile,
// gocc's and clang's versions, the target, every flag, and the bytes of the source and of every
// header it read. An output ID names a result by its own bytes. The cache maps action IDs to
// output IDs ("<dir>/xx/<action>-a", one line) and keeps the outputs ("<dir>/xx/<output>-d");
// IDs are 64-digit hex BLAKE3 hashes and xx their first two digits.
//
// Invariants:
// - A file appears whole or not at all: each is written under a temporary name in its final
//   directory and renamed into place. Readers trust nothing anyway: an entry must parse, and an
//   output's bytes must hash to its name. Anything else is a miss, never an error, and the next
//   put of that action replaces it. So a kill -9 at any moment, a truncated file or a flipped
//   bit costs a rebuild at most.
// - Outputs are immutable once named: a second put of the same bytes renames identical bytes
//   over them, so a reader holding the old file (a linker, a running program) is unaffected.
//   Two builds racing on one action both succeed; the later entry wins.
// - The cache only ever makes a build faster. Failing to create, read or write it (read-only,
//   full disk) prints one warning line per command, and the build goes on without the cache.
// - Entries a build uses get their modification time refreshed (at most once an hour, to spare
//   writes); at most once a day (trim.txt records when) a build deletes the files not used for
//   five days, as Go's cache is trimmed.
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>

// Accumulates an ID: labelled, length-prefixed records, so that no two different record lists
// hash alike.
class IDHasher {
public:
  explicit IDHasher(llvm::StringRef kind) { add("kind", kind); }
  void add(llvm::StringRef label, llvm::StringRef bytes);
  std::string hex() const;  // 64 hex digits

private:
  llvm::BLAKE3 hasher;
};

// The 64-digit hex BLAKE3 hash of bytes.
std::string contentID(llvm::StringRef bytes);

// Content IDs of files, each read at most once per gocc process: a build asks for the same
// headers for unit after unit.
class FileHashes {
public:
  // The file's content ID, or nothing if it cannot be read (deleted since a manifest named it)
  // or is not a regular file.
  std::optional<std::string> get(const std::string& path);

private:
  std::map<std::string, std::optional<std::string>> known;
};

class Cache {
public:
  // The cache the environment names, created if missing. A cache that cannot be used is
  // returned off, with the warning already printed; a relative GOCCCACHE is an error (status 2).
  static llvm::Expected<Cache> open();
  // Where the environment puts the cache: "off" for GOCCCACHE=off, "" when neither GOCCCACHE,
  // XDG_CACHE_HOME nor HOME is set.
  static llvm::Expected<std::string> directory();

  bool enabled() const { return !dir.empty(); }
  const std::string& path() const { return dir; }

  // The path of the output recorded for actionID, its bytes checked against its name; nothing
  // on a miss.
  std::optional<std::string> getFile(llvm::StringRef actionID);
  // The bytes recorded for actionID, checked; nothing on a miss.
  std::optional<std::string> getBytes(llvm::StringRef actionID);
  // Records bytes as actionID's output (mode 0777 less the umask if executable, else 0666).
  void put(llvm::StringRef actionID, llvm::StringRef bytes, bool executable = false);

  // Moves a used file's modification time on (at most hourly), so that trimming keeps it.
  void markUsed(const std::string& file);

  // Deletes the files unused for five days if the last trim is a day old.
  void trimIfDue();
  // Deletes every entry and output (gocc clean -cache).
  llvm::Error clean();

private:
  explicit Cache(std::string dir) : dir(std::move(dir)) {}
  std::string fileFor(llvm::StringRef id, char suffix) const;
  std::optional<std::string> readOutput(llvm::StringRef actionID, std::string* bytes);
  bool writeAtomically(const std::string& file, llvm::StringRef bytes, bool executable);
  void warn(const llvm::Twine& what, std::error_code ec);

  std::string dir;  // empty: off
  bool warned = false;
};
