//! Positions as the Language Server Protocol counts them: 0-based lines (split at `\n`,
//! `\r\n` or `\r`) and columns in the negotiated encoding (UTF-8 bytes or UTF-16 code
//! units), converted to and from the byte offsets argolint's spans use.

use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// The unit of `Position::character`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion at all), else UTF-16, which every
    /// client must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line starts, and where its content ends (before the line break).
#[derive(Debug, Clone, Default)]
pub struct Lines {
    /// `(start, content_end)` byte offsets of every line.
    lines: Vec<(usize, usize)>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let bytes = text.as_bytes();
        let mut lines = Vec::with_capacity(text.len() / 32 + 1);
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    lines.push((start, i));
                    start = i + 1;
                }
                b'\r' => {
                    lines.push((start, i));
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        lines.push((start, bytes.len()));
        Lines { lines }
    }

    pub fn count(&self) -> usize {
        self.lines.len()
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|&(start, _)| start <= offset)
            .saturating_sub(1)
    }

    /// The text of 0-based `line`, without its line break (empty past the end).
    pub fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        self.lines
            .get(line)
            .and_then(|&(s, e)| text.get(s..e))
            .unwrap_or("")
    }

    /// Byte offset where `line` starts (the end of the text past the last line).
    pub fn start(&self, line: usize) -> usize {
        self.lines
            .get(line)
            .map_or_else(|| self.lines.last().map_or(0, |&(_, e)| e), |&(s, _)| s)
    }

    /// The LSP position of a byte offset (clamped into the text and onto a character).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let (start, end) = self.lines[line];
        let upto = offset.clamp(start, end);
        let mut col = 0;
        for (i, c) in text[start..end].char_indices() {
            if start + i >= upto {
                break;
            }
            col += enc.width(c);
        }
        Position::new(line as u32, col as u32)
    }

    /// The byte offset of an LSP position. A column past the line's end means its end; one
    /// inside a character (half a surrogate pair) means that character's start; a line past
    /// the last means the end of the text.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let Some(&(start, end)) = self.lines.get(pos.line as usize) else {
            return text.len();
        };
        let want = pos.character as usize;
        let mut col = 0;
        for (i, c) in text[start..end].char_indices() {
            let w = enc.width(c);
            if col + w > want {
                return start + i;
            }
            col += w;
        }
        end
    }

    pub fn range(&self, text: &str, start: usize, end: usize, enc: Encoding) -> Range {
        Range::new(
            self.position(text, start, enc),
            self.position(text, end.max(start), enc),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_the_encoding() {
        // `é` is 2 bytes / 1 UTF-16 unit, `🎉` 4 bytes / 2 units.
        let text = "a: 1\nb: \"é🎉\" x\n";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            lines.position(text, x, Encoding::Utf8),
            Position::new(1, 12)
        );
        assert_eq!(
            lines.position(text, x, Encoding::Utf16),
            Position::new(1, 9)
        );
        assert_eq!(lines.offset(text, Position::new(1, 12), Encoding::Utf8), x);
        assert_eq!(lines.offset(text, Position::new(1, 9), Encoding::Utf16), x);
        // Inside the emoji's surrogate pair: its start.
        let emoji = text.find('🎉').unwrap();
        assert_eq!(
            lines.offset(text, Position::new(1, 6), Encoding::Utf16),
            emoji
        );
        // Past the line's end, past the last line.
        assert_eq!(lines.offset(text, Position::new(0, 99), Encoding::Utf16), 4);
        assert_eq!(
            lines.offset(text, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
        assert_eq!(
            lines.position(text, text.len(), Encoding::Utf16),
            Position::new(2, 0)
        );
    }

    #[test]
    fn every_line_break_counts() {
        let text = "a\r\nb\rc\nd";
        let lines = Lines::new(text);
        assert_eq!(lines.count(), 4);
        assert_eq!(lines.line(text, 0), "a");
        assert_eq!(lines.line(text, 1), "b");
        assert_eq!(lines.line(text, 3), "d");
        let d = text.find('d').unwrap();
        assert_eq!(lines.position(text, d, Encoding::Utf8), Position::new(3, 0));
        // The `\n` of `\r\n` belongs to line 0: its position is line 0's end.
        assert_eq!(lines.position(text, 2, Encoding::Utf8), Position::new(0, 1));
        assert_eq!(Lines::new("").count(), 1);
    }

    #[test]
    fn round_trips_every_offset_on_a_character() {
        let text = "kïnd: 🎉\r\n  x: \"ü\"\n\n";
        let lines = Lines::new(text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for (i, _) in text.char_indices() {
                let p = lines.position(text, i, enc);
                let back = lines.offset(text, p, enc);
                // A line break's bytes map to the end of its line.
                let (s, e) = lines.lines[lines.line_of(i)];
                assert_eq!(back, i.clamp(s, e), "{enc:?} {i}");
            }
        }
    }
}
