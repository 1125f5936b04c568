//! The source layer: files, line/column mapping, and YAML parsed into our spanned tree.
//!
//! Nothing here knows about Argo. `parse::parse_file` turns text into [`Document`]s of
//! [`Node`]s; every key and value keeps its byte span so that any later check can point
//! at the exact place.

pub mod json;
pub mod parse;
pub mod tree;

use std::sync::Arc;

pub use parse::{ParsedFile, parse_text};
pub use tree::{Comment, Document, Entry, Node, NodeKind, Scalar, ScalarStyle};

/// `s` as a YAML double-quoted scalar that reads back as `s` (for fixes that quote a value).
pub fn yaml_double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A half-open byte range `[start, end)` into a file's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    pub fn empty(at: usize) -> Span {
        Span::new(at, at)
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A file's text and name, shared cheaply between the engine and the emitters.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The name as the user gave it (path on the command line, or `--stdin-filename`).
    pub name: Arc<str>,
    pub text: Arc<str>,
    pub lines: Arc<LineIndex>,
}

impl SourceFile {
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> SourceFile {
        let text: Arc<str> = text.into();
        let lines = Arc::new(LineIndex::new(&text));
        SourceFile {
            name: name.into(),
            text,
            lines,
        }
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// 1-based line and column (column counted in Unicode scalar values) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        self.lines.line_col(&self.text, offset as usize)
    }
}

/// Start offsets of every line, for byte offset → line/column conversion.
///
/// Columns count Unicode scalars. On an ASCII line that is the byte distance; on other
/// lines the characters are counted from the nearest checkpoint (one every
/// [`COLUMN_CHECKPOINT`] bytes of a long line), so a lookup never rescans more than that,
/// however long the line and however many findings it has.
#[derive(Debug, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// Lines (0-based) holding a byte ≥ 0x80, sorted.
    non_ascii: Vec<u32>,
    /// For each long non-ASCII line: (byte offset, characters from the line start) every
    /// [`COLUMN_CHECKPOINT`] bytes, at character boundaries.
    checkpoints: std::collections::HashMap<u32, Vec<(u32, u32)>>,
}

/// Bytes between two column checkpoints of a long non-ASCII line.
const COLUMN_CHECKPOINT: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        let mut non_ascii = Vec::new();
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            } else if b >= 0x80 && non_ascii.last() != Some(&(starts.len() as u32 - 1)) {
                non_ascii.push(starts.len() as u32 - 1);
            }
        }
        let mut checkpoints = std::collections::HashMap::new();
        for &line in &non_ascii {
            let start = starts[line as usize] as usize;
            let end = starts
                .get(line as usize + 1)
                .map_or(text.len(), |&e| e as usize);
            if end - start <= COLUMN_CHECKPOINT {
                continue;
            }
            let mut marks = Vec::new();
            let (mut chars, mut next) = (0u32, start + COLUMN_CHECKPOINT);
            for (i, _) in text[start..end].char_indices() {
                if start + i >= next {
                    marks.push(((start + i) as u32, chars));
                    next = start + i + COLUMN_CHECKPOINT;
                }
                chars += 1;
            }
            checkpoints.insert(line, marks);
        }
        LineIndex {
            starts,
            non_ascii,
            checkpoints,
        }
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(0) as usize
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line and column; columns count Unicode scalar values.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_start(line);
        if self.non_ascii.binary_search(&(line as u32)).is_err() {
            return (line + 1, offset - start + 1);
        }
        let (from, before) = self
            .checkpoints
            .get(&(line as u32))
            .and_then(|marks| {
                let i = marks.partition_point(|&(at, _)| at as usize <= offset);
                i.checked_sub(1).map(|i| marks[i])
            })
            .map_or((start, 0), |(at, n)| (at as usize, n as usize));
        let col = text
            .get(from..offset)
            .map(|s| before + s.chars().count())
            .unwrap_or(offset - start);
        (line + 1, col + 1)
    }
}

/// Where the text `value[start..end]` of a scalar is written in the file, when it is
/// written there as it reads (not through escapes or line folding); `None` otherwise.
///
/// The scalar's value is aligned with its source text once (quotes, indentation, escape
/// introducers and folded line breaks are what the source has in addition), and the
/// alignment is kept for the last scalar asked about, so that the many findings of one long
/// value cost one pass over it, not one each.
pub fn value_subspan(
    file: &SourceFile,
    node_span: Span,
    value: &str,
    start: usize,
    end: usize,
) -> Option<Span> {
    use std::cell::RefCell;
    /// (node span, value address and length, file text address) and the alignment.
    type Key = (u32, u32, usize, usize, usize);
    thread_local! {
        static LAST: RefCell<Option<(Key, Vec<u32>)>> = const { RefCell::new(None) };
    }
    let text = value.get(start..end).filter(|t| !t.is_empty())?;
    let raw = file.slice(node_span);
    // The fast path: the value is the source text (a plain one-line scalar).
    if raw.len() == value.len() && raw.as_bytes().get(start..end) == Some(text.as_bytes()) {
        return Some(Span::new(
            node_span.start as usize + start,
            node_span.start as usize + end,
        ));
    }
    let key = (
        node_span.start,
        node_span.end,
        value.as_ptr() as usize,
        value.len(),
        Arc::as_ptr(&file.text) as *const u8 as usize,
    );
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if last.as_ref().is_none_or(|(k, _)| *k != key) {
            *last = Some((key, align(raw.as_bytes(), value.as_bytes())));
        }
        let map = &last.as_ref()?.1;
        let at = *map.get(start)? as usize;
        (raw.as_bytes().get(at..at + text.len()) == Some(text.as_bytes())).then(|| {
            Span::new(
                node_span.start as usize + at,
                node_span.start as usize + at + text.len(),
            )
        })
    })
}

