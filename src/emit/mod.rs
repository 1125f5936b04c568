//! Emitters: turn a [`Report`] into text for people or tools.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod statistics;

use crate::diagnostic::Severity;
use crate::report::Report;
use crate::source::{SourceFile, Span};

/// Where the published rule documentation lives (`rules/<name>.md` of the repository).
/// 1-based start and end line/column of a span (columns in Unicode scalar values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    pub fn of(file: &SourceFile, span: Span) -> Location {
        let (line, column) = file.line_col(span.start);
        let (end_line, end_column) = file.line_col(span.end);
        Location {
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// A stable 64-bit FNV-1a hash, as 16 hex digits (fingerprints that must not change between
/// releases or platforms).
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}

/// Escapes text for XML content and attributes.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Fixable findings of a run: (safe, unsafe-only).
pub fn fixable(report: &Report) -> (usize, usize) {
    let (mut safe, mut unsafe_) = (0, 0);
    for (_, d) in report.diagnostics() {
        match &d.fix {
            Some(f) if f.safe => safe += 1,
            Some(_) => unsafe_ += 1,
            None => {}
        }
    }
    (safe, unsafe_)
}

/// The line under the summary that says what `--fix` would do, if anything.
pub fn fixable_line(report: &Report) -> Option<String> {
    let (safe, unsafe_) = fixable(report);
    match (safe, unsafe_) {
        (0, 0) => None,
        (0, u) => Some(format!(
            "{u} fixable with `--fix --unsafe-fixes` (check the diff first: `--diff --unsafe-fixes`)."
        )),
        (s, 0) => Some(format!("{s} fixable with `--fix`.")),
        (s, u) => Some(format!(
            "{s} fixable with `--fix` ({u} more with `--unsafe-fixes`)."
        )),
    }
}

/// The mark of a finding `--fix` can resolve: `[*]` (safe) or `[~]` (with `--unsafe-fixes`).
pub fn fix_mark(d: &crate::diagnostic::Diagnostic) -> &'static str {
    match &d.fix {
        Some(f) if f.safe => "[*] ",
        Some(_) => "[~] ",
        None => "",
    }
}

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
        if self.files == 0 {
            "No files were linted: no *.yaml, *.yml or *.json file among the paths.".to_string()
        } else if found.is_empty() {
            format!("No problems found in {scope}.")
        } else {
            format!("Found {} in {scope}.", found.join(", "))
        }
    }
}
