//! The YAML layer: any text parses without a panic, and every span the tree holds is a
//! range of the text at character boundaries; a plain one-line scalar's span slices the
//! text to its value.
#![no_main]
use argolint::source::{Node, NodeKind, ScalarStyle, parse_text};
use libfuzzer_sys::fuzz_target;

fn check(text: &str, node: &Node) {
    let r = node.span.range();
    assert!(r.end <= text.len(), "span {r:?} past the end ({})", text.len());
    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "span {r:?} splits a character");
    match &node.kind {
        NodeKind::Scalar(s) => {
            let raw = &text[r];
            // Alias copies keep the alias's span (`*name`); a tag or anchor may precede.
            if s.style == ScalarStyle::Plain
                && s.tag.is_none()
                && !raw.contains(['\n', '\r', '*', '&', '!', '#'])
                && !s.value.is_empty()
            {
                assert_eq!(raw, &*s.value, "plain scalar span does not slice to its value");
            }
        }
        NodeKind::Seq(items) => items.iter().for_each(|n| check(text, n)),
        NodeKind::Map(entries) => entries.iter().for_each(|e| {
            check(text, &e.key);
            check(text, &e.value);
        }),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = parse_text(text);
    for d in &parsed.documents {
        assert!(d.span.end as usize <= text.len());
        if let Some(root) = &d.root {
            check(text, root);
        }
    }
    for p in &parsed.problems {
        assert!(p.span.end as usize <= text.len());
    }
    for c in &parsed.comments {
        assert!(text[c.span.range()].starts_with('#'));
    }
});
