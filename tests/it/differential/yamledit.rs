//! Text edits at the byte spans of argolint's parsed tree: the mutants are the original text
//! with a few bytes changed, so they stay as close to real YAML (comments, layout, flow
//! collections) as the input was.

use argolint::source::{Entry, Node, NodeKind, Span};

/// One replacement of `start..end` by `text`.
#[derive(Clone, Debug)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Edit {
    pub fn replace(span: Span, text: impl Into<String>) -> Edit {
        Edit {
            start: span.start as usize,
            end: span.end as usize,
            text: text.into(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit {
            start: at,
            end: at,
            text: text.into(),
        }
    }

    pub fn delete(start: usize, end: usize) -> Edit {
        Edit {
            start,
            end,
            text: String::new(),
        }
    }
}

/// Applies non-overlapping edits; `None` when two overlap or one is out of bounds.
pub fn apply(text: &str, edits: &[Edit]) -> Option<String> {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in edits {
        if e.start < at || e.end > text.len() || e.start > e.end {
            return None;
        }
        out.push_str(text.get(at..e.start)?);
        out.push_str(&e.text);
        at = e.end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

pub fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The offset just past the newline ending the line that holds `at` (or the text's end).
pub fn next_line_start(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

/// Where a block node's content ends, as the offset past the last line holding it: block
/// scalars (`|`) end after their newline already.
pub fn end_of_content_line(text: &str, node: &Node) -> usize {
    let end = trim_end(text, node.content_end() as usize);
    if end > 0 && text.as_bytes()[end - 1] == b'\n' {
        end
    } else {
        next_line_start(text, end)
    }
}

/// The offset past the last line of a block mapping entry.
fn entry_end(text: &str, e: &Entry) -> usize {
    let key_line_end = next_line_start(text, e.key.span.start as usize);
    if e.value.span.is_empty() {
        return key_line_end;
    }
    end_of_content_line(text, &e.value).max(key_line_end)
}

/// A block scalar's span runs on over the next line's indentation: back to its newline.
fn trim_end(text: &str, end: usize) -> usize {
    let mut end = end.min(text.len());
    while end > 0 && matches!(text.as_bytes()[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    end
}

/// The column (in bytes) of `at` in its line, and whether only spaces precede it.
fn column(text: &str, at: usize) -> (usize, bool) {
    let ls = line_start(text, at);
    (at - ls, text[ls..at].bytes().all(|b| b == b' '))
}

/// The indentation to write a sibling entry of the entry whose key starts at `key_at`: as
/// many spaces as the key's column (a `- ` before the first key of a list item included).
pub fn sibling_indent(text: &str, key_at: usize) -> String {
    " ".repeat(column(text, key_at).0)
}

/// The entries a mapping holds as written (no `<<` merges), whose spans lie inside it.
pub fn own_entries(map: &Node) -> Vec<&Entry> {
    map.as_map()
        .unwrap_or(&[])
        .iter()
        .filter(|e| !e.merged && map.span.contains(e.key.span) && map.span.contains(e.value.span))
        .collect()
}

/// Deletes the entry `i` of the mapping `map` (key and value), keeping the YAML valid.
pub fn delete_entry(text: &str, map: &Node, i: usize) -> Option<Vec<Edit>> {
    let entries = own_entries(map);
    let e = entries.get(i)?;
    let key_at = e.key.span.start as usize;
    if map.flow {
        // `{a: 1, b: 2}`: drop `a: 1, ` (or `, b: 2` for the last one, `{}` for the only one).
        if let Some(next) = entries.get(i + 1) {
            return Some(vec![Edit::delete(key_at, next.key.span.start as usize)]);
        }
        if i > 0 {
            let prev = entries[i - 1];
            return Some(vec![Edit::delete(
                prev.value.span.end as usize,
                e.value.span.end as usize,
            )]);
        }
        return Some(vec![Edit::replace(map.span, "{}")]);
    }
    let (_, alone) = column(text, key_at);
    let end = entry_end(text, e);
    if alone {
        return Some(vec![Edit::delete(line_start(text, key_at), end)]);
    }
    // The first key of a list item (`- name: x`): the next key moves up behind the dash.
    let ls = line_start(text, key_at);
    if !text[ls..key_at].trim_start().starts_with('-') {
        return None;
    }
    if let Some(next) = entries.get(i + 1) {
        let next_at = next.key.span.start as usize;
        let (col, own_line) = column(text, next_at);
        if own_line && col == key_at - ls && next_at >= end {
            let between = &text[end..line_start(text, next_at)];
            if between
                .lines()
                .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
            {
                return Some(vec![Edit::delete(key_at, next_at)]);
            }
        }
        return None;
    }
    // The only key of its item: the item goes.
    Some(vec![Edit::delete(ls, end)])
}

/// Replaces an entry's value with `value` written in flow or scalar form on the key's line
/// (`key: value`); `value` empty writes `key:` (a null).
pub fn replace_value(text: &str, e: &Entry, value: &str) -> Vec<Edit> {
    let start = e.key.span.end as usize;
    let mut end = trim_end(text, e.value.content_end() as usize);
    // An empty value (`key:`) has an empty span, wherever the parser put it: replace `:`.
    if e.value.span.is_empty() {
        end = match text[start..].find(':') {
            Some(i) => start + i + 1,
            None => start,
        };
    }
    end = end.max(start);
    let removed = &text[start..end];
    let mut new = if value.is_empty() {
        ":".to_string()
    } else {
        format!(": {value}")
    };
    if removed.ends_with('\n') {
        new.push('\n');
    }
    // Keep the text between the key and `:` when it is just the colon and spaces.
    vec![Edit {
        start,
        end,
        text: new,
    }]
}

/// Adds `key: value` as a sibling written after the entry `after` of `map`.
pub fn insert_entry_after(text: &str, map: &Node, after: &Entry, kv: &str) -> Option<Edit> {
    if map.flow {
        return Some(Edit::insert(
            after.value.span.end as usize,
            format!(", {kv}"),
        ));
    }
    let indent = sibling_indent(text, after.key.span.start as usize);
    let at = entry_end(text, after);
    let mut s = String::new();
    if at == text.len() && !text.ends_with('\n') {
        s.push('\n');
    }
    s.push_str(&indent);
    s.push_str(kv);
    s.push('\n');
    Some(Edit::insert(at, s))
}

/// A scalar's kind as YAML 1.2 reads it, for describing a retype.
pub fn shape(node: &Node) -> &'static str {
    match &node.kind {
        NodeKind::Seq(_) => "list",
        NodeKind::Map(_) => "map",
        NodeKind::Scalar(s) => {
            use argolint::source::tree::ScalarType;
            match s.yaml12_type() {
                ScalarType::Null => "null",
                ScalarType::Bool(_) => "bool",
                ScalarType::Int | ScalarType::Float => "number",
                ScalarType::Str => "string",
            }
        }
    }
}

/// Flow form of a string that YAML reads back as that string.
pub fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use argolint::source::parse_text;

    fn root(t: &str) -> Node {
        parse_text(t).documents[0].root.clone().unwrap()
    }

    fn check(t: &str, edits: Vec<Edit>, want: &str) {
        let out = apply(t, &edits).unwrap();
        assert_eq!(out, want);
        assert!(parse_text(&out).problems.is_empty(), "{out}");
    }

    #[test]
    fn deletes_block_flow_and_first_item_keys() {
        let t = "a:\n  b: 1\n  c:\n    - x\n  d: 2\n";
        let r = root(t);
        let a = r.get("a").unwrap();
        check(t, delete_entry(t, a, 1).unwrap(), "a:\n  b: 1\n  d: 2\n");
        let t = "l:\n- name: x\n  image: y\n- name: z\n";
        let r = root(t);
        let items = r.get("l").unwrap().as_seq().unwrap();
        check(
            t,
            delete_entry(t, &items[0], 0).unwrap(),
            "l:\n- image: y\n- name: z\n",
        );
        check(
            t,
            delete_entry(t, &items[1], 0).unwrap(),
            "l:\n- name: x\n  image: y\n",
        );
        let t = "p: [{name: m, value: \"v\"}]\n";
        let r = root(t);
        let m = &r.get("p").unwrap().as_seq().unwrap()[0];
        check(t, delete_entry(t, m, 0).unwrap(), "p: [{value: \"v\"}]\n");
        check(t, delete_entry(t, m, 1).unwrap(), "p: [{name: m}]\n");
    }

    #[test]
    fn replaces_values_and_inserts_siblings() {
        let t = "a:\n  b:\n  - 1\n  - 2\n  c: |\n    x\n  d: 3\n";
        let r = root(t);
        let a = r.get("a").unwrap();
        let b = a.entry("b").unwrap();
        check(
            t,
            replace_value(t, b, "x"),
            "a:\n  b: x\n  c: |\n    x\n  d: 3\n",
        );
        let c = a.entry("c").unwrap();
        check(
            t,
            replace_value(t, c, "[1]"),
            "a:\n  b:\n  - 1\n  - 2\n  c: [1]\n  d: 3\n",
        );
        check(
            t,
            replace_value(t, c, ""),
            "a:\n  b:\n  - 1\n  - 2\n  c:\n  d: 3\n",
        );
        let e = insert_entry_after(t, a, c, "w: 1").unwrap();
        check(
            t,
            vec![e],
            "a:\n  b:\n  - 1\n  - 2\n  c: |\n    x\n  w: 1\n  d: 3\n",
        );
        let t = "s:\n- - name: a\n    template: b\n";
        let r = root(t);
        let step = &r.get("s").unwrap().as_seq().unwrap()[0].as_seq().unwrap()[0];
        let e = insert_entry_after(t, step, step.entry("name").unwrap(), "when: x").unwrap();
        check(
            t,
            vec![e],
            "s:\n- - name: a\n    when: x\n    template: b\n",
        );
    }
}
