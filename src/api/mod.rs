//! The Argo API model: which fields exist in which Argo version.
//!
//! `version` is the vocabulary shared by the whole engine (target version of a lint run).

pub mod version;

pub use version::ArgoVersion;
