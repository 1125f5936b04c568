//! The integration tests, as modules of one binary: each test binary links the whole crate,
//! so one binary instead of twenty keeps the rebuild after an edit short.
//!
//! The rule fixtures (`testdata/rules/<rule>/`) are the other binary, `tests/rules.rs`: one
//! test case per fixture folder needs its own harness.
//!
//! Run one module with `cargo test --test it <module>::`, e.g. `cargo test --test it cli::`.

mod api;
mod architecture;
mod ci_templates;
mod cli;
mod common;
mod config;
mod corpus;
mod damage;
mod differential;
mod docs;
mod editor;
mod fix;
mod formats;
mod fuzz_regressions;
mod lsp;
mod malformed;
mod mutation;
mod native_validator;
mod output;
mod precision;
mod precommit;
mod rule_texts;
mod rules;
mod schema_validation;
mod seeded;
mod suppressions;
mod template_docs;
mod template_refs;
