//! `--format concise`: one line per finding, `file:line:col: severity[rule] message`.

use super::{Location, Summary};
use crate::report::Report;

pub fn render(report: &Report, quiet: bool) -> String {
    let mut out = String::new();
    for (f, d) in report.diagnostics() {
        let l = Location::of(&f.file, d.span);
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}\n",
            f.file.name, l.line, l.column, d.severity, d.rule.name, d.message
        ));
    }
    if !quiet {
        out.push_str(&Summary::of(report).line());
        out.push('\n');
    }
    out
}
