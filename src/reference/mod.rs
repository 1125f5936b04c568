//! The field reference: what `argolint explain`, the editor's hover and the generated
//! `docs/fields/` pages say about each field of the Argo API. It sits above the rules (it
//! lists the rules that read each field) and below the CLI and the language server.

pub mod docs;
pub mod explain;
