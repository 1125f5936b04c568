//! argolint: a fast static linter for Argo Workflows manifests.
//!
//! Data flows one way: [`source`] (files → spanned YAML tree) → [`model`] (typed views) →
//! [`rules`] (checks) → [`diagnostic`]s → [`emit`] (human, JSON). [`engine`] drives it.
//! [`docgen`] reads the model too, for the documentation of the user's templates.
//! See ARCHITECTURE.md for where things live.

pub mod api;
pub mod baseline;
pub mod cli;
mod cli_docs;
pub mod config;
pub mod diagnostic;
pub mod docgen;
pub mod emit;
pub mod engine;
pub mod fix;
pub mod lsp;
pub mod model;
pub mod reference;
pub mod report;
pub mod rule;
pub mod rules;
pub mod settings;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod validate;
pub mod workspace;
