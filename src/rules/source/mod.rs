//! Rules the source layer reports while reading and parsing a file. They have no `check`:
//! the engine turns each [`crate::source::parse::SourceProblem`] into a diagnostic of the
//! matching rule.

pub mod alias_expansion;
pub mod duplicate_key;
pub mod file_too_large;
pub mod invalid_suppression;
pub mod not_text;
pub mod unrendered_template;
pub mod unused_suppression;
pub mod yaml_syntax_error;

use super::RuleMeta;
use crate::source::parse::ProblemKind;

pub static METAS: &[&RuleMeta] = &[
    &yaml_syntax_error::META,
    &duplicate_key::META,
    &alias_expansion::META,
    &unrendered_template::META,
    &not_text::META,
    &file_too_large::META,
    &unused_suppression::META,
    &invalid_suppression::META,
];

/// The rule that reports a kind of parse problem.
pub fn meta_for(kind: ProblemKind) -> &'static RuleMeta {
    match kind {
        ProblemKind::Syntax => &yaml_syntax_error::META,
        ProblemKind::DuplicateKey => &duplicate_key::META,
        ProblemKind::AliasExpansion => &alias_expansion::META,
        ProblemKind::Template => &unrendered_template::META,
    }
}
