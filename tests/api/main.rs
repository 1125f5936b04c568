//! Tests of the Argo API model against upstream facts (`../shared`) and of the committed
//! generated files (facts, schemas, field docs). One test binary to keep link time low.
//!
//! `ARGOLINT_BLESS=1 cargo test --test api` rewrites every stale generated file.

mod coverage;
mod crd;
mod facts;
mod generated;
mod schema_python;
mod upstream;

/// True when the run should rewrite generated files instead of failing on them.
pub fn bless() -> bool {
    std::env::var("ARGOLINT_BLESS").is_ok_and(|v| !v.is_empty() && v != "0")
}
