//! What each fuzz target checks, as plain functions of the input bytes: the targets in
//! `fuzz_targets/` call them, and `tests/it/fuzz_regressions.rs` replays saved inputs
//! through them on the stable toolchain (this file is included there by path).
#![allow(dead_code)]

use std::collections::BTreeMap;

use argolint::api::ArgoVersion;
use argolint::config::load_text;
use argolint::engine::lint_source;
use argolint::fix::fix_text;
use argolint::lsp::features::{Doc, code_actions, diagnostics, hover};
use argolint::lsp::nav;
use argolint::lsp::text::{Encoding, Lines};
use argolint::model::expr::{parse_depends, scan_tags};
use argolint::report::Report;
use argolint::settings::Settings;
use argolint::source::{Node, NodeKind, ScalarStyle, parse_text, yaml_double_quoted};
use tower_lsp_server::ls_types::{Position, Range, Uri};

fn check_spans(text: &str, node: &Node) {
    let r = node.span.range();
    assert!(
        r.end <= text.len(),
        "span {r:?} past the end ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "span {r:?} splits a character"
    );
    match &node.kind {
        NodeKind::Scalar(s) => {
            let raw = &text[r];
            // Alias copies keep the alias's span (`*name`); a tag or anchor may precede; an
            // absent value (`key:` and nothing) is a null with an empty span.
            if s.style == ScalarStyle::Plain
                && s.tag.is_none()
                && !raw.contains(['\n', '\r', '*', '&', '!', '#'])
                && !s.value.is_empty()
                && !raw.is_empty()
            {
                assert_eq!(
                    raw, &*s.value,
                    "plain scalar span does not slice to its value"
                );
            }
        }
        NodeKind::Seq(items) => items.iter().for_each(|n| check_spans(text, n)),
        NodeKind::Map(entries) => entries.iter().for_each(|e| {
            check_spans(text, &e.key);
            check_spans(text, &e.value);
        }),
    }
}

/// The YAML layer: any text parses without a panic, and every span the tree holds is a
/// range of the text at character boundaries; a plain one-line scalar's span slices the
/// text to its value; an exact span of a name `model::xref` finds slices the text to that
/// name (what rename relies on).
pub fn parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = parse_text(text);
    let file = argolint::source::SourceFile::new("fuzz.yaml", text);
    for d in &parsed.documents {
        assert!(d.span.end as usize <= text.len());
        if let Some(root) = &d.root {
            check_spans(text, root);
            // Cross references: a name's exact span holds that name, as rename relies on.
            if let Some(m) = argolint::model::Manifest::from_root(root) {
                for o in argolint::model::xref::occurrences(&file, d.index, &m) {
                    let at = o.span.range();
                    assert!(at.end <= text.len(), "{o:?}");
                    if o.exact {
                        assert_eq!(&text[at], o.symbol.name(), "{o:?}");
                    }
                }
            }
        }
    }
    for p in &parsed.problems {
        assert!(p.span.end as usize <= text.len());
    }
    for c in &parsed.comments {
        assert!(text[c.span.range()].starts_with('#'));
    }
}

/// One whole-document lint with every rule, rendered as JSON (line and column of every
/// finding): no panic, whatever the text.
pub fn lint(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let report = lint_source("fuzz.yaml", text, &Settings::default());
    for d in &report.diagnostics {
        assert!(d.span.end as usize <= text.len(), "{d:?}");
    }
    let json = argolint::emit::json::render(&Report {
        files: vec![report],
        io_errors: Vec::new(),
    });
    assert!(json.starts_with('{'));
}

