//! The shape of manifests: fields that exist (or no longer exist) in the target release,
//! and the rules that schema validation (`crate::validate`) reports under.

pub mod deprecated_field;
pub mod invalid_enum_value;
pub mod invalid_type;
pub mod invalid_value;
pub mod missing_required_field;
pub mod removed_field;
pub mod unknown_field;
pub mod unsupported_field;
pub mod yaml11_implicit_type;

use super::RuleMeta;

/// Rules reported by schema validation rather than by a `check` of their own.
pub static METAS: &[&RuleMeta] = &[
    &unknown_field::META,
    &invalid_type::META,
    &invalid_enum_value::META,
    &missing_required_field::META,
    &invalid_value::META,
    &yaml11_implicit_type::META,
    &unsupported_field::META,
];
