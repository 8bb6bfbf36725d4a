#include "clean.h"

#include "cache.h"
#include "errors.h"
#include "flags.h"

int cmdClean(llvm::ArrayRef<std::string> args) {
  bool cacheFlag = false;
  FlagSet flags;
  flags.addBool("cache", cacheFlag);
  auto rest = flags.parse(args);
  if (!rest) return report(rest.takeError(), "clean");
  // Go's clean also removes a package's build outputs; gocc keeps none outside the cache.
  if (!rest->empty()) return report(usageError("clean takes no inputs"), "clean");
  if (!cacheFlag) return report(usageError("nothing to clean: give -cache"), "clean");
  auto where = Cache::directory();
  if (!where) return report(where.takeError(), "clean");
  if (where->empty() || *where == "off") return 0;  // no cache, nothing in it
  auto cache = Cache::open();
  if (!cache) return report(cache.takeError(), "clean");
  return report(cache->clean(), "clean");
}