/// Argo's small languages: the input as a `{{…}}` text, a `depends` and a `when`, read by
/// the scanners directly and through a whole lint of a workflow that holds it.
pub fn expressions(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let scan = scan_tags(s);
    for t in &scan.tags {
        assert!(t.start < t.end && t.end <= s.len());
        assert_eq!(&s[t.start + 2..t.end - 2], t.inner);
    }
    if let Ok(ops) = parse_depends(s) {
        for o in ops {
            assert_eq!(&s[o.task_range.0..o.task_range.1], o.task);
        }
    }
    let q = yaml_double_quoted(s);
    let text = format!(
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: fuzz-\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    steps:\n    - - name: a\n        template: t\n        when: {q}\n        arguments:\n          parameters:\n          - name: p\n            value: {q}\n  - name: d\n    dag:\n      tasks:\n      - name: a\n        template: t\n      - name: b\n        template: t\n        depends: {q}\n  - name: t\n    inputs:\n      parameters:\n      - name: p\n    container:\n      image: alpine:3.20\n      args: [{q}]\n"
    );
    lint_source("fuzz.yaml", &text, &Settings::default());
}

/// The configuration loader: any `.argolint.yaml` text is accepted or gives errors, each
/// at a place in the file, never a panic.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = text.split('\n').count();
    if let Err(errors) = load_text(
        std::path::Path::new("/fuzz/.argolint.yaml"),
        text.to_string(),
    ) {
        assert!(!errors.is_empty());
        for e in errors {
            assert!(e.line >= 1 && e.line <= lines + 1, "{e:?}");
        }
    }
}

fn by_rule(text: &str, settings: &Settings) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for d in lint_source("fuzz.yaml", text, settings).diagnostics {
        *out.entry(d.rule.name).or_default() += 1;
    }
    out
}

/// Fix application: a text that parses still parses after every fix (unsafe ones too),
/// and has no finding the original did not have.
pub fn fix(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let settings = Settings::default();
    let fixed = fix_text("fuzz.yaml", text, &settings, true);
    if fixed.applied == 0 {
        return;
    }
    if parse_text(text).problems.is_empty() {
        assert!(
            parse_text(&fixed.text).problems.is_empty(),
            "a fix broke the YAML:\n{}",
            fixed.text
        );
    }
    let before = by_rule(text, &settings);
    for (rule, n) in by_rule(&fixed.text, &settings) {
        assert!(
            n <= before.get(rule).copied().unwrap_or(0),
            "the fixes added `{rule}` findings:\n{}",
            fixed.text
        );
    }
}

/// The language server's handlers, as plain functions: diagnostics, hover, completion,
/// code actions and navigation (definition, references, highlights, rename and its
/// preparation, hover on a reference, symbols) at positions taken from the input, on the
/// input as a buffer; and the frame filter that reads the client's messages.
pub fn lsp(data: &[u8]) {
    // The first bytes choose positions; the rest is the buffer (and a stream of frames).
    if data.len() < 6 {
        return;
    }
    let (pos, rest) = data.split_at(6);
    argolint::lsp::transport::check_frames(rest);
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let uri: Uri = "file:///fuzz.yaml".parse().unwrap();
    let lines = Lines::new(text);
    let report = lint_source("fuzz.yaml", text, &Settings::default());
    for enc in [Encoding::Utf8, Encoding::Utf16] {
        let doc = Doc {
            uri: &uri,
            text,
            lines: &lines,
            enc,
        };
        diagnostics(&doc, &report);
        for p in pos.chunks(2) {
            let at = Position::new(u32::from(p[0] % 64), u32::from(p[1]));
            hover(&doc, at, ArgoVersion::LATEST);
            // Names and variables first, keys and values through it.
            argolint::lsp::complete::completion(&doc, at, ArgoVersion::LATEST, std::iter::empty());
            let range = Range::new(Position::new(0, 0), at);
            code_actions(&doc, &report, range, None, || None);
        }
        let file = nav::NavFile::new(uri.clone(), nav::parse("fuzz.yaml", text));
        nav::document_symbols(&file, enc);
        let world = nav::World::new(enc, file);
        world.workspace_symbols("a");
        for p in pos.chunks(2) {
            let at = Position::new(u32::from(p[0] % 64), u32::from(p[1]));
            world.definition(at);
            world.references(at, true);
            world.highlights(at);
            world.hover(at);
            let _ = world.prepare_rename(at);
            let _ = world.rename(at, "renamed");
        }
    }
}
