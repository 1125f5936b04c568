//! Emitters: turn a [`Report`] into text for people or tools.

pub mod human;
pub mod json;

use crate::diagnostic::Severity;
use crate::engine::Report;

/// Counts over a whole run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    pub argo_documents: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(report: &Report) -> Summary {
        let mut s = Summary {
            files: report.files.len(),
            ..Summary::default()
        };
        for f in &report.files {
            s.documents += f.documents;
            s.argo_documents += f.argo_documents;
        }
        for (_, d) in report.diagnostics() {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }

    /// The closing line of human output.
    pub fn line(&self) -> String {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        let found: Vec<String> = [
            (self.errors, "error"),
            (self.warnings, "warning"),
            (self.infos, "info"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| plural(n, w))
        .collect();
        let skipped = self.documents - self.argo_documents;
        let scope = format!(
            "{} ({} checked{})",
            plural(self.files, "file"),
            plural(self.argo_documents, "Argo document"),
            if skipped > 0 {
                format!(", {} skipped", plural(skipped, "other document"))
            } else {
                String::new()
            }
        );
        if found.is_empty() {
            format!("No problems found in {scope}.")
        } else {
            format!("Found {} in {scope}.", found.join(", "))
        }
    }
}
