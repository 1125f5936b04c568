//! `--statistics`: how many findings each rule produced, most first.

use std::collections::BTreeMap;

use crate::report::Report;

pub fn render(report: &Report) -> String {
    let mut counts: BTreeMap<(&str, &str), (usize, bool)> = BTreeMap::new();
    for (_, d) in report.diagnostics() {
        let e = counts
            .entry((d.rule.code, d.rule.name))
            .or_insert((0, false));
        e.0 += 1;
        e.1 |= d.fix.is_some();
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    let mut out = String::new();
    let total: usize = rows.iter().map(|(_, (n, _))| n).sum();
    for ((code, name), (n, fixable)) in rows {
        out.push_str(&format!(
            "{n:>6}  {code:<6} {name}{}\n",
            if fixable { "  [*]" } else { "" }
        ));
    }
    out.push_str(&format!("{total:>6}  total\n"));
    out.push_str(&super::Summary::of(report).line());
    out.push('\n');
    out
}
