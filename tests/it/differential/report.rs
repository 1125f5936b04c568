//! What the run prints, and the full list of differences written for triage with jq.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::differential::compare::{Difference, Direction, Tally, upstream_documents};
use crate::differential::inputs::{Case, Source};
use crate::differential::yamledit::line_of;

/// (direction, class, rule | stage) → the differences of that group.
pub type Groups<'d> = BTreeMap<(Direction, String, String), Vec<&'d Difference>>;

pub fn groups<'d>(diffs: impl IntoIterator<Item = &'d Difference>) -> Groups<'d> {
    let mut g: Groups = BTreeMap::new();
    for d in diffs {
        g.entry((d.direction, d.class.clone(), d.detail()))
            .or_default()
            .push(d);
    }
    g
}

/// A group's key and its differences.
pub type Group<'g, 'd> = (&'g (Direction, String, String), &'g Vec<&'d Difference>);

/// Largest groups first.
pub fn ranked<'g, 'd>(g: &'g Groups<'d>) -> Vec<Group<'g, 'd>> {
    let mut v: Vec<_> = g.iter().collect();
    v.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    v
}

/// One line: where, and what each side said.
pub fn one_line(d: &Difference, cases: &[Case]) -> String {
    let case = &cases[d.case];
    let file = &case.files[d.file].name;
    let said = match d.direction {
        Direction::ArgolintErrorOnly => d
            .errors
            .iter()
            .find(|e| Some(e.rule) == d.rule)
            .map(|e| format!("{}:{} {}", e.line, e.col, e.message))
            .unwrap_or_default(),
        Direction::OracleRejectOnly => d
            .oracle
            .as_ref()
            .map(|o| o.message.clone())
            .unwrap_or_default(),
    };
    format!("{} {file}#{}: {}", case.id, d.doc, clip(&said, 220))
}

fn clip(s: &str, n: usize) -> String {
    let s = s.replace('\n', "⏎");
    if s.chars().count() <= n {
        s
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// The difference in full, for the failure message.
pub fn describe(d: &Difference, cases: &[Case], like_it: usize) -> String {
    let case = &cases[d.case];
    let f = &case.files[d.file];
    let mut s = String::new();
    let _ = writeln!(
        s,
        "── [{}] {} · class {} · {} ({} like it)",
        d.target,
        d.direction.as_str(),
        d.class,
        d.detail(),
        like_it
    );
    let _ = writeln!(
        s,
        "case:     {} ({} file{})",
        case.id,
        case.files.len(),
        if case.files.len() == 1 { "" } else { "s" }
    );
    if let Some(m) = &case.mutation {
        let _ = writeln!(s, "mutation: {} (from {})", m.what, cases[m.origin].id);
    }
    let kind = d
        .oracle
        .as_ref()
        .map(|o| format!(" ({} {:?})", o.kind, o.name))
        .unwrap_or_default();
    let _ = writeln!(s, "document: {} #{}{}", f.name, d.doc, kind);
    if d.errors.is_empty() {
        let _ = writeln!(s, "argolint: no error");
    }
    for (i, e) in d.errors.iter().enumerate() {
        let mark = if Some(e.rule) == d.rule { "*" } else { " " };
        let _ = writeln!(
            s,
            "{} {}error[{}] {}:{} {}",
            if i == 0 { "argolint:" } else { "         " },
            mark,
            e.rule,
            e.line,
            e.col,
            e.message
        );
    }
    match &d.oracle {
        Some(o) => {
            let verdict = match o.verdict {
                crate::differential::oracle::Verdict::Accept => "accept",
                crate::differential::oracle::Verdict::Reject => "reject",
                crate::differential::oracle::Verdict::Skip => "skip (not an Argo kind)",
            };
            let stage = if o.stage.is_empty() {
                String::new()
            } else {
                format!(" at stage {}", o.stage)
            };
            let msg = if o.message.is_empty() {
                String::new()
            } else {
                format!(": {}", o.message)
            };
            let _ = writeln!(s, "oracle:   {verdict}{stage}{msg}");
            if !o.case_error.is_empty() {
                let _ = writeln!(
                    s,
                    "          the case's template index failed (argo lint would lint nothing): {}",
                    o.case_error
                );
            }
        }
        None => {
            let _ = writeln!(s, "oracle:   no answer for this document");
        }
    }
    s.push_str(&excerpt(case, d));
    s
}

/// The document's text: its first 40 lines, and the lines around the edit when it is
/// further down. Line numbers are the file's, as in argolint's line:col.
fn excerpt(case: &Case, d: &Difference) -> String {
    let f = &case.files[d.file];
    let docs = upstream_documents(&f.text);
    let r = docs[d.doc].clone();
    let first = line_of(&f.text, r.start);
    let lines: Vec<&str> = f.text[r].lines().collect();
    let edit = case
        .mutation
        .as_ref()
        .filter(|m| m.file == d.file)
        .map(|m| line_of(&f.text, m.at));
    let mut s = String::new();
    let label = if case.mutation.is_some() {
        "mutated text"
    } else {
        "text"
    };
    let _ = writeln!(
        s,
        "{label} ({} lines{}):",
        lines.len(),
        edit.map(|l| format!(", edit at line {l}"))
            .unwrap_or_default()
    );
    let show = |s: &mut String, i: usize| {
        let n = first + i;
        let mark = if Some(n) == edit { '>' } else { ' ' };
        let _ = writeln!(s, "{mark}{n:5} | {}", lines[i]);
    };
    let head = lines.len().min(40);
    (0..head).for_each(|i| show(&mut s, i));
    if let Some(e) = edit.filter(|&e| e >= first + head && e < first + lines.len()) {
        let lo = (e - first).saturating_sub(3).max(head);
        let _ = writeln!(s, "       ⋮");
        (lo..(e - first + 4).min(lines.len())).for_each(|i| show(&mut s, i));
    }
    if lines.len() > head && edit.is_none_or(|e| e < first + head) {
        let _ = writeln!(s, "       ⋮ ({} more lines)", lines.len() - head);
    }
    s
}

/// The summary of one target.
pub fn summary(
    target: &str,
    how: &str,
    tally: &Tally,
    diffs: &[Difference],
    cases: &[Case],
    accepted: &[(String, usize)],
    top: usize,
) -> String {
    let mut s = String::new();
    let n = |src| tally.compared.get(&src).copied().unwrap_or(0);
    let total: usize = tally.compared.values().sum();
    let _ = writeln!(s, "═══ differential {target}: {how}");
    let _ = writeln!(
        s,
        "documents compared: {total} (examples {}, testdata {}, mutants {}); not Argo or not answered: {}; unparsable on both sides: {}",
        n(Source::Examples),
        n(Source::Testdata),
        n(Source::Mutant),
        tally.skipped,
        tally.both_unparsable
    );
    let pct = if total == 0 {
        0.0
    } else {
        100.0 * tally.agreements as f64 / total as f64
    };
    let _ = writeln!(s, "agreements: {} ({pct:.1}%)", tally.agreements);
    let new: Vec<&Difference> = diffs.iter().filter(|d| !d.inherited).collect();
    let unmatched = new.iter().filter(|d| d.accepted_by.is_empty()).count();
    let _ = writeln!(
        s,
        "differences: {} (new {}, inherited by mutants from their unmutated input {}); accepted {}; unmatched {}",
        diffs.len(),
        new.len(),
        diffs.len() - new.len(),
        new.len() - unmatched,
        unmatched
    );
    if tally.unanswered > 0 {
        let _ = writeln!(
            s,
            "non-blank documents the oracle said nothing about: {}",
            tally.unanswered
        );
    }
    let g = groups(new.iter().copied());
    let r = ranked(&g);
    let _ = writeln!(
        s,
        "by direction × class × rule|stage ({} groups{}; count, then one example):",
        r.len(),
        if r.len() > top {
            format!(", top {top}")
        } else {
            String::new()
        }
    );
    for ((dir, class, detail), ds) in r.iter().take(top) {
        let _ = writeln!(
            s,
            "  {:<20} {:<21} {:<34} {:>6}  {}",
            dir.as_str(),
            class,
            detail,
            ds.len(),
            one_line(ds[0], cases)
        );
    }
    if !accepted.is_empty() {
        let _ = writeln!(s, "accepted by entry:");
        for (id, c) in accepted {
            let _ = writeln!(s, "  {id:<40} {c}");
        }
    }
    s
}

/// Writes every difference (inherited ones too, marked) as one JSON object per line.
pub fn write_jsonl(path: &Path, diffs: &[Difference], cases: &[Case]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    for d in diffs {
        let case = &cases[d.case];
        let f = &case.files[d.file];
        let docs = upstream_documents(&f.text);
        let line = serde_json::json!({
            "target": d.target,
            "direction": d.direction,
            "class": d.class,
            "rule": d.rule,
            "stage": d.oracle.as_ref().map(|o| &o.stage),
            "case": case.id,
            "source": case.source.as_str(),
            "mutation": case.mutation.as_ref().map(|m| &m.what),
            "origin": case.mutation.as_ref().map(|m| &cases[m.origin].id),
            "file": f.name,
            "doc": d.doc,
            "first_line": line_of(&f.text, docs[d.doc].start),
            "inherited": d.inherited,
            "accepted_by": d.accepted_by,
            "argolint": d.errors,
            "oracle": d.oracle,
            // Inherited ones are the origin's difference again: its text is there.
            "text": (!d.inherited).then(|| &f.text[docs[d.doc].clone()]),
        });
        writeln!(w, "{line}")?;
    }
    w.flush()
}
