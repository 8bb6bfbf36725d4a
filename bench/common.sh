# bench/common.sh: what every benchmark script starts with, sourced right after its header.
# Sets here (bench/), root (the source tree), gocc (the driver: $GOCC, or the built one) and
# work (a scratch directory, removed on exit).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
gocc=${GOCC:-$root/build/bin/gocc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
