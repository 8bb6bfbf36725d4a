# bench/common.sh: what every benchmark script starts with, sourced right after its header.
# Sets here (bench/), root (the source tree), gocc (the driver: $GOCC, or the built one) and
# work (a scratch directory, removed on exit); defines ms, median and write_twenty_units.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
gocc=${GOCC:-$root/build/bin/gocc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Microseconds taken by the command, its output dropped.
ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000))
}
# The median of the microsecond figures on stdin, in milliseconds.
median() { sort -n | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "%.1f", m/1000}'; }

# Writes the benchmarks' 20-file program into directory $1: unit1.cpp ... unit20.cpp, each with
# <algorithm>, <map>, <string> and <vector> (unitN's "int editN = 0;" is the line a benchmark
# edits), and main.cpp, which calls them all.
write_twenty_units() {
  mkdir -p "$1"
  local i
  for i in $(seq 1 20); do
    cat > "$1/unit$i.cpp" <<CPP
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
  done
  {
    echo '#include <cstdio>'
    echo '#include <string>'
    echo '#include <vector>'
    for i in $(seq 1 20); do echo "std::string unit$i(const std::vector<int>&);"; done
    echo 'int main() { std::vector<int> v = {3, 1, 2}; size_t n = 0;'
    for i in $(seq 1 20); do echo "  n += unit$i(v).size();"; done
    echo '  std::printf("%zu\n", n); }'
  } > "$1/main.cpp"
}
