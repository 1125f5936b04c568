#!/usr/bin/env bash
# Whole-process timings of `argolint check` on upstream's examples folder (cold start, each
# run a new process), plus peak memory. Needs hyperfine (`apt-get install hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${ARGOLINT_SHARED:-../shared}/corpus/argo-examples"
[ -d "$corpus" ] || { echo "SKIPPED: $corpus not found (set ARGOLINT_SHARED)"; exit 0; }
cargo build --release --quiet
bin=target/release/argolint
echo "files: $(find "$corpus" -name '*.y*ml' | wc -l), bytes: $(cat $(find "$corpus" -name '*.y*ml') | wc -c)"
hyperfine --warmup 3 --runs 50 -N -i \
  "$bin check --format json $corpus" \
  "$bin check $corpus"
/usr/bin/time -f "peak RSS: %M KiB, wall: %e s" "$bin" check --format json "$corpus" >/dev/null || true
