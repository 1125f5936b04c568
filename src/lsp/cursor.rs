//! Where the cursor is: the document path of the key or value under it
//! (`spec.templates[2].retryStrategy.backoff`), for hover and completion.
//!
//! Two ways to find it. In a document that parses, the tree gives the exact key or scalar
//! under the cursor ([`hit_in_tree`]). While the user types, the document is often not valid
//! YAML, or means something else than it will (`retryStrategy:` followed by a half-typed
//! `li` is a string value); there the path is read from indentation, line by line
//! ([`hit_in_text`], [`completion_at`]), the way a person reads block YAML.

use crate::api::walk::Seg;
use crate::source::{Node, NodeKind, Span};

/// What the cursor is on.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A key; the path ends with it.
    Key,
    /// A scalar value; the path leads to it (it ends with the value's key or index).
    Value(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub path: Vec<Seg>,
    pub target: Target,
    /// The key's or value's bytes.
    pub span: Span,
}

/// `spec.templates[2].retryStrategy`.
pub fn display(path: &[Seg]) -> String {
    let mut out = String::new();
    for s in path {
        match s {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn touches(span: Span, offset: u32) -> bool {
    !span.is_empty() && span.start <= offset && offset <= span.end
}

/// The key or scalar value of the tree under `offset` (a cursor just after the last
/// character still counts).
pub fn hit_in_tree(root: &Node, offset: u32) -> Option<Hit> {
    let mut path = Vec::new();
    let mut node = root;
    // Depth is bounded by the parser's nesting limit; the loop needs no stack anyway.
    loop {
        match &node.kind {
            NodeKind::Map(entries) => {
                let mut next = None;
                for e in entries.iter().filter(|e| !e.merged) {
                    let key = e.key_str().unwrap_or("").to_string();
                    if touches(e.key.span, offset) {
                        path.push(Seg::Key(key));
                        return Some(Hit {
                            path,
                            target: Target::Key,
                            span: e.key.span,
                        });
                    }
                    let v = &e.value;
                    if touches(
                        Span::new(v.span.start as usize, v.content_end() as usize),
                        offset,
                    ) {
                        next = Some((key, v));
                        break;
                    }
                }
                let (key, v) = next?;
                path.push(Seg::Key(key));
                node = v;
            }
            NodeKind::Seq(items) => {
                let (i, item) = items.iter().enumerate().find(|(_, n)| {
                    touches(
                        Span::new(n.span.start as usize, n.content_end() as usize),
                        offset,
                    )
                })?;
                path.push(Seg::Index(i));
                node = item;
            }
            NodeKind::Scalar(s) => {
                if path.is_empty() {
                    return None;
                }
                return Some(Hit {
                    path,
                    target: Target::Value(s.value.to_string()),
                    span: node.span,
                });
            }
        }
    }
}

/// One line of block YAML as far as structure goes.
#[derive(Debug, Default, PartialEq)]
struct Shape<'a> {
    /// Columns (bytes) of the `- ` list markers that start the line.
    dashes: Vec<usize>,
    /// A `key:` after them: its column and name.
    key: Option<(usize, &'a str)>,
    /// Where the content after the markers (the key, or a value) starts.
    content: usize,
    /// Nothing but blanks or a comment.
    blank: bool,
    /// `---` or `...`: a document boundary.
    separator: bool,
}

fn shape(line: &str) -> Shape<'_> {
    let bytes = line.as_bytes();
    let mut i = bytes.iter().take_while(|&&b| b == b' ').count();
    let mut s = Shape::default();
    if i == bytes.len() || bytes[i] == b'#' || bytes[i] == b'\t' && line.trim().is_empty() {
        s.blank = true;
        return s;
    }
    if i == 0 && (line.starts_with("---") || line.starts_with("...")) {
        let rest = &line[3..];
        if rest.is_empty() || rest.starts_with([' ', '\t']) {
            s.separator = true;
            return s;
        }
    }
    while bytes.get(i) == Some(&b'-') && matches!(bytes.get(i + 1), None | Some(b' ')) {
        s.dashes.push(i);
        i += 1;
        i += bytes[i..].iter().take_while(|&&b| b == b' ').count();
    }
    s.content = i;
    let rest = &line[i..];
    if rest.is_empty() || rest.starts_with('#') {
        return s;
    }
    s.key = key_of(rest).map(|k| (i, k));
    s
}

/// The key that starts `content` (`name:`, `"name":`), if it starts with one.
fn key_of(content: &str) -> Option<&str> {
    if let Some(q @ ('"' | '\'')) = content.chars().next() {
        let close = content[1..].find(q)? + 1;
        let after = &content[close + 1..];
        let after = after.trim_start_matches(' ');
        return after
            .strip_prefix(':')
            .filter(|r| r.is_empty() || r.starts_with([' ', '\t']))
            .map(|_| &content[1..close]);
    }
    if content.starts_with(['[', '{', '#', '|', '>', '&', '*', '!', '%', '@', '`']) {
        return None;
    }
    let bytes = content.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'#' if i > 0 && bytes[i - 1] == b' ' => return None,
            b':' if matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) => {
                let k = content[..i].trim_end();
                return (!k.is_empty()).then_some(k);
            }
            _ => {}
        }
    }
    None
}

