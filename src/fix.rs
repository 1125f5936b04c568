//! Applying fixes and writing suppressions: span-based text edits that keep comments,
//! formatting and key order. A file is rewritten atomically, and only when the result still
//! parses and brings no new finding; fixing twice changes nothing the second time.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::engine::{FileReport, lint_source};
use crate::settings::Settings;
use crate::source::{Node, NodeKind, SourceFile, parse_text};

/// The rules some of whose findings carry a fix, by name (`argolint rules` marks them). A
/// test (tests/it/fix.rs) checks the list against the fixes each rule's fixtures produce.
pub const FIXABLE_RULES: &[&str] = &[
    "duplicate-key",
    "invalid-container-set",
    "invalid-cron-workflow",
    "invalid-dag-dependency",
    "invalid-duration",
    "invalid-enum-value",
    "invalid-metadata",
    "invalid-pod",
    "invalid-pod-spec-patch",
    "invalid-suppression",
    "invalid-when-expression",
    "removed-field",
    "undefined-template",
    "undefined-variable",
    "unknown-argument",
    "unknown-field",
    "unresolved-template-ref",
    "yaml11-implicit-type",
];

/// Applies non-overlapping edits (sorted by position; an edit overlapping an earlier one is
/// skipped). Returns the new text and how many edits were applied.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    let mut applied = 0;
    for e in sorted {
        let (s, t) = (e.span.start as usize, e.span.end as usize);
        if s < at || t > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(t) {
            continue;
        }
        out.push_str(&text[at..s]);
        out.push_str(&e.replacement);
        at = t;
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Findings as a multiset of (code, message), for "no new diagnostics".
pub type Census = HashMap<(&'static str, String), usize>;

/// Accepts fixed text only if it parses and has no finding the original did not have.
/// Returns the findings of the fixed text.
pub fn vet(
    name: &str,
    candidate: &str,
    settings: &Settings,
    allowed: &Census,
) -> Result<FileReport, String> {
    if !parse_text(candidate).problems.is_empty() {
        return Err("the fixed text would not parse".into());
    }
    let after = lint_source(name, candidate, settings);
    let new: Vec<String> = census(&after)
        .into_iter()
        .filter(|(k, n)| allowed.get(k).is_none_or(|m| n > m))
        .map(|((code, msg), _)| format!("{code} {msg}"))
        .collect();
    if new.is_empty() {
        Ok(after)
    } else {
        Err(format!("the fixes would add findings: {}", new.join("; ")))
    }
}

/// Counts a report's findings by (code, message).
pub fn census(report: &FileReport) -> Census {
    let mut m = HashMap::new();
    for d in &report.diagnostics {
        *m.entry((d.rule.code, d.message.clone())).or_default() += 1;
    }
    m
}

fn wanted(d: &Diagnostic, unsafe_fixes: bool) -> Option<&Fix> {
    d.fix.as_ref().filter(|f| f.safe || unsafe_fixes)
}

/// Applies whole fixes: a fix whose edits overlap an earlier fix's waits for the next round.
/// Returns the new text and how many fixes were applied.
pub fn apply_fixes(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut order: Vec<&Fix> = fixes
        .iter()
        .copied()
        .filter(|f| !f.edits.is_empty())
        .collect();
    order.sort_by_key(|f| f.edits.iter().map(|e| e.span.start).min());
    let mut taken: Vec<(u32, u32)> = Vec::new();
    let mut edits: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for f in order {
        let clash = f.edits.iter().any(|e| {
            taken
                .iter()
                .any(|&(s, t)| e.span.start < t.max(s + 1) && s < e.span.end.max(e.span.start + 1))
        });
        if clash {
            continue;
        }
        taken.extend(f.edits.iter().map(|e| (e.span.start, e.span.end)));
        edits.extend(f.edits.iter());
        applied += 1;
    }
    (apply_edits(text, &edits).0, applied)
}

#[derive(Debug)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied.
    pub applied: usize,
    /// Set when a round of fixes was refused: the result did not parse, or added findings.
    pub refused: Option<String>,
}

/// Applies the fixes of one file's findings, round after round, until none is left.
pub fn fix_text(name: &str, text: &str, settings: &Settings, unsafe_fixes: bool) -> Fixed {
    let original = lint_source(name, text, settings);
    let allowed = census(&original);
    let mut current = text.to_string();
    let mut report = original;
    let mut applied = 0;
    for _ in 0..10 {
        let fixes: Vec<&Fix> = report
            .diagnostics
            .iter()
            .filter_map(|d| wanted(d, unsafe_fixes))
            .collect();
        if fixes.is_empty() {
            break;
        }
        let (candidate, n) = apply_fixes(&current, &fixes);
        if n == 0 || candidate == current {
            break;
        }
        let after = match vet(name, &candidate, settings, &allowed) {
            Ok(after) => after,
            Err(why) => {
                return Fixed {
                    text: current,
                    applied,
                    refused: Some(why),
                };
            }
        };
        current = candidate;
        applied += n;
        report = after;
    }
    Fixed {
        text: current,
        applied,
        refused: None,
    }
}

/// Writes `contents` to `path` through a temporary file in the same folder and a rename, so
/// readers never see half a file. Keeps the original's permissions.
pub fn write_atomic(path: &Path, contents: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.argolint-{}.tmp", std::process::id()));
    std::fs::write(&tmp, contents)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// A unified diff of a file's fixes, for `--diff`.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// The line a suppression comment for a finding at `line` must go on: a line inside a
/// multi-line scalar cannot hold a comment, so its first line (the key's) is used.
fn comment_line(file: &SourceFile, roots: &[&Node], line: usize) -> usize {
    let mut best = line;
    for root in roots {
        root.walk(&mut |n| {
            if let NodeKind::Scalar(_) = n.kind {
                let first = file.lines.line_of(n.span.start as usize);
                let last = file.lines.line_of(n.span.end as usize);
                if first < line && line <= last {
                    best = best.min(first);
                }
            }
        });
    }
    best
}

/// Whether `# argolint: ignore[...]` can suppress findings of this rule: syntax problems and
/// argolint's own comments cannot be suppressed that way.
pub fn suppressible(rule: &crate::rule::RuleMeta) -> bool {
    !(rule.code.starts_with("AL1") || rule.code.starts_with("AL9"))
}

/// Adds `# argolint: ignore[rule] reason` comments for every finding of a report, merging
/// into existing directives. Returns the new text and how many rules were added.
pub fn add_suppressions(report: &FileReport, reason: &str) -> (String, usize) {
    let file = &report.file;
    let parsed = parse_text(&file.text);
    let mut found = Vec::new();
    for d in &report.diagnostics {
        if suppressible(d.rule) {
            found.push((d.span.start, d.rule.name));
        }
    }
    let (edits, added) = suppression_edits(file, &parsed, &found, reason);
    let refs: Vec<&Edit> = edits.iter().collect();
    let (text, _) = apply_edits(&file.text, &refs);
    (text, added)
}

/// The edits that suppress each `(offset, rule name)` finding with a comment on its line (or
/// on the first line of the multi-line scalar it sits in), extending a directive already
/// there. Returns the edits and how many rules they name.
pub fn suppression_edits(
    file: &SourceFile,
    parsed: &crate::source::ParsedFile,
    findings: &[(u32, &'static str)],
    reason: &str,
) -> (Vec<Edit>, usize) {
    let roots: Vec<&Node> = parsed
        .documents
        .iter()
        .filter_map(|d| d.root.as_ref())
        .collect();
    let mut by_line: BTreeMap<usize, Vec<&'static str>> = BTreeMap::new();
    for &(at, name) in findings {
        let line = comment_line(file, &roots, file.lines.line_of(at as usize));
        let names = by_line.entry(line).or_default();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let mut edits = Vec::new();
    let mut added = 0;
    for (line, names) in by_line {
        let start = file.lines.line_start(line);
        let end = file.text[start..]
            .find('\n')
            .map_or(file.text.len(), |i| start + i);
        let end = if file.text[..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        let existing = parsed
            .comments
            .iter()
            .find(|c| (c.span.start as usize) >= start && (c.span.end as usize) <= end);
        let list = names.join(", ");
        added += names.len();
        let reason = if reason.is_empty() {
            String::new()
        } else {
            format!(" {reason}")
        };
        match existing {
            Some(c) if c.text.contains("argolint: ignore[") => {
                // Extend the existing list.
                let text = file.slice(c.span);
                if let Some(close) = text.find(']') {
                    let at = c.span.start as usize + close;
                    edits.push(Edit::replace(
                        crate::source::Span::new(at, at),
                        format!(", {list}"),
                    ));
                }
            }
            Some(c) => edits.push(Edit::replace(
                crate::source::Span::new(c.span.end as usize, c.span.end as usize),
                format!(" # argolint: ignore[{list}]{reason}"),
            )),
            None => edits.push(Edit::replace(
                crate::source::Span::new(end, end),
                format!("  # argolint: ignore[{list}]{reason}"),
            )),
        }
    }
    (edits, added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn applies_sorted_non_overlapping_edits() {
        let e1 = Edit::replace(Span::new(4, 5), "X");
        let e0 = Edit::replace(Span::new(0, 1), "");
        let overlap = Edit::replace(Span::new(4, 6), "Y");
        let (t, n) = apply_edits("abcdefg", &[&e1, &e0, &overlap]);
        assert_eq!((t.as_str(), n), ("bcdXfg", 2));
    }
}
