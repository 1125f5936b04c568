//! Semantic validation (AL3xx): what Argo's own validator (`argo lint --offline`) rejects,
//! each problem at its exact span, and references resolved across files. The catalog ids
//! each rule covers are listed in `docs/validation-checks.md`.

pub mod callee;
pub mod scope;

pub mod crd_limit;
pub mod dag_cycle;
pub mod duplicate_name;
pub mod invalid_argument;
pub mod invalid_artifact;
pub mod invalid_container_set;
pub mod invalid_copied_metadata;
pub mod invalid_cron_workflow;
pub mod invalid_dag_dependency;
pub mod invalid_executor_plugin;
pub mod invalid_hook;
pub mod invalid_loop;
pub mod invalid_metadata;
pub mod invalid_metric;
pub mod invalid_name;
pub mod invalid_output_parameter;
pub mod invalid_pod;
pub mod invalid_pod_gc;
pub mod invalid_pod_resources;
pub mod invalid_resource_template;
pub mod invalid_template_call;
pub mod invalid_template_type;
pub mod misplaced_template_field;
pub mod missing_dag_dependency;
pub mod missing_entrypoint;
pub mod missing_image;
pub mod missing_required_input;
pub mod name_too_long;
pub mod steps_not_nested;
pub mod unclosed_template_tag;
pub mod undefined_template;
pub mod undefined_variable;
pub mod unknown_argument;
pub mod unresolved_template_ref;

use crate::diagnostic::{Edit, Fix};
use crate::model::expr::Tag;
use crate::rules::Context;
use crate::source::{Node, NodeKind, SourceFile, Span};

/// The span of `tag` (offsets into `node`'s string value) in the file: exact when the tag's
/// text appears as written in the source, else the whole value.
pub fn tag_span(file: &SourceFile, node: &Node, value: &str, tag: &Tag<'_>) -> Span {
    sub_span(file, node, value, tag.start, tag.end)
}

/// The span of `value[start..end]` (a scalar's value) in the file: exact when that text
/// is written as it reads, else the whole value.
pub fn sub_span(file: &SourceFile, node: &Node, value: &str, start: usize, end: usize) -> Span {
    crate::source::value_subspan(file, node.span, value, start, end).unwrap_or(node.span)
}

/// The tasks a DAG task depends on, each with the span where it is named.
pub fn task_deps<'a>(file: &SourceFile, task: &'a Node) -> Vec<(&'a str, Span)> {
    let mut out: Vec<(&'a str, Span)> = task
        .seq("dependencies")
        .iter()
        .filter_map(|d| Some((d.as_str()?, d.span)))
        .collect();
    if let Some(dn) = task.get("depends")
        && let Some(expr) = dn.as_str()
        && let Ok(ops) = crate::model::expr::parse_depends(expr)
    {
        for o in ops {
            out.push((
                o.task,
                sub_span(file, dn, expr, o.task_range.0, o.task_range.1),
            ));
        }
    }
    out
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

/// An unsafe fix (a different name may change what runs) replacing the name written at
/// `span` by `to`: `span` must hold `from` exactly as written, or a quoted scalar holding
/// just `from`. `None` where the text there is something else (escapes, folding), or where
/// `to` holds characters that would need quoting or reads as a YAML 1.1 non-string.
pub fn rename_fix(file: &SourceFile, span: Span, from: &str, to: &str) -> Option<Fix> {
    let name_like = !to.is_empty()
        && to.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/' | b'[' | b']')
        })
        && !to.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-')
        && !matches!(
            to.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        );
    if !name_like {
        return None;
    }
    let written = file.text.get(span.range())?;
    let span = if written == from {
        span
    } else if written.len() == from.len() + 2
        && (written.starts_with('"') && written.ends_with('"')
            || written.starts_with('\'') && written.ends_with('\''))
        && &written[1..written.len() - 1] == from
    {
        Span::new(span.start as usize + 1, span.end as usize - 1)
    } else {
        return None;
    };
    Some(Fix::unsafe_(
        format!("replace `{from}` with `{to}`"),
        vec![Edit::replace(span, to)],
    ))
}

