#!/usr/bin/env bash
# The figures BENCHMARKS.md records, on this machine, taken the same way each time.
#   scripts/bench.sh            # argolint only
#   scripts/bench.sh --compare  # also checkov and check-jsonschema on the examples (PyPI,
#                               # installed into target/bench-venv), as ratios
# PROFILE=profiling uses the quick-to-build profile (no fat LTO) instead of release.
# Needs hyperfine (apt-get install hyperfine) and GNU time (/usr/bin/time).
#
# Workloads:
#   examples   upstream's examples folder (../shared/corpus/argo-examples), cold process each run
#   one-file   one typical example
#   big        the examples copied 50 times (generated into target/bench/big): throughput and
#              peak memory on a repository of ~10,000 files
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${ARGOLINT_SHARED:-../shared}"
corpus="$shared/corpus/argo-examples"
[ -d "$corpus" ] || { echo "SKIPPED: $corpus not found (set ARGOLINT_SHARED)"; exit 0; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 1; }
profile="${PROFILE:-release}"
cargo build --profile "$profile" --quiet
bin="target/$profile/argolint"
out=target/bench
mkdir -p "$out"

big="$out/big"
if [ ! -d "$big/copy-50" ]; then
  rm -rf "$big"
  for i in $(seq 1 50); do mkdir -p "$big/copy-$i" && cp -r "$corpus"/. "$big/copy-$i/"; done
fi
one="$corpus/dag-diamond-steps.yaml"
[ -f "$one" ] || one="$(find "$corpus" -name '*.yaml' | sort | head -1)"
files() { find "$1" -name '*.y*ml' | wc -l; }
bytes() { find "$1" -name '*.y*ml' -print0 | xargs -0 cat | wc -c; }
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); binary: $bin ($profile)"
echo "examples: $(files "$corpus") files, $(bytes "$corpus") bytes; big: $(files "$big") files, $(bytes "$big") bytes"

hyperfine -N --warmup 5 --runs "${RUNS:-60}" -i --export-json "$out/small.json" \
  -n "examples json" "$bin check --format json $corpus" \
  -n "examples human" "$bin check $corpus" \
  -n "one file json" "$bin check --format json $one"
hyperfine -N --warmup 1 --runs "${BIG_RUNS:-10}" -i --export-json "$out/big.json" \
  -n "big json" "$bin check --format json $big"
python3 - "$out" "$(bytes "$big")" <<'PY'
import json, sys
out, big_bytes = sys.argv[1], int(sys.argv[2])
for name in ("small", "big"):
    for r in json.load(open(f"{out}/{name}.json"))["results"]:
        line = f"{r['command']}: mean {r['mean']*1000:.1f} ms ± {r['stddev']*1000:.1f}, median {r['median']*1000:.1f} ms, min {r['min']*1000:.1f} ms"
        if r["command"].startswith("big"):
            line += f", {big_bytes / r['median'] / 1e6:.1f} MB/s"
        print(line)
PY
for fmt in json human; do
  /usr/bin/time -f "peak RSS, big, $fmt: %M KiB (wall %e s)" "$bin" check --format "$fmt" "$big" >/dev/null 2>"$out/time.txt" || true
  tail -1 "$out/time.txt"
done
/usr/bin/time -f "peak RSS, examples, json: %M KiB" "$bin" check --format json "$corpus" >/dev/null 2>"$out/time.txt" || true
tail -1 "$out/time.txt"

if [ "${1:-}" = "--compare" ]; then
  venv="$out/../bench-venv"
  [ -x "$venv/bin/checkov" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet checkov==3.3.30 check-jsonschema==0.39.0; }
  schema="$shared/schema/argo-workflows-v3.7.18.schema.json"
  [ -f "$schema" ] || schema="$(ls "$shared"/schema/*.schema.json | tail -1)"
  hyperfine -N --warmup 1 --runs "${CMP_RUNS:-5}" -i --export-json "$out/compare.json" \
    -n "argolint" "$bin check --format json $corpus" \
    -n "checkov (argo_workflows)" "$venv/bin/checkov -d $corpus --framework argo_workflows --quiet --compact -o json" \
    -n "check-jsonschema" "$venv/bin/check-jsonschema --schemafile $schema $(find "$corpus" -name '*.yaml' | sort | tr '\n' ' ')"
  python3 - "$out/compare.json" <<'PY'
import json, sys
rs = json.load(open(sys.argv[1]))["results"]
base = rs[0]["median"]
for r in rs:
    print(f"{r['command']}: median {r['median']*1000:.0f} ms, {r['median']/base:.0f}x argolint")
PY
fi
