//! Lints the cases with argolint and compares, document by document, with the oracle.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;

use argolint::diagnostic::Severity;
use argolint::engine::lint_texts;
use argolint::settings::Settings;
use rayon::prelude::*;
use serde::Serialize;

use crate::differential::inputs::{Case, Source};
use crate::differential::oracle::{OracleDoc, Verdict, Verdicts};

/// The byte ranges of a file's documents as upstream splits them, numbered as the oracle
/// numbers them (`tools/oracle/common/split.go`): a file that is valid JSON as a whole is one
/// document; YAML is split on the regular expression `\n---` (so `---` must start a line, and
/// `----` or `---x` split too); a first piece with no content (blank lines, comments, `%`
/// directives) is not a document, every later piece is, even an empty one.
pub fn upstream_documents(text: &str) -> Vec<Range<usize>> {
    if serde_json::from_str::<serde_json::Value>(text).is_ok() {
        return std::iter::once(0..text.len()).collect();
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(i) = text[from..].find("\n---") {
        let at = from + i;
        pieces.push(start..at);
        start = at + 4;
        from = start;
    }
    pieces.push(start..text.len());
    if !has_content(&text[pieces[0].clone()]) {
        pieces.remove(0);
    }
    pieces
}

fn has_content(piece: &str) -> bool {
    piece.split('\n').any(|line| {
        let t = line.trim();
        !(t.is_empty() || t.starts_with('#') || line.starts_with('%'))
    })
}

/// The index of the document holding byte `at`.
fn document_at(docs: &[Range<usize>], at: usize) -> usize {
    // Before the first document (in a dropped comment-only piece): the first.
    docs.iter().rposition(|r| r.start <= at).unwrap_or(0)
}

/// One error-severity diagnostic of argolint.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorDiag {
    pub rule: &'static str,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// argolint's errors for a case: per file, per upstream document.
pub type CaseErrors = Vec<Vec<Vec<ErrorDiag>>>;

pub fn lint_case(case: &Case, settings: &Settings) -> CaseErrors {
    let files: Vec<(&str, &str)> = case
        .files
        .iter()
        .map(|f| (f.name.as_str(), f.text.as_str()))
        .collect();
    let reports = lint_texts(&files, settings);
    reports
        .into_iter()
        .map(|r| {
            let docs = upstream_documents(&r.file.text);
            let mut per_doc: Vec<Vec<ErrorDiag>> = vec![Vec::new(); docs.len()];
            for d in r
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
            {
                let (line, col) = r.file.line_col(d.span.start);
                per_doc[document_at(&docs, d.span.start as usize)].push(ErrorDiag {
                    rule: d.rule.name,
                    line,
                    col,
                    message: d.message.clone(),
                });
            }
            per_doc
        })
        .collect()
}

pub fn lint_all(cases: &[Case], settings: &Settings) -> Vec<CaseErrors> {
    cases.par_iter().map(|c| lint_case(c, settings)).collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// argolint reports an error where Argo accepts (or does not look).
    ArgolintErrorOnly,
    /// Argo rejects where argolint reports no error.
    OracleRejectOnly,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::ArgolintErrorOnly => "argolint-error-only",
            Direction::OracleRejectOnly => "oracle-reject-only",
        }
    }
}

/// The class of a difference in a document the oracle did not judge.
pub const NON_ARGO: &str = "non-argo-document";

/// Rules that say the text did not parse: with an oracle `parse` failure, both sides agree.
const PARSE_RULES: &[&str] = &[
    "yaml-syntax-error",
    "duplicate-key",
    "alias-expansion",
    "unrendered-template",
];

#[derive(Clone, Debug)]
pub struct Difference {
    pub target: &'static str,
    pub case: usize,
    pub file: usize,
    pub doc: usize,
    pub direction: Direction,
    /// The mutation class (`example`, `testdata` for inputs), or [`NON_ARGO`].
    pub class: String,
    /// argolint-error-only: the rule of the errors this difference is about.
    pub rule: Option<&'static str>,
    /// All of argolint's errors in the document.
    pub errors: Vec<ErrorDiag>,
    pub oracle: Option<OracleDoc>,
    /// The unmutated input has the same difference (same direction, and the same rule with
    /// the same error texts, or the same oracle message): it is reported there, not again.
    pub inherited: bool,
    pub accepted_by: Vec<String>,
}

impl Difference {
    /// What identifies it across a mutant and its origin, wherever the document went (a
    /// cross-file mutant moves templates into a second file): the direction, and the rule
    /// with the texts of its errors, or the oracle's message.
    fn key(&self) -> (Direction, String) {
        let what = match self.direction {
            Direction::ArgolintErrorOnly => {
                let mut texts: Vec<&str> = self
                    .errors
                    .iter()
                    .filter(|e| Some(e.rule) == self.rule)
                    .map(|e| e.message.as_str())
                    .collect();
                texts.sort();
                format!("{} {}", self.rule.unwrap_or(""), texts.join("\n"))
            }
            Direction::OracleRejectOnly => self
                .oracle
                .as_ref()
                .map_or(String::new(), |o| o.message.clone()),
        };
        (self.direction, what)
    }

    /// `rule` for argolint-error-only, `stage` for oracle-reject-only: the report's grouping.
    pub fn detail(&self) -> String {
        match self.direction {
            Direction::ArgolintErrorOnly => self.rule.unwrap_or("?").to_string(),
            Direction::OracleRejectOnly => format!(
                "stage={}",
                self.oracle.as_ref().map_or("?", |o| if o.stage.is_empty() {
                    "?"
                } else {
                    &o.stage
                })
            ),
        }
    }
}

