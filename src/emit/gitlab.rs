//! `--format gitlab`: a GitLab Code Quality report (a JSON array of issues).

use serde_json::json;

use super::{Location, fingerprint};
use crate::diagnostic::Severity;
use crate::report::Report;

pub fn render(report: &Report) -> String {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    let issues: Vec<_> = report
        .diagnostics()
        .map(|(f, d)| {
            let l = Location::of(&f.file, d.span);
            // Stable across line moves; repeated identical findings get an occurrence number.
            let base = fingerprint(&[
                &f.file.name,
                d.rule.code,
                d.path.as_deref().unwrap_or(""),
                &d.message,
            ]);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            let fp = if *n == 1 {
                base
            } else {
                fingerprint(&[&base, &n.to_string()])
            };
            json!({
                "description": format!("{} [{}]", d.message, d.rule.name),
                "check_name": d.rule.name,
                "fingerprint": fp,
                "severity": match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                "location": {
                    "path": f.file.name.as_ref(),
                    "lines": {"begin": l.line, "end": l.end_line},
                },
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}
