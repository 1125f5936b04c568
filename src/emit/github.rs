//! `--format github`: GitHub Actions workflow commands, shown as annotations on the diff.

use super::Location;
use crate::diagnostic::Severity;
use crate::report::Report;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for (f, d) in report.diagnostics() {
        let l = Location::of(&f.file, d.span);
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&f.file.name),
            l.line,
            l.column,
            l.end_line,
            l.end_column,
            escape_property(&format!("{} {}", d.rule.code, d.rule.name)),
            escape_data(&message)
        ));
    }
    out
}