/// Documents compared, by input source.
#[derive(Debug, Default)]
pub struct Tally {
    /// (accepted or rejected by the oracle) documents, by source.
    pub compared: HashMap<Source, usize>,
    /// Compared documents with no difference.
    pub agreements: usize,
    /// Documents the oracle skipped (not Argo), and those where both sides failed to parse.
    pub skipped: usize,
    pub both_unparsable: usize,
    /// Non-blank documents the oracle said nothing about.
    pub unanswered: usize,
    /// The oracle answered for a document or file the split does not have.
    pub stray: Vec<String>,
}

/// Compares argolint with the oracle over every case, for one target.
pub fn compare(
    target: &'static str,
    cases: &[Case],
    errors: &[CaseErrors],
    verdicts: &Verdicts,
) -> (Vec<Difference>, Tally) {
    let mut diffs = Vec::new();
    let mut tally = Tally::default();
    let empty = Vec::new();
    for (ci, case) in cases.iter().enumerate() {
        let answers = verdicts.by_case.get(&case.id).unwrap_or(&empty);
        let mut by_doc: HashMap<(&str, usize), &OracleDoc> = HashMap::new();
        for a in answers {
            by_doc.insert((a.file.as_str(), a.doc), a);
        }
        let mut known: HashSet<(&str, usize)> = HashSet::new();
        for (fi, f) in case.files.iter().enumerate() {
            let docs = upstream_documents(&f.text);
            for (di, range) in docs.iter().enumerate() {
                known.insert((f.name.as_str(), di));
                let errs = &errors[ci][fi][di];
                let o = by_doc.get(&(f.name.as_str(), di)).copied();
                let diff = |direction, class: &str, rule| Difference {
                    target,
                    case: ci,
                    file: fi,
                    doc: di,
                    direction,
                    class: class.to_string(),
                    rule,
                    errors: errs.clone(),
                    oracle: o.cloned(),
                    inherited: false,
                    accepted_by: Vec::new(),
                };
                let rules: BTreeSet<&'static str> = errs.iter().map(|e| e.rule).collect();
                match o.map(|o| o.verdict) {
                    Some(Verdict::Reject) => {
                        *tally.compared.entry(case.source).or_default() += 1;
                        if errs.is_empty() {
                            diffs.push(diff(Direction::OracleRejectOnly, &case.class, None));
                        } else {
                            tally.agreements += 1;
                        }
                    }
                    Some(Verdict::Accept) => {
                        *tally.compared.entry(case.source).or_default() += 1;
                        if errs.is_empty() {
                            tally.agreements += 1;
                        }
                        for r in rules {
                            diffs.push(diff(Direction::ArgolintErrorOnly, &case.class, Some(r)));
                        }
                    }
                    Some(Verdict::Skip) | None => {
                        if o.is_none() && !f.text[range.clone()].trim().is_empty() {
                            tally.unanswered += 1;
                        }
                        let parse_failed = o.is_some_and(|o| o.stage == "parse");
                        if parse_failed
                            && !rules.is_empty()
                            && rules.iter().all(|r| PARSE_RULES.contains(r))
                        {
                            tally.both_unparsable += 1;
                        } else {
                            tally.skipped += 1;
                            for r in rules {
                                diffs.push(diff(Direction::ArgolintErrorOnly, NON_ARGO, Some(r)));
                            }
                        }
                    }
                }
            }
        }
        for a in answers {
            if !known.contains(&(a.file.as_str(), a.doc)) {
                tally.stray.push(format!(
                    "case {}: the oracle answered for {} document {}, which the split `\\n---` does not give",
                    case.id, a.file, a.doc
                ));
            }
        }
    }
    // A mutant's difference that its origin already has is the origin's, not a new one.
    let mut origin_keys: HashMap<usize, HashSet<(Direction, String)>> = HashMap::new();
    for d in &diffs {
        if cases[d.case].mutation.is_none() {
            origin_keys.entry(d.case).or_default().insert(d.key());
        }
    }
    for d in &mut diffs {
        if let Some(m) = &cases[d.case].mutation
            && origin_keys
                .get(&m.origin)
                .is_some_and(|k| k.contains(&d.key()))
        {
            d.inherited = true;
        }
    }
    (diffs, tally)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_as_upstream() {
        let t = "a: 1\n---\nb: 2\n--- # c\nc: 3\n";
        let docs = upstream_documents(t);
        let texts: Vec<&str> = docs.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(texts, vec!["a: 1", "\nb: 2", " # c\nc: 3\n"]);
        assert_eq!(document_at(&docs, 0), 0);
        assert_eq!(document_at(&docs, 10), 1);
        assert_eq!(document_at(&docs, t.len() - 1), 2);
        // `---` at the very start is not a separator; a first piece without content is not
        // a document; a later empty one is.
        let t = "---\na: 1\n";
        assert_eq!(upstream_documents(t), vec![0..t.len()]);
        let t = "# c\n\n---\na: 1\n---\n---\nb: 2";
        let docs = upstream_documents(t);
        let texts: Vec<&str> = docs.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(texts, vec!["\na: 1", "", "\nb: 2"]);
        assert_eq!(document_at(&docs, 0), 0);
        assert_eq!(upstream_documents("{\"a\": 1}\n").len(), 1);
    }
}
