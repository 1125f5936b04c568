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
#[derive(Debug, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        LineIndex { starts }
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
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line + 1, col + 1)
    }
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