/// Something on a line that opens a block: a list marker or a key.
enum Opener<'a> {
    Dash(usize),
    Key(usize, &'a str),
}

impl Opener<'_> {
    fn col(&self) -> usize {
        match self {
            Opener::Dash(c) | Opener::Key(c, _) => *c,
        }
    }
}

fn openers<'a>(s: &Shape<'a>) -> Vec<Opener<'a>> {
    let mut out: Vec<Opener<'a>> = s.dashes.iter().map(|&d| Opener::Dash(d)).collect();
    if let Some((c, k)) = s.key {
        out.push(Opener::Key(c, k));
    }
    out
}

/// The path of the collection that holds something starting at byte column `col` of line
/// `line`: a key (`item` false) or a list item (`item` true). Markers of `line` left of
/// `col` count; lines above are read for the enclosing keys and items, and for how many
/// items come before each. Lines below never matter. Stops at a `---`.
fn container(lines: &[&str], line: usize, col: usize, item: bool) -> Vec<Seg> {
    let (mut col, mut item, mut count) = (col, item, 0usize);
    let mut rev = Vec::new();
    let mut i = line;
    let mut same_line = true;
    loop {
        let s = shape(lines.get(i).copied().unwrap_or(""));
        if !same_line {
            if s.separator {
                break;
            }
            if item && !s.blank && s.dashes.contains(&col) {
                count += 1;
            }
        }
        // The innermost opener left of us (a list may sit at its key's own column), then
        // the openers left of that one. Columns only shrink, so one pass right to left.
        let ops = openers(&s);
        let mut j = ops.len();
        loop {
            let fits = |o: &Opener<'_>| {
                o.col() < col || (item && o.col() == col && matches!(o, Opener::Key(..)))
            };
            while j > 0 && !fits(&ops[j - 1]) {
                j -= 1;
            }
            if j == 0 {
                break;
            }
            j -= 1;
            if item {
                rev.push(Seg::Index(count));
            }
            count = 0;
            col = ops[j].col();
            match ops[j] {
                Opener::Key(_, k) => {
                    rev.push(Seg::Key(k.to_string()));
                    item = false;
                }
                Opener::Dash(_) => item = true,
            }
        }
        if i == 0 {
            break;
        }
        i -= 1;
        same_line = false;
    }
    rev.reverse();
    rev
}

/// Keys of the mapping whose keys sit at column `col` around line `line` (the cursor's own
/// line excluded). `starts_here`: the mapping starts on `line` (after a `- `).
fn sibling_keys(lines: &[&str], line: usize, col: usize, starts_here: bool) -> Vec<String> {
    let mut keys = Vec::new();
    let mut look = |s: &Shape<'_>| -> bool {
        // false: the mapping ends here.
        if s.separator {
            return false;
        }
        if s.blank {
            return true;
        }
        if let Some((c, k)) = s.key
            && c == col
        {
            keys.push(k.to_string());
        }
        !(s.dashes.iter().any(|&d| d < col) || s.content < col)
    };
    if !starts_here {
        for l in (0..line).rev() {
            if !look(&shape(lines[l])) {
                break;
            }
        }
    }
    for l in lines.iter().skip(line + 1) {
        let s = shape(l);
        // A line that opens a new item or a shallower key ends the mapping, keys included.
        if !s.blank && (s.dashes.iter().any(|&d| d < col) || s.content < col) || s.separator {
            break;
        }
        look(&s);
    }
    keys
}

