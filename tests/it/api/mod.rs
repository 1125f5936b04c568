//! Tests of the Argo API model against upstream facts (`../shared`) and of the committed
//! generated files (facts, schemas, field docs).
//!
//! `cargo xtask generate` rewrites every stale generated file (`ARGOLINT_BLESS=1`).

mod coverage;
mod crd;
mod facts;
mod generated;
mod schema_python;
mod upstream;
