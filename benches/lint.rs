//! In-process benchmarks over upstream's 217 examples: parsing alone, and a full lint.
//! Run with `cargo bench`; skipped (with a message) when `../shared` is absent.
//! For whole-process timings see `scripts/bench.sh` (hyperfine).

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};

use argolint::engine::{Input, lint_inputs};
use argolint::settings::Settings;
use argolint::source::parse_text;

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("ARGOLINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .join("corpus/argo-examples");
    dir.is_dir().then_some(dir)
}

fn bench(c: &mut Criterion) {
    let Some(dir) = corpus() else {
        eprintln!("SKIPPED: ../shared/corpus/argo-examples not found (set ARGOLINT_SHARED)");
        return;
    };
    let (files, _) = argolint::engine::discover(std::slice::from_ref(&dir));
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    c.bench_function("parse 217 examples (1 thread)", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| parse_text(t).documents.len())
                .sum::<usize>()
        })
    });
    let settings = Settings::default();
    c.bench_function("lint examples folder (read + parse + rules)", |b| {
        b.iter(|| {
            lint_inputs(&[Input::Path(dir.clone())], &settings)
                .files
                .len()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