/// An unsafe fix replacing the scalar `node` (a name or value, `from`) by `to`, quoted as
/// needed.
pub fn replace_fix(node: &Node, from: &str, to: &str) -> Fix {
    Fix::unsafe_(
        format!("replace `{from}` with `{to}`"),
        vec![Edit::rename_scalar(node, to)],
    )
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

/// Every step and DAG task of the document whose callee is a template argolint can see
/// (local, inline, or through a `templateRef` among the files), with the template holding it.
pub fn resolved_calls<'a>(
    cx: &Context<'a>,
) -> Vec<(
    crate::model::Template<'a>,
    crate::model::Step<'a>,
    callee::Callee<'a>,
    crate::model::Template<'a>,
)> {
    let Some(spec) = cx.workflow_spec() else {
        return Vec::new();
    };
    let templates = callee::Templates::of(Some(spec));
    let manifest = cx.manifest;
    calls(spec)
        .into_iter()
        .filter_map(|(t, step)| {
            let c = callee::resolve(step.node, &templates, &manifest, cx.workspace);
            let target = c.template()?;
            Some((t, step, c, target))
        })
        .collect()
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

/// Which naming rule a list's `name`s follow.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum NameRule {
    /// Templates, steps, tasks, containerSet containers: `^[a-zA-Z0-9][-a-zA-Z0-9]*$`, ≤ 128.
    Object,
    /// Parameters and artifacts: `^[-a-zA-Z0-9_]+$`.
    Parameter,
    /// Only required and unique (init containers, sidecars: Kubernetes checks the format).
    Any,
}

/// A list of named things whose names must be present, well-formed and unique.
pub struct NamedList<'a> {
    /// "template", "step", "input parameter", …
    pub what: &'static str,
    /// Where the list is, for messages: "template `main`", "the workflow's arguments".
    pub owner: String,
    pub items: Vec<&'a Node>,
    pub rule: NameRule,
    /// Names may hold `{{…}}` (generated step names).
    pub tags_allowed: bool,
}

/// Every named list of a spec.
pub fn named_lists<'a>(spec: crate::model::WorkflowSpec<'a>) -> Vec<NamedList<'a>> {
    let mut out = Vec::new();
    let items = |n: Option<&'a Node>, key: &str| -> Vec<&'a Node> {
        n.map(|n| n.seq(key).iter().collect()).unwrap_or_default()
    };
    out.push(NamedList {
        what: "template",
        owner: "the workflow".into(),
        items: spec.node.seq("templates").iter().collect(),
        rule: NameRule::Object,
        tags_allowed: false,
    });
    let io =
        |out: &mut Vec<NamedList<'a>>, node: Option<&'a Node>, owner: &str, which: &'static str| {
            for (key, what_p, what_a) in [
                ("inputs", "input parameter", "input artifact"),
                ("outputs", "output parameter", "output artifact"),
                ("arguments", "argument parameter", "argument artifact"),
            ] {
                if key != which {
                    continue;
                }
                let n = node.and_then(|n| n.get(key));
                out.push(NamedList {
                    what: what_p,
                    owner: owner.to_string(),
                    items: items(n, "parameters"),
                    rule: NameRule::Parameter,
                    tags_allowed: key != "inputs",
                });
                out.push(NamedList {
                    what: what_a,
                    owner: owner.to_string(),
                    items: items(n, "artifacts"),
                    rule: NameRule::Parameter,
                    tags_allowed: key != "inputs",
                });
            }
        };
    io(&mut out, Some(spec.node), "the workflow", "arguments");
    for t in spec.templates() {
        let owner = format!("template `{}`", t.name().unwrap_or("?"));
        io(&mut out, Some(t.node), &owner, "inputs");
        io(&mut out, Some(t.node), &owner, "outputs");
        let steps: Vec<crate::model::Step<'a>> = t.steps().collect();
        if !steps.is_empty() {
            out.push(NamedList {
                what: "step",
                owner: owner.clone(),
                items: steps.iter().map(|s| s.node).collect(),
                rule: NameRule::Object,
                tags_allowed: true,
            });
        }
        let tasks: Vec<crate::model::Step<'a>> = t.dag_tasks().collect();
        if !tasks.is_empty() {
            out.push(NamedList {
                what: "task",
                owner: owner.clone(),
                items: tasks.iter().map(|s| s.node).collect(),
                rule: NameRule::Object,
                tags_allowed: false,
            });
        }
        for s in steps.iter().chain(&tasks) {
            let o = format!("{} of {owner}", noun(s, &t));
            io(&mut out, Some(s.node), &o, "arguments");
        }
        if let Some(cs) = t.get("containerSet") {
            out.push(NamedList {
                what: "containerSet container",
                owner: owner.clone(),
                items: cs.seq("containers").iter().collect(),
                rule: NameRule::Object,
                tags_allowed: false,
            });
        }
        for (key, what) in [
            ("initContainers", "init container"),
            ("sidecars", "sidecar"),
        ] {
            if t.get(key).is_some() {
                out.push(NamedList {
                    what,
                    owner: owner.clone(),
                    items: items(Some(t.node), key),
                    rule: NameRule::Any,
                    tags_allowed: false,
                });
            }
        }
    }
    out
}

/// Where to point at a list item as a whole: its first key.
pub fn item_anchor(node: &Node) -> Span {
    node.as_map()
        .and_then(|m| m.first())
        .map_or(node.span, |e| e.key.span)
}
