//! `--format json`: the stable, versioned contract documented in the README.

use serde::Serialize;

use super::Summary;
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::Report;
use crate::source::SourceFile;

/// Version of the JSON contract; bumped only on incompatible changes.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    documents: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    path: Option<&'a str>,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    safe: bool,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    replacement: &'a str,
}

fn diagnostic<'a>(file: &'a SourceFile, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let (line, column) = file.line_col(d.span.start);
    let (end_line, end_column) = file.line_col(d.span.end);
    JsonDiagnostic {
        code: d.rule.code,
        rule: d.rule.name,
        severity: d.severity,
        message: &d.message,
        file: &file.name,
        line,
        column,
        end_line,
        end_column,
        path: d.path.as_deref(),
        help: d.help.as_deref(),
        fix: d.fix.as_ref().map(|f| JsonFix {
            message: &f.message,
            safe: f.safe,
            edits: f
                .edits
                .iter()
                .map(|e| {
                    let (line, column) = file.line_col(e.span.start);
                    let (end_line, end_column) = file.line_col(e.span.end);
                    JsonEdit {
                        line,
                        column,
                        end_line,
                        end_column,
                        replacement: &e.replacement,
                    }
                })
                .collect(),
        }),
    }
}

pub fn render(report: &Report) -> String {
    let s = Summary::of(report);
    let out = Output {
        version: JSON_VERSION,
        diagnostics: report
            .diagnostics()
            .map(|(f, d)| diagnostic(&f.file, d))
            .collect(),
        summary: JsonSummary {
            files: s.files,
            documents: s.argo_documents,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
        },
    };
    let mut text = serde_json::to_string_pretty(&out)
        .unwrap_or_else(|e| format!("{{\"version\":{JSON_VERSION},\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}
