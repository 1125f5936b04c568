//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

use serde_json::{Value, json};

use super::Location;
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::Report;
use crate::rule::RuleMeta;
use crate::source::SourceFile;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path with forward slashes, as SARIF URIs want.
fn uri(name: &str) -> String {
    let name = name.replace('\\', "/");
    let name = name.strip_prefix("./").unwrap_or(&name).to_string();
    name.split('/')
        .map(|seg| {
            seg.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn region(file: &SourceFile, span: crate::source::Span) -> Value {
    let l = Location::of(file, span);
    json!({
        "startLine": l.line,
        "startColumn": l.column,
        "endLine": l.end_line,
        "endColumn": l.end_column,
    })
}

/// A relative name is resolved against `%SRCROOT%` (the working directory); an absolute
/// one becomes a `file://` URI of its own.
fn artifact(name: &str) -> Value {
    if name.starts_with('/') {
        json!({"uri": format!("file://{}", uri(name))})
    } else {
        json!({"uri": uri(name), "uriBaseId": "%SRCROOT%"})
    }
}

fn physical(file: &SourceFile, span: crate::source::Span) -> Value {
    json!({
        "artifactLocation": artifact(&file.name),
        "region": region(file, span),
    })
}

fn result(file: &SourceFile, d: &Diagnostic, rule_index: usize) -> Value {
    let mut text = d.message.clone();
    if let Some(h) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(h);
    }
    let mut location = json!({"physicalLocation": physical(file, d.span)});
    if let Some(p) = &d.path {
        location["logicalLocations"] = json!([{"fullyQualifiedName": p, "kind": "element"}]);
    }
    let mut r = json!({
        "ruleId": d.rule.code,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": {"text": text},
        "locations": [location],
    });
    if !d.labels.is_empty() {
        r["relatedLocations"] = Value::Array(
            d.labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    json!({
                        "id": i,
                        "message": {"text": l.message},
                        "physicalLocation": physical(file, l.span),
                    })
                })
                .collect(),
        );
    }
    if let Some(fix) = &d.fix {
        r["fixes"] = json!([{
            "description": {"text": fix.message},
            "artifactChanges": [{
                "artifactLocation": artifact(&file.name),
                "replacements": fix.edits.iter().map(|e| json!({
                    "deletedRegion": region(file, e.span),
                    "insertedContent": {"text": e.replacement},
                })).collect::<Vec<_>>(),
            }],
        }]);
    }
    r
}

/// SARIF for `report`; `all` is every rule of the tool (SARIF lists them in the driver).
pub fn render(report: &Report, all: &[&RuleMeta]) -> String {
    let rule_index = |code: &str| all.iter().position(|m| m.code == code).unwrap_or(0);
    let rules_json: Vec<Value> = all
        .iter()
        .map(|m| {
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.summary},
                "help": {"text": m.render_docs(), "markdown": m.render_docs()},
                "helpUri": m.url(),
                "defaultConfiguration": {"level": level(m.severity)},
                "properties": {"tags": [m.category.as_str()]},
            })
        })
        .collect();
    let results: Vec<Value> = report
        .diagnostics()
        .map(|(f, d)| result(&f.file, d, rule_index(d.rule.code)))
        .collect();
    let mut run = json!({
        "tool": {"driver": {
            "name": "argolint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": crate::rule::DOCS_BASE_URL.trim_end_matches("rules/"),
            "rules": rules_json,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Ok(cwd) = std::env::current_dir() {
        let mut base = cwd.to_string_lossy().replace('\\', "/");
        if !base.ends_with('/') {
            base.push('/');
        }
        if !base.starts_with('/') {
            base.insert(0, '/');
        }
        run["originalUriBaseIds"] = json!({"%SRCROOT%": {"uri": format!("file://{}", uri(&base))}});
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}
