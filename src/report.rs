//! The result of a run: per file, its diagnostics and what it held. A leaf module, so the
//! emitters render a report without knowing the engine that made it.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// The diagnostics of one file, and what it held.
#[derive(Debug)]
pub struct FileReport {
    pub file: SourceFile,
    /// Where the file is on disk (`None` for standard input).
    pub path: Option<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
    /// Non-empty YAML documents.
    pub documents: usize,
    /// Documents of the four Argo kinds, which the rules checked.
    pub argo_documents: usize,
}

#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    /// Paths that could not be read or walked, and configuration errors: each message says
    /// which file and why.
    pub io_errors: Vec<String>,
}

impl Report {
    pub fn diagnostics(&self) -> impl Iterator<Item = (&FileReport, &Diagnostic)> {
        self.files
            .iter()
            .flat_map(|f| f.diagnostics.iter().map(move |d| (f, d)))
    }
}
