//! Semantic validation (AL3xx): what Argo's own validator (`argo lint --offline`) rejects,
//! each problem at its exact span, and references resolved across files. The catalog ids
//! each rule covers are listed in `docs/validation-checks.md`.

pub mod callee;
pub mod scope;

pub mod invalid_template_call;
pub mod missing_entrypoint;
pub mod missing_required_input;
pub mod undefined_template;
pub mod undefined_variable;
pub mod unknown_argument;
pub mod unresolved_template_ref;

use crate::model::expr::Tag;
use crate::source::{Node, NodeKind, SourceFile, Span};

/// The span of `tag` (offsets into `node`'s string value) in the file: exact when the tag's
/// text appears as written in the source, else the whole value.
pub fn tag_span(file: &SourceFile, node: &Node, value: &str, tag: &Tag<'_>) -> Span {
    let text = &value[tag.start..tag.end];
    let raw = file.slice(node.span);
    // The how-many-th occurrence of this text the tag is, in the value and then in the raw
    // source (escapes and folding may shift offsets, but rarely inside a tag).
    let nth = value[..tag.start].matches(text).count();
    let mut from = 0;
    for i in 0..=nth {
        match raw[from..].find(text) {
            Some(rel) if i == nth => {
                let start = node.span.start as usize + from + rel;
                return Span::new(start, start + text.len());
            }
            Some(rel) => from += rel + text.len(),
            None => break,
        }
    }
    node.span
}

/// Calls `f` on every scalar string value under `node` (mapping keys excluded).
pub fn for_each_string<'a>(node: &'a Node, f: &mut impl FnMut(&'a Node, &'a str)) {
    match &node.kind {
        NodeKind::Scalar(s) => f(node, &s.value),
        NodeKind::Seq(items) => items.iter().for_each(|n| for_each_string(n, f)),
        NodeKind::Map(entries) => entries.iter().for_each(|e| for_each_string(&e.value, f)),
    }
}

/// The span of a key, when present, else `fallback`.
pub fn key_span(node: &Node, key: &str) -> Option<Span> {
    node.entry(key).map(|e| e.key.span)
}

/// The value span of `key` in `node`.
pub fn value_span(node: &Node, key: &str) -> Option<Span> {
    node.entry(key).map(|e| e.value.span)
}

/// "did you mean `x`?" or nothing.
pub fn did_you_mean(word: &str, candidates: &[&str]) -> Option<String> {
    crate::suggest::did_you_mean(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Every step and DAG task of a spec, with the template holding it.
pub fn calls<'a>(
    spec: crate::model::WorkflowSpec<'a>,
) -> Vec<(crate::model::Template<'a>, crate::model::Step<'a>)> {
    let mut out = Vec::new();
    for t in spec.templates() {
        for s in t.invocations() {
            out.push((t, s));
        }
    }
    out
}

/// "template `x`" for messages about a step or task of template `t`.
pub fn noun(step: &crate::model::Step<'_>, t: &crate::model::Template<'_>) -> String {
    let kind = if t.get("dag").is_some() {
        "task"
    } else {
        "step"
    };
    match step.name() {
        Some(n) => format!("{kind} `{n}`"),
        None => format!("a {kind} of template `{}`", t.name().unwrap_or("?")),
    }
}
