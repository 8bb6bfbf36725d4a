# bench/common.sh: what every benchmark script starts with, sourced right after its header.
# Sets here (bench/), root (the source tree), gocc (the driver: $GOCC, or the built one) and
# work (a scratch directory, removed on exit).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
gocc=${GOCC:-$root/build/bin/gocc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# write_units DIR N [PRELUDE]: DIR/unit1.cpp .. DIR/unitN.cpp, each defining
# std::string unitI(const std::vector<int>&) over a std::map (a few hundred ms of compile each),
# and int editI, a line a benchmark rewrites to change the unit; PRELUDE (an #include) first.
write_units() {
  local i
  for i in $(seq 1 "$2"); do
    {
      if [ -n "${3:-}" ]; then echo "$3"; fi
      cat <<CPP
#include <algorithm>
#include <map>
#include <string>
#include <vector>
int edit$i = 0;
std::string unit$i(const std::vector<int>& v) {
  std::map<int, std::string> m;
  for (int x : v) m[x] = std::to_string(x * $i + edit$i);
  std::string out;
  for (auto& [k, s] : m) out += s;
  std::sort(out.begin(), out.end());
  return out;
}
CPP
    } > "$1/unit$i.cpp"
  done
}
