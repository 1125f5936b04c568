//! `--format concise`: one line per finding,
//! `file:line:col: severity[rule] message`, with `[*]` before the message of a finding
//! `--fix` resolves (`[~]`: with `--unsafe-fixes`) and the help's "did you mean" after it.

use super::{Location, Summary};
use crate::report::Report;

pub fn render(report: &Report, quiet: bool) -> String {
    let mut out = String::new();
    for (f, d) in report.diagnostics() {
        let l = Location::of(&f.file, d.span);
        // The suggestion is the most useful part of a help: keep it on the line.
        let hint = d
            .help
            .as_deref()
            .and_then(|h| h.find("did you mean").map(|i| &h[i..]))
            .map(|h| format!(" ({})", h.split_whitespace().collect::<Vec<_>>().join(" ")))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}{}{hint}\n",
            f.file.name,
            l.line,
            l.column,
            d.severity,
            d.rule.name,
            super::fix_mark(d),
            d.message
        ));
    }
    if !quiet {
        out.push_str(&Summary::of(report).line());
        out.push('\n');
        if let Some(line) = super::fixable_line(report) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}
