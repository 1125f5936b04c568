//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared` (or `$ARGOLINT_SHARED`). On CI its absence is a failure; elsewhere the
/// caller skips with a visible message.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("ARGOLINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("corpus/argo-examples").is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "the shared data is missing at {} and CI must run these tests: set ARGOLINT_SHARED",
            dir.display()
        );
    }
    eprintln!(
        "SKIPPED: shared data not found at {} (set ARGOLINT_SHARED to run this test)",
        dir.display()
    );
    None
}

pub fn corpus_dir() -> Option<PathBuf> {
    shared_dir().map(|d| d.join("corpus/argo-examples"))
}