/// The key or value under byte column `col` of `line`, read from indentation.
pub fn hit_in_text(lines: &[&str], line: usize, col: usize, line_start: usize) -> Option<Hit> {
    let text = lines.get(line)?;
    let s = shape(text);
    let (kc, key) = s.key?;
    let quoted = text[kc..].starts_with(['"', '\'']) as usize;
    let (ks, ke) = (kc + quoted, kc + quoted + key.len());
    let mut path = container(lines, line, kc, false);
    path.push(Seg::Key(key.to_string()));
    if (ks..=ke).contains(&col) {
        let span = Span::new(line_start + ks, line_start + ke);
        return Some(Hit {
            path,
            target: Target::Key,
            span,
        });
    }
    let after = text[ke + quoted..].find(':')? + ke + quoted + 1;
    let value = strip_comment(&text[after..]);
    let vs = after + (value.len() - value.trim_start().len());
    let value = value.trim();
    if value.is_empty() || col < vs || col > vs + value.len() {
        return None;
    }
    let unquoted = value.trim_matches(['"', '\'']);
    Some(Hit {
        path,
        target: Target::Value(unquoted.to_string()),
        span: Span::new(line_start + vs, line_start + vs + value.len()),
    })
}

fn strip_comment(s: &str) -> &str {
    match s.find(" #") {
        Some(i) => &s[..i],
        None => s,
    }
}

/// What can be completed at the cursor.
#[derive(Clone, Debug, PartialEq)]
pub enum Completion {
    /// A key of the mapping at `path`; `present` are the keys it already has.
    Key {
        path: Vec<Seg>,
        present: Vec<String>,
        /// The half-typed word to replace (byte columns of the line).
        word: (usize, usize),
        /// A `:` already follows the word: insert the name alone.
        has_colon: bool,
    },
    /// The value of the field at `path` (it ends with the key).
    Value {
        path: Vec<Seg>,
        word: (usize, usize),
    },
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/')
}

/// What to complete at byte column `col` of `line`.
pub fn completion_at(lines: &[&str], line: usize, col: usize) -> Option<Completion> {
    let text = lines.get(line).copied().unwrap_or("");
    let col = col.min(text.len());
    let before = &text[..col];
    let bytes = text.as_bytes();
    let word_start = before
        .bytes()
        .rposition(|b| !is_word(b))
        .map_or(0, |i| i + 1);
    let word_end = col + bytes[col..].iter().take_while(|&&b| is_word(b)).count();
    let s = shape(before);
    let head = &before[..word_start];
    // Key position: only blanks and list markers before the word.
    let head_is_markers = head.bytes().all(|b| b == b' ' || b == b'-')
        && (s.blank || s.key.is_none() && s.content == word_start)
        && !head.contains("--");
    if head_is_markers {
        let markers = if s.blank {
            Vec::new()
        } else {
            s.dashes.clone()
        };
        let starts_here = !markers.is_empty();
        // After `- ` the key opens a new item (the scan counts the items above it).
        let path = container(lines, line, word_start, false);
        let present = sibling_keys(lines, line, word_start, starts_here);
        let has_colon = text[word_end..].trim_start_matches(' ').starts_with(':');
        return Some(Completion::Key {
            path,
            present,
            word: (word_start, word_end),
            has_colon,
        });
    }
    // Value position: `key: partial`.
    let (kc, key) = s.key?;
    let colon = before[kc..].find(':')? + kc;
    if matches!(before[colon + 1..word_start].trim(), "" | "\"" | "'") {
        let mut path = container(lines, line, kc, false);
        path.push(Seg::Key(key.to_string()));
        return Some(Completion::Value {
            path,
            word: (word_start, word_end),
        });
    }
    None
}

/// The key that starts line `line` (after any list markers): its byte column, its name and
/// the column just past its colon.
pub fn key_on_line(line: &str) -> Option<(usize, &str, usize)> {
    let (kc, key) = shape(line).key?;
    let quoted = line[kc..].starts_with(['"', '\'']) as usize;
    let ke = kc + quoted + key.len() + quoted;
    let colon = line[ke..].find(':')? + ke;
    Some((kc, key, colon + 1))
}

/// The document path of what line `line` holds, read from indentation: the path of its key
/// when it starts with one, else the path of the collection its content sits in (a list
/// item, or the key of a block scalar the line belongs to).
pub fn line_path(lines: &[&str], line: usize) -> Vec<Seg> {
    let text = lines.get(line).copied().unwrap_or("");
    let s = shape(text);
    match s.key {
        Some((kc, k)) => {
            let mut p = container(lines, line, kc, false);
            p.push(Seg::Key(k.to_string()));
            p
        }
        None if s.blank => container(lines, line, text.len(), false),
        None => container(lines, line, s.content, false),
    }
}

