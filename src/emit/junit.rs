//! `--format junit`: JUnit XML, one test suite per file and one failing test case per
//! finding (a file without findings is one passing case), for CI test-report views.

use super::{Location, Summary, xml_escape};
use crate::report::Report;

pub fn render(report: &Report) -> String {
    let s = Summary::of(report);
    let total = s.errors + s.warnings + s.infos;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"argolint\" tests=\"{}\" failures=\"{total}\">\n",
        report
            .files
            .iter()
            .map(|f| f.diagnostics.len().max(1))
            .sum::<usize>()
    ));
    for f in &report.files {
        let name = xml_escape(&f.file.name);
        out.push_str(&format!(
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{}\">\n",
            f.diagnostics.len().max(1),
            f.diagnostics.len()
        ));
        if f.diagnostics.is_empty() {
            out.push_str(&format!(
                "    <testcase name=\"argolint\" classname=\"{name}\"/>\n"
            ));
        }
        for d in &f.diagnostics {
            let l = Location::of(&f.file, d.span);
            let mut body = format!("{}:{}:{}: {}", f.file.name, l.line, l.column, d.message);
            if let Some(p) = &d.path {
                body.push_str(&format!("\npath: {p}"));
            }
            if let Some(h) = &d.help {
                body.push_str(&format!("\nhelp: {h}"));
            }
            out.push_str(&format!(
                "    <testcase name=\"{}[{}] line {} column {}\" classname=\"{name}\" file=\"{name}\" line=\"{}\">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                d.rule.code,
                d.rule.name,
                l.line,
                l.column,
                l.line,
                d.severity,
                xml_escape(&d.message),
                xml_escape(&body)
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
