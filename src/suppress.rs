//! Inline suppressions in YAML comments:
//!
//! - `# argolint: ignore[rule-a, AL602] reason` after content: findings on that line, and in
//!   the whole block of a key (or list item) that starts on that line;
//! - the same on a line of its own: the next line with content, in the same way;
//! - `# argolint: ignore-file[rule-a] reason` anywhere: the whole file.
//!
//! Without `[...]` a directive covers every rule. Suppressions that match nothing are
//! reported (`unused-suppression`), and so are unknown rule names (`invalid-suppression`).

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::rules::{RuleMeta, source as source_rules};
use crate::source::{Comment, Document, Node, NodeKind, SourceFile, Span};

#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    /// Byte range covered.
    Range(u32, u32),
    File,
}

#[derive(Debug, Clone)]
pub struct Directive {
    /// The comment holding it.
    pub span: Span,
    /// `None`: every rule.
    pub rules: Option<Vec<&'static RuleMeta>>,
    pub scope: Scope,
    /// Which of `rules` (or, for all rules, whether any) matched a finding.
    pub used: Vec<bool>,
}

const MARKER: &str = "argolint:";

/// A parsed directive: whether it covers the whole file, and the rules it names (`None`: all).
type Parsed = (bool, Option<Vec<String>>);

/// Parses one comment; `Err` carries a problem to report.
fn parse_comment(text: &str) -> Option<Result<Parsed, String>> {
    // The directive may follow other comment text after a `#`: `# note # argolint: ...`.
    let body = text.trim_start();
    let at = if body.starts_with(MARKER) {
        Some(0)
    } else {
        body.find("# argolint:").map(|i| i + 2)
    }?;
    let rest = body[at + MARKER.len()..].trim_start();
    let (file, rest) = if let Some(r) = rest.strip_prefix("ignore-file") {
        (true, r)
    } else if let Some(r) = rest.strip_prefix("ignore") {
        (false, r)
    } else {
        return Some(Err(format!(
            "unknown argolint directive `{}`; use `ignore[rule]` or `ignore-file[rule]`",
            rest.split_whitespace().next().unwrap_or("")
        )));
    };
    if let Some(r) = rest.strip_prefix('[') {
        let Some(end) = r.find(']') else {
            return Some(Err("the rule list is not closed with `]`".into()));
        };
        let names: Vec<String> = r[..end]
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if names.is_empty() {
            return Some(Err(
                "empty rule list; name the rules, or drop `[]` to ignore all".into(),
            ));
        }
        return Some(Ok((file, Some(names))));
    }
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return Some(Err(format!(
            "expected `[` or a space after `ignore`, found `{rest}`"
        )));
    }
    Some(Ok((file, None)))
}

/// For each line, the end of the largest key block or list item that starts on it.
fn block_ends(docs: &[Document], file: &SourceFile) -> HashMap<usize, u32> {
    let mut ends: HashMap<usize, u32> = HashMap::new();
    let mut note = |start: u32, end: u32| {
        let line = file.lines.line_of(start as usize);
        let e = ends.entry(line).or_insert(end);
        *e = (*e).max(end);
    };
    fn walk(node: &Node, note: &mut impl FnMut(u32, u32)) {
        match &node.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => {
                for i in items {
                    note(i.span.start, i.span.end);
                    walk(i, note);
                }
            }
            NodeKind::Map(entries) => {
                for e in entries.iter().filter(|e| !e.merged) {
                    note(e.key.span.start, e.value.span.end.max(e.key.span.end));
                    walk(&e.value, note);
                }
            }
        }
    }
    for d in docs {
        if let Some(root) = &d.root {
            walk(root, &mut note);
        }
    }
    ends
}