/// Whether line `line` is alone in its document: every other line of it is blank or a
/// comment (an empty file, or a new document after `---`).
pub fn alone_in_document(lines: &[&str], line: usize) -> bool {
    let others = |l: &&str| {
        let s = shape(l);
        !s.blank && !s.separator
    };
    let before = lines[..line.min(lines.len())]
        .iter()
        .rev()
        .take_while(|l| !shape(l).separator)
        .any(others);
    let after = lines
        .iter()
        .skip(line + 1)
        .take_while(|l| !shape(l).separator)
        .any(others);
    !before && !after
}

/// The `kind:` of the document around `line`, read from its top-level keys.
pub fn kind_in_text(lines: &[&str], line: usize) -> Option<crate::api::Kind> {
    let line = line.min(lines.len().saturating_sub(1));
    let start = (0..=line)
        .rev()
        .find(|&l| shape(lines[l]).separator)
        .map_or(0, |l| l + 1);
    for l in lines.iter().skip(start) {
        if shape(l).separator {
            break;
        }
        if let Some(v) = l.strip_prefix("kind:") {
            return crate::api::Kind::from_kind(strip_comment(v).trim().trim_matches(['"', '\'']));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const WF: &str = "\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: w
spec:
  entrypoint: main
  templates:
    - name: a
      container: {image: busybox}
    - name: b
      steps:
        - - name: s1
            template: a
          - name: s2
            template: a
    - name: main
      # a comment
      retryStrategy:
        limit: 3
        retryPolicy: OnError
        backoff:
          maxDuration: 1m
      container:
        image: alpine
";

    fn lines(text: &str) -> Vec<&str> {
        text.split('\n').collect()
    }

    fn line_of(text: &str, needle: &str) -> (usize, usize) {
        let ls = lines(text);
        let l = ls.iter().position(|l| l.contains(needle)).unwrap();
        (l, ls[l].find(needle).unwrap())
    }

    fn tree_hit(text: &str, needle: &str, delta: usize) -> Hit {
        let parsed = crate::source::parse_text(text);
        let root = parsed.documents[0].root.as_ref().unwrap();
        let at = text.find(needle).unwrap() + delta;
        hit_in_tree(root, at as u32).unwrap()
    }

    fn text_hit(text: &str, needle: &str, delta: usize) -> Hit {
        let (l, c) = line_of(text, needle);
        let ls = lines(text);
        let start: usize = ls[..l].iter().map(|l| l.len() + 1).sum();
        hit_in_text(&ls, l, c + delta, start).unwrap()
    }

    #[test]
    fn keys_resolve_to_document_paths_by_tree_and_by_indentation() {
        for (needle, want) in [
            (
                "maxDuration",
                "spec.templates[2].retryStrategy.backoff.maxDuration",
            ),
            ("retryPolicy", "spec.templates[2].retryStrategy.retryPolicy"),
            ("entrypoint", "spec.entrypoint"),
            ("kind", "kind"),
            ("name: s2", "spec.templates[1].steps[0][1].name"),
            (
                "template: a\n          -",
                "spec.templates[1].steps[0][0].template",
            ),
            ("image: alpine\n", "spec.templates[2].container.image"),
        ] {
            for delta in [0, 2] {
                let t = tree_hit(WF, needle, delta);
                assert_eq!(display(&t.path), want, "tree {needle}");
                assert_eq!(t.target, Target::Key);
                let x = text_hit(WF, needle.split('\n').next().unwrap(), delta);
                assert_eq!(display(&x.path), want, "text {needle}");
                assert_eq!(x.span, t.span, "{needle}");
            }
        }
        // Flow mappings are the tree's alone.
        let t = tree_hit(WF, "image: busybox}", 1);
        assert_eq!(display(&t.path), "spec.templates[0].container.image");
    }

    #[test]
    fn values_resolve_to_their_field() {
        let t = tree_hit(WF, "OnError", 3);
        assert_eq!(
            display(&t.path),
            "spec.templates[2].retryStrategy.retryPolicy"
        );
        assert_eq!(t.target, Target::Value("OnError".into()));
        let x = text_hit(WF, "OnError", 3);
        assert_eq!((x.path, x.target, x.span), (t.path, t.target, t.span));
        // Between the colon and the value: nothing.
        let parsed = crate::source::parse_text(WF);
        let root = parsed.documents[0].root.as_ref().unwrap();
        let gap = WF.find("retryPolicy:").unwrap() + 12;
        assert!(hit_in_tree(root, gap as u32).is_none());
    }

    #[test]
    fn keys_complete_where_the_yaml_is_half_typed() {
        let text = "kind: Workflow\nspec:\n  templates:\n  - name: x\n    retryStrategy:\n      limit: 2\n      ba\n      retryPolicy: Always\n  - name: y\n";
        let ls = lines(text);
        let (l, c) = line_of(text, "ba");
        let got = completion_at(&ls, l, c + 2).unwrap();
        assert_eq!(
            got,
            Completion::Key {
                path: vec![
                    Seg::Key("spec".into()),
                    Seg::Key("templates".into()),
                    Seg::Index(0),
                    Seg::Key("retryStrategy".into())
                ],
                present: vec!["limit".into(), "retryPolicy".into()],
                word: (c, c + 2),
                has_colon: false,
            }
        );
        // On a blank line, by its indentation: the template's keys.
        let blank = "kind: Workflow\nspec:\n  templates:\n  - name: x\n    \n  - name: y\n";
        let ls = lines(blank);
        let Completion::Key { path, present, .. } = completion_at(&ls, 4, 4).unwrap() else {
            panic!()
        };
        assert_eq!(display(&path), "spec.templates[0]");
        assert_eq!(present, ["name"]);
        // Right after a new `- `: the new item's keys, none present.
        let item = "spec:\n  templates:\n  - name: x\n  - \n";
        let ls = lines(item);
        let Completion::Key { path, present, .. } = completion_at(&ls, 3, 4).unwrap() else {
            panic!()
        };
        assert_eq!(display(&path), "spec.templates[1]");
        assert!(present.is_empty());
        // At the top level.
        let ls = lines("apiVersion: v1\n\nspec: {}\n");
        let Completion::Key { path, present, .. } = completion_at(&ls, 1, 0).unwrap() else {
            panic!()
        };
        assert!(path.is_empty());
        assert_eq!(present, ["apiVersion", "spec"]);
    }

    #[test]
    fn values_complete_after_the_colon() {
        let text = "spec:\n  templates:\n    - retryStrategy:\n        retryPolicy: On\n";
        let ls = lines(text);
        let (l, c) = line_of(text, "On");
        let got = completion_at(&ls, l, c + 2).unwrap();
        assert_eq!(
            got,
            Completion::Value {
                path: vec![
                    Seg::Key("spec".into()),
                    Seg::Key("templates".into()),
                    Seg::Index(0),
                    Seg::Key("retryStrategy".into()),
                    Seg::Key("retryPolicy".into())
                ],
                word: (c, c + 2),
            }
        );
        let ls = lines("    retryPolicy: \"");
        assert!(matches!(
            completion_at(&ls, 0, 18),
            Some(Completion::Value { .. })
        ));
        // Inside a value that is not a word: nothing.
        let ls = lines("  args: [a, b]");
        assert_eq!(completion_at(&ls, 0, 12), None);
    }

    #[test]
    fn documents_are_separate() {
        let text = "kind: WorkflowTemplate\nspec:\n  a: 1\n---\nkind: CronWorkflow\nspec:\n  \n";
        let ls = lines(text);
        assert_eq!(
            kind_in_text(&ls, 2),
            Some(crate::api::Kind::WorkflowTemplate)
        );
        assert_eq!(kind_in_text(&ls, 6), Some(crate::api::Kind::CronWorkflow));
        let Completion::Key { path, present, .. } = completion_at(&ls, 6, 2).unwrap() else {
            panic!()
        };
        assert_eq!(display(&path), "spec");
        assert!(present.is_empty(), "{present:?}");
    }

    #[test]
    fn pathological_lines_give_nothing_or_something_never_a_panic() {
        let deep = format!("{}a: 1\n", "- ".repeat(50_000));
        let text = format!("x:\n{}", "  ".repeat(1000) + "y:\n").repeat(10) + &deep;
        let ls = lines(&text);
        for l in 0..ls.len() {
            for c in [0, 1, 5, 10_000, 200_000] {
                let _ = completion_at(&ls, l, c);
                let _ = hit_in_text(&ls, l, c.min(ls[l].len()), 0);
            }
        }
        let ls = lines("\"unterminated: x\n'': y\n: z\n-\n- - -\n#: c\n");
        for l in 0..ls.len() {
            for c in 0..=ls[l].len() {
                let _ = completion_at(&ls, l, c);
                let _ = hit_in_text(&ls, l, c, 0);
            }
        }
    }
}
