//! argolint: a fast static linter for Argo Workflows manifests.
//!
//! See ARCHITECTURE.md for the layers and where things live.

pub mod api;
