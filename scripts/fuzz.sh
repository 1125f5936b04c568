#!/usr/bin/env bash
# Coverage-guided fuzzing of every target in fuzz/ (cargo fuzz, libFuzzer, the nightly
# toolchain), each for a bounded time: FUZZ_SECONDS (default 60) per target.
#   scripts/fuzz.sh            # every target
#   scripts/fuzz.sh lint parse # some
# Seeds: upstream's examples (../shared or $ARGOLINT_SHARED), testdata's manifests and
# configurations, copied into target/fuzz-corpus/<target> (the corpus grows there, outside
# the repo). A crash stops the run with libFuzzer's report and exit 1; the input it saved
# under fuzz/artifacts/<target>/ becomes a regression test (tests/it/fuzz_regressions.rs
# replays every file in testdata/fuzz/<target>/).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
cargo_fuzz="${CARGO_FUZZ:-$PWD/target/tools/bin/cargo-fuzz}"
[ -x "$cargo_fuzz" ] || cargo_fuzz="$(command -v cargo-fuzz || true)"
if [ -z "$cargo_fuzz" ]; then
  echo "fuzz: cargo-fuzz is not installed (scripts/install-test-tools.sh installs it)" >&2
  exit 1
fi
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: the nightly toolchain is missing; cargo fuzz needs it and CI cannot download it" >&2
  exit 1
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse lint expressions config fix lsp)
shared="${ARGOLINT_SHARED:-../shared}"

seed() {
  local t="$1" dir="target/fuzz-corpus/$1"
  mkdir -p "$dir"
  case "$t" in
    config) find testdata -name '.argolint.yaml' | while read -r f; do cp "$f" "$dir/$(echo "$f" | tr / _)"; done
            printf 'argo-version: "3.6"\ndisable: [run-as-root]\nseverity: {missing-memory-limit: error}\nexclude: ["vendor/**"]\nper-path-ignores: {"tests/**": [security]}\n' > "$dir/seed" ;;
    expressions) printf '%s' 'A && (B.Failed || !C.Skipped)' > "$dir/depends"
            printf '%s' "'{{steps.a.outputs.result}}' == 'heads' && {{inputs.parameters.n}} > 3" > "$dir/when"
            printf '%s' '{{= sprig.upper(inputs.parameters.x) }} {{steps.run-{{item}}.status}}' > "$dir/tags" ;;
    *)      { find testdata -name '*.yaml' -size -64k; [ -d "$shared/corpus" ] && find "$shared/corpus" -name '*.yaml' -size -64k; } \
              | while read -r f; do cp "$f" "$dir/$(echo "$f" | tr / _)"; done ;;
  esac
}

cd fuzz
for t in "${targets[@]}"; do
  (cd .. && seed "$t")
  echo "== fuzz $t for ${seconds}s"
  # -timeout: one input may take at most 10 s (a hang is a failure too); -rss_limit_mb: 2 GB.
  log="../target/fuzz-corpus/$t.log"
  if ! PATH="$(dirname "$cargo_fuzz"):$PATH" cargo +nightly fuzz run --release "$t" "../target/fuzz-corpus/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    >"$log" 2>&1; then
    tail -60 "$log" >&2
    echo "fuzz: target $t failed; the input is under fuzz/artifacts/$t/ (full log: target/fuzz-corpus/$t.log)" >&2
    exit 1
  fi
  grep -a -E '^(INFO: seed corpus|#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)' "$log" || true
done
echo "fuzz: every target ran ${seconds}s without a crash"
