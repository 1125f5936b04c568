//! The shape of manifests: fields that exist (or no longer exist) in the target release.

pub mod removed_field;
