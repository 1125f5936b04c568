#!/usr/bin/env bash
# Builds the differential-test oracle (tools/oracle/README.md): target/oracle/oracle-v3 and
# target/oracle/oracle-v4, from upstream Argo Workflows modules fetched through the Go module
# proxy. Needs only Go. A binary newer than every file of its module and of tools/oracle/common
# is kept (pass --force to rebuild anyway). go.sum files are complete, so the build runs with
# -mod=readonly: a missing or changed checksum is an error, not a silent update.
set -euo pipefail
cd "$(dirname "$0")/.."
force=0
[ "${1:-}" = "--force" ] && force=1
GO="${GO:-go}"
command -v "$GO" >/dev/null || { echo "build-oracle: '$GO' not found; install Go (see tools/oracle/v*/go.mod for the version)" >&2; exit 1; }
out=target/oracle
mkdir -p "$out"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
since() { local ms=$(( $(now_ms) - $1 )); printf '%d.%03d s' $((ms / 1000)) $((ms % 1000)); }
start=$(now_ms)
for v in v3 v4; do
  bin="$out/oracle-$v"
  if [ "$force" = 0 ] && [ -x "$bin" ] &&
     [ -z "$(find tools/oracle/common "tools/oracle/$v" -type f -newer "$bin" -print -quit)" ]; then
    echo "build-oracle: $bin is up to date"
    continue
  fi
  echo "build-oracle: building $bin"
  t0=$(now_ms)
  (cd "tools/oracle/$v" && CGO_ENABLED=0 "$GO" build -mod=readonly -trimpath -o "../../../$bin" .)
  touch "$bin"
  echo "build-oracle: $bin built in $(since "$t0")"
done
echo "build-oracle: done in $(since "$start")"
