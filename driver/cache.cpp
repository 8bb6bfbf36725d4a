#include "cache.h"

#include "errors.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdlib>
#include <ctime>

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

constexpr size_t kIDDigits = 64;
// An action entry: "v1 <action> <output> <size> <time>\n", the numbers right-aligned in 20
// columns, so that every entry has this length and a truncated one cannot parse.
constexpr size_t kEntrySize = 3 + kIDDigits + 1 + kIDDigits + 1 + 20 + 1 + 20 + 1;
constexpr time_t kRefreshAfter = 3600;         // a used file's mtime is moved on hourly
constexpr time_t kTrimEvery = 24 * 3600;       // a trim runs at most daily
constexpr time_t kTrimUnused = 5 * 24 * 3600;  // and deletes files unused this long
constexpr time_t kStaleTemporary = 3600;       // a temporary older than this was abandoned

const char kReadme[] =
    "This directory holds cached build artifacts from gocc, the C++ compiler driver.\n"
    "It is safe to delete it (gocc clean -cache does); builds will be slower until it refills.\n";

std::string hexOf(const llvm::BLAKE3Result<32>& digest) {
  return llvm::toHex(digest, /*LowerCase=*/true);
}

bool isID(llvm::StringRef s) {
  return s.size() == kIDDigits && llvm::all_of(s, [](char c) { return llvm::isHexDigit(c); });
}

std::optional<std::string> readWhole(const std::string& file) {
  auto buf = llvm::MemoryBuffer::getFile(file, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buf) return std::nullopt;
  return (*buf)->getBuffer().str();
}

}  // namespace

void IDHasher::add(llvm::StringRef label, llvm::StringRef bytes) {
  std::string head =
      std::to_string(label.size()) + ":" + label.str() + std::to_string(bytes.size()) + ":";
  hasher.update(head);
  hasher.update(bytes);
}

std::string IDHasher::hex() const {
  llvm::BLAKE3 copy = hasher;
  return hexOf(copy.final());
}

std::string contentID(llvm::StringRef bytes) {
  return hexOf(llvm::BLAKE3::hash(llvm::arrayRefFromStringRef(bytes)));
}

std::optional<std::string> FileHashes::get(const std::string& file) {
  auto [it, added] = known.try_emplace(file);
  // Only a regular file has contents to trust: a FIFO or a device would block or change.
  if (added && fs::is_regular_file(file)) {
    auto buf =
        llvm::MemoryBuffer::getFile(file, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    if (buf) it->second = contentID((*buf)->getBuffer());
  }
  return it->second;
}

llvm::Expected<std::string> Cache::directory() {
  auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v ? v : "";
  };
  std::string dir = env("GOCCCACHE");
  if (dir == "off") return dir;
  if (!dir.empty()) {
    if (!path::is_absolute(dir)) return fail(2, "GOCCCACHE is not an absolute path");
    return dir;
  }
  if (std::string xdg = env("XDG_CACHE_HOME"); !xdg.empty() && path::is_absolute(xdg))
    return xdg + "/gocc";
  if (std::string home = env("HOME"); !home.empty()) return home + "/.cache/gocc";
  return std::string();
}

llvm::Expected<Cache> Cache::open() {
  auto where = directory();
  if (!where) return where.takeError();
  if (where->empty()) {
    // Without a place for it, the build still works, only slower.
    llvm::errs() << "gocc: warning: GOCCCACHE is not defined and neither $XDG_CACHE_HOME nor "
                    "$HOME are defined (the build goes on without caching)\n";
    return Cache("");
  }
  if (*where == "off") return Cache("");
  Cache cache(*where);
  if (std::error_code ec = fs::create_directories(*where)) {
    cache.warn("create", ec);
    return Cache("");
  }
  std::string readme = *where + "/README";
  if (!fs::exists(readme)) cache.writeAtomically(readme, kReadme, false);
  return cache;
}

std::string Cache::fileFor(llvm::StringRef id, char suffix) const {
  return dir + "/" + id.substr(0, 2).str() + "/" + id.str() + "-" + suffix;
}

void Cache::warn(const llvm::Twine& what, std::error_code ec) {
  if (warned) return;
  warned = true;
  llvm::errs() << "gocc: warning: build cache " << dir << ": " << what << ": " << errnoText(ec)
               << " (the build goes on without caching)\n";
}

// Writes file whole or not at all: a temporary beside it, renamed over it.
bool Cache::writeAtomically(const std::string& file, llvm::StringRef bytes, bool executable) {
  llvm::StringRef parent = path::parent_path(file);
  if (std::error_code ec = fs::create_directories(parent)) {
    warn("create " + parent, ec);
    return false;
  }
  llvm::SmallString<256> model(parent);
  path::append(model, ".tmp-%%%%%%%%%%%%");
  int fd;
  llvm::SmallString<256> tmp;
  fs::perms mode = executable ? fs::all_all : fs::all_read | fs::all_write;
  if (std::error_code ec = fs::createUniqueFile(model, fd, tmp, fs::OF_None, mode)) {
    warn("write", ec);
    return false;
  }
  bool written;
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << bytes;
    os.close();
    written = !os.has_error();
    if (!written) warn("write " + tmp, os.error());
    os.clear_error();
  }
  if (written) {
    if (std::error_code ec = fs::rename(tmp, file)) {
      warn("rename " + tmp, ec);
      written = false;
    }
  }
  if (!written) fs::remove(tmp);
  return written;
}