/// Reads every directive of a file. Problems (bad syntax, unknown rules) come back as
/// `invalid-suppression` diagnostics.
pub fn collect(
    file: &SourceFile,
    comments: &[Comment],
    docs: &[Document],
) -> (Vec<Directive>, Vec<Diagnostic>) {
    let mut directives = Vec::new();
    let mut problems = Vec::new();
    let mut ends = None;
    for c in comments {
        let Some(parsed) = parse_comment(&c.text) else {
            continue;
        };
        let (whole_file, names) = match parsed {
            Ok(p) => p,
            Err(msg) => {
                problems.push(Diagnostic::new(
                    &source_rules::invalid_suppression::META,
                    c.span,
                    msg,
                ));
                continue;
            }
        };
        let mut rules = None;
        if let Some(names) = names {
            let mut found = Vec::new();
            for n in names {
                match crate::rules::find(&n) {
                    Some(m) => found.push(m),
                    None => {
                        let all: Vec<&str> = crate::rules::all().iter().map(|m| m.name).collect();
                        let instead = crate::suggest::did_you_mean(&n, &all);
                        let hint = instead
                            .map(|s| format!(" (did you mean `{s}`?)"))
                            .unwrap_or_default();
                        let mut d = Diagnostic::new(
                            &source_rules::invalid_suppression::META,
                            c.span,
                            format!("no rule is named `{n}`{hint}"),
                        );
                        // The fix renames it in the comment, where it is written once.
                        let written = file.text.get(c.span.range()).unwrap_or("");
                        if let Some(s) = instead
                            && written.matches(n.as_str()).count() == 1
                            && let Some(at) = written.find(n.as_str())
                        {
                            let from = c.span.start as usize + at;
                            d = d.with_fix(crate::diagnostic::Fix::unsafe_(
                                format!("replace `{n}` with `{s}`"),
                                vec![crate::diagnostic::Edit::replace(
                                    crate::source::Span::new(from, from + n.len()),
                                    s,
                                )],
                            ));
                        }
                        problems.push(d);
                    }
                }
            }
            if found.is_empty() {
                continue;
            }
            rules = Some(found);
        }
        let scope = if whole_file {
            Scope::File
        } else {
            let lines = &file.lines;
            let comment_line = lines.line_of(c.span.start as usize);
            let line_start = lines.line_start(comment_line);
            let own_line = file.text[line_start..c.span.start as usize]
                .trim()
                .is_empty();
            let target = if own_line {
                (comment_line + 1..lines.line_count()).find(|&l| {
                    let s = lines.line_start(l);
                    let e = if l + 1 < lines.line_count() {
                        lines.line_start(l + 1)
                    } else {
                        file.text.len()
                    };
                    let t = file.text[s..e].trim();
                    !t.is_empty() && !t.starts_with('#')
                })
            } else {
                Some(comment_line)
            };
            let Some(target) = target else { continue };
            let start = lines.line_start(target) as u32;
            let line_end = if target + 1 < lines.line_count() {
                lines.line_start(target + 1) as u32
            } else {
                file.text.len() as u32
            };
            let ends = ends.get_or_insert_with(|| block_ends(docs, file));
            let end = ends.get(&target).copied().unwrap_or(line_end).max(line_end);
            Scope::Range(start, end)
        };
        let n = rules.as_ref().map_or(1, Vec::len);
        directives.push(Directive {
            span: c.span,
            rules,
            scope,
            used: vec![false; n],
        });
    }
    (directives, problems)
}

/// Drops suppressed diagnostics, marking the directives that matched.
pub fn apply(directives: &mut [Directive], diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.retain(|d| {
        let mut suppressed = false;
        for dir in directives.iter_mut() {
            let in_scope = match dir.scope {
                Scope::File => true,
                Scope::Range(s, e) => d.span.start >= s && d.span.start < e.max(s + 1),
            };
            if !in_scope {
                continue;
            }
            match &dir.rules {
                None => {
                    dir.used[0] = true;
                    suppressed = true;
                }
                Some(rules) => {
                    if let Some(i) = rules.iter().position(|r| r.code == d.rule.code) {
                        dir.used[i] = true;
                        suppressed = true;
                    }
                }
            }
        }
        !suppressed
    });
}

/// `unused-suppression` findings for directives (or rules in them) that matched nothing.
/// Rules for which `active` is false (disabled) are not judged.
pub fn unused(directives: &[Directive], active: impl Fn(&RuleMeta) -> bool) -> Vec<Diagnostic> {
    let meta = &source_rules::unused_suppression::META;
    let mut out = Vec::new();
    for dir in directives {
        match &dir.rules {
            None if !dir.used[0] => out.push(Diagnostic::new(
                meta,
                dir.span,
                "this suppression matches no finding; remove it",
            )),
            None => {}
            Some(rules) => {
                let stale: Vec<&str> = rules
                    .iter()
                    .zip(&dir.used)
                    .filter(|(r, used)| !**used && active(r))
                    .map(|(r, _)| r.name)
                    .collect();
                if !stale.is_empty() {
                    out.push(Diagnostic::new(
                        meta,
                        dir.span,
                        format!(
                            "suppression of `{}` matches no finding; remove it",
                            stale.join("`, `")
                        ),
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::parse_comment;

    #[test]
    fn parses_directives() {
        assert_eq!(
            parse_comment(" argolint: ignore[a, b] why"),
            Some(Ok((false, Some(vec!["a".into(), "b".into()]))))
        );
        assert_eq!(
            parse_comment(" argolint: ignore-file[a]"),
            Some(Ok((true, Some(vec!["a".into()]))))
        );
        assert_eq!(
            parse_comment(" argolint: ignore because"),
            Some(Ok((false, None)))
        );
        assert_eq!(
            parse_comment(" note # argolint: ignore[x]"),
            Some(Ok((false, Some(vec!["x".into()]))))
        );
        assert_eq!(parse_comment(" just a comment"), None);
        assert!(matches!(
            parse_comment(" argolint: ignroe[x]"),
            Some(Err(_))
        ));
        assert!(matches!(parse_comment(" argolint: ignore[x"), Some(Err(_))));
        assert!(matches!(parse_comment(" argolint: ignore[]"), Some(Err(_))));
    }
}