/// For each byte of `value`, its offset in `raw` (`u32::MAX` where the byte was produced by
/// an escape), aligning greedily: bytes the source has in addition are skipped, looking at
/// most [`ALIGN_LOOKAHEAD`] bytes ahead, so the pass is linear.
fn align(raw: &[u8], value: &[u8]) -> Vec<u32> {
    const ALIGN_LOOKAHEAD: usize = 64;
    let mut map = vec![u32::MAX; value.len() + 1];
    let (mut i, mut j) = (0, 0);
    while j < value.len() && i < raw.len() {
        if raw[i] == value[j] {
            map[j] = i as u32;
            i += 1;
            j += 1;
            continue;
        }
        let window = &raw[i..raw.len().min(i + ALIGN_LOOKAHEAD)];
        match window.iter().position(|&b| b == value[j]) {
            Some(k) => i += k,
            None => j += 1,
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_unicode_scalars() {
        let f = SourceFile::new("t", "a: 1\nb: \"é✓\"x\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(5), (2, 1));
        // `x` sits after a two-byte and a three-byte character.
        let x = f.text.find('x').unwrap() as u32;
        assert_eq!(f.line_col(x), (2, 8));
        assert_eq!(f.line_col(f.text.len() as u32), (3, 1));
    }

    #[test]
    fn line_col_on_long_non_ascii_lines_matches_counting() {
        // Long lines with multi-byte characters on both sides of several checkpoints.
        let line: String = (0..3000)
            .map(|i| {
                if i % 7 == 0 {
                    'é'
                } else if i % 11 == 0 {
                    '✓'
                } else {
                    'a'
                }
            })
            .collect();
        let text = format!("k: x\n{line}\nz: {line}\n");
        let f = SourceFile::new("t", text.as_str());
        for (offset, _) in text.char_indices().step_by(37) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let expected = (
                text[..offset].matches('\n').count() + 1,
                text[line_start..offset].chars().count() + 1,
            );
            assert_eq!(f.line_col(offset as u32), expected, "offset {offset}");
        }
    }

    #[test]
    fn value_subspans_point_at_the_written_text() {
        let text = "a: \"x {{one}} \\t {{two}}\"\nb: |\n  line {{three}}\n  {{four}} end\nc: >\n  folded\n  {{five}}\n";
        let f = SourceFile::new("t", text);
        let parsed = parse_text(text);
        let root = parsed.documents[0].root.as_ref().unwrap();
        for (key, tag) in [
            ("a", "{{one}}"),
            ("a", "{{two}}"),
            ("b", "{{three}}"),
            ("b", "{{four}}"),
            ("c", "{{five}}"),
        ] {
            let node = root.get(key).unwrap();
            let value = node.as_str().unwrap();
            let start = value.find(tag).unwrap();
            let span = value_subspan(&f, node.span, value, start, start + tag.len())
                .unwrap_or_else(|| panic!("{tag} not found"));
            assert_eq!(f.slice(span), tag);
            assert_eq!(&text[..span.start as usize].matches(tag).count(), &0);
        }
        // Text produced by an escape is not written in the source.
        let node = root.get("a").unwrap();
        let value = node.as_str().unwrap();
        let tab = value.find('\t').unwrap();
        assert_eq!(value_subspan(&f, node.span, value, tab, tab + 1), None);
    }
}

#[cfg(test)]
mod quoting_tests {
    use super::{parse_text, yaml_double_quoted};

    #[test]
    fn double_quoted_scalars_read_back_as_written() {
        for s in [
            "plain",
            "a \"quote\"",
            "back\\slash",
            "two\nlines",
            "tab\there",
            "bell\u{7}",
            "{{x}}: y",
        ] {
            let text = format!("k: {}\n", yaml_double_quoted(s));
            let parsed = parse_text(&text);
            let root = parsed.documents[0].root.as_ref().expect("parses");
            assert_eq!(root.get("k").and_then(|n| n.as_str()), Some(s), "{text}");
        }
    }
}