// Moves a used file's modification time on (at most hourly), so that trimming keeps it.
void Cache::markUsed(const std::string& file) {
  struct stat st;
  if (stat(file.c_str(), &st) != 0) return;
  if (time(nullptr) - st.st_mtime < kRefreshAfter) return;
  utimensat(AT_FDCWD, file.c_str(), nullptr, 0);  // best effort: a read-only cache stays as is
}

std::optional<std::string> Cache::readOutput(llvm::StringRef actionID, std::string* bytes) {
  if (!enabled() || !isID(actionID)) return std::nullopt;
  std::string entryFile = fileFor(actionID, 'a');
  auto entry = readWhole(entryFile);
  if (!entry || entry->size() != kEntrySize) return std::nullopt;
  llvm::SmallVector<llvm::StringRef, 5> fields;
  llvm::StringRef(*entry).drop_back().split(fields, ' ', -1, /*KeepEmpty=*/false);
  unsigned long long size;
  if (fields.size() != 5 || fields[0] != "v1" || fields[1] != actionID || !isID(fields[2]) ||
      fields[3].getAsInteger(10, size) || entry->back() != '\n')
    return std::nullopt;
  std::string outputFile = fileFor(fields[2], 'd');
  auto data = readWhole(outputFile);
  if (!data || data->size() != size || contentID(*data) != fields[2]) return std::nullopt;
  markUsed(entryFile);
  markUsed(outputFile);
  if (bytes) *bytes = std::move(*data);
  return outputFile;
}

std::optional<std::string> Cache::getFile(llvm::StringRef actionID) {
  return readOutput(actionID, nullptr);
}

std::optional<std::string> Cache::getBytes(llvm::StringRef actionID) {
  std::string bytes;
  if (!readOutput(actionID, &bytes)) return std::nullopt;
  return bytes;
}

void Cache::put(llvm::StringRef actionID, llvm::StringRef bytes, bool executable) {
  if (!enabled() || warned) return;  // after one failure, the rest of the build skips the cache
  std::string outputID = contentID(bytes);
  std::string outputFile = fileFor(outputID, 'd');
  auto existing = readWhole(outputFile);
  bool present = existing && *existing == bytes;
  if (present && executable) present = access(outputFile.c_str(), X_OK) == 0;
  if (!present && !writeAtomically(outputFile, bytes, executable)) return;
  std::string entry = llvm::formatv("v1 {0} {1} {2,20} {3,20}\n", actionID, outputID, bytes.size(),
                                    int64_t(time(nullptr)))
                          .str();
  writeAtomically(fileFor(actionID, 'a'), entry, false);
}

void Cache::trimIfDue() {
  if (!enabled() || warned) return;
  std::string stamp = dir + "/trim.txt";
  time_t now = time(nullptr);
  if (auto last = readWhole(stamp)) {
    long long t;
    if (!llvm::StringRef(*last).trim().getAsInteger(10, t) && now - t < kTrimEvery) return;
  }
  // Stamped first, so that builds starting meanwhile do not trim too.
  if (!writeAtomically(stamp, std::to_string(now) + "\n", false)) return;
  std::error_code ec;
  for (fs::directory_iterator sub(dir, ec), end; !ec && sub != end; sub.increment(ec)) {
    llvm::StringRef name = path::filename(sub->path());
    if (name.size() != 2 || !llvm::isHexDigit(name[0]) || !llvm::isHexDigit(name[1])) continue;
    std::error_code ec2;
    for (fs::directory_iterator f(sub->path(), ec2), fend; !ec2 && f != fend; f.increment(ec2)) {
      struct stat st;
      if (lstat(f->path().c_str(), &st) != 0) continue;
      bool temporary = path::filename(f->path()).starts_with(".tmp-");
      if (now - st.st_mtime > (temporary ? kStaleTemporary : kTrimUnused)) fs::remove(f->path());
    }
  }
  // PCHs (compile.h): a directory goes when its PCH has not been used for five days, or when
  // it has none an hour after it was made (a build that never finished it).
  for (fs::directory_iterator d(dir + "/pch", ec), end; !ec && d != end; d.increment(ec)) {
    struct stat pch, made;
    if (stat((d->path() + "/std.pch").c_str(), &pch) == 0) {
      if (now - pch.st_mtime > kTrimUnused) fs::remove_directories(d->path());
    } else if (stat(d->path().c_str(), &made) == 0 && now - made.st_mtime > kStaleTemporary) {
      fs::remove_directories(d->path());
    }
  }
}

llvm::Error Cache::clean() {
  if (!enabled()) return llvm::Error::success();
  std::error_code ec;
  for (fs::directory_iterator sub(dir, ec), end; !ec && sub != end; sub.increment(ec)) {
    llvm::StringRef name = path::filename(sub->path());
    if (name.size() != 2 || !llvm::isHexDigit(name[0]) || !llvm::isHexDigit(name[1])) continue;
    if (std::error_code rm = fs::remove_directories(sub->path()))
      return fail("remove " + sub->path() + ": " + errnoText(rm));
  }
  if (ec && ec != std::errc::no_such_file_or_directory)
    return fail("open " + dir + ": " + errnoText(ec));
  if (std::error_code rm = fs::remove_directories(dir + "/pch"))
    return fail("remove " + dir + "/pch: " + errnoText(rm));
  fs::remove(dir + "/trim.txt");
  return llvm::Error::success();
}
