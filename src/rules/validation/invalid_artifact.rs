//! `invalid-artifact`: artifact paths, sources and mounts Argo rejects.

use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::model::TemplateType;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::{Node, Span};

use super::callee::is_dynamic;
use super::{item_anchor, key_span};

pub static META: RuleMeta = RuleMeta {
    code: "AL317",
    name: "invalid-artifact",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "An input or output artifact without a path (or with one where it is not allowed), escaping with `..`, colliding with a mount, with `from` on an input, or with a broken location.",
    docs: r#"
## What it does
For every template's input and output artifacts:

- templates that run something (container, script, …) give each artifact a `path`,
  without `..` climbing out of it; steps, dag and suspend templates give none;
- input artifacts do not use `from` (that belongs in a call's `arguments.artifacts`);
- in container templates, no input artifact path equals another one or a
  `volumeMounts[].mountPath`, and no two volume mounts share a `mountPath`;
- a `git` location has a `repo`; an `hdfs` location has `addresses` and an absolute
  `path` (also for `archiveLocation`);
- an artifact sets at most one location (`s3`, `git`, `http`, …), and `mode` is 0–511.

## Why is this bad
Argo rejects the workflow ("Artifact 'a' did not specify a path", "already mounted",
"from not valid in inputs"), or, for the locations, fails when the step runs.

## Example
```yaml
- name: build
  inputs:
    artifacts:
      - name: source
        git: {revision: main}
  container: {image: golang:1.23}
```

## How to fix
Give each artifact of a container a `path` of its own, away from volume mounts; pass
`from` in the calling step's arguments.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    if let Some(al) = spec.get("archiveLocation") {
        location(cx, al, "the workflow's `archiveLocation`");
    }
    for t in spec.templates() {
        let tname = t.name().unwrap_or("?");
        let ty = t.template_type();
        let leaf = ty.is_some_and(TemplateType::is_leaf);
        if let Some(al) = t.get("archiveLocation") {
            location(cx, al, &format!("`archiveLocation` of template `{tname}`"));
        }
        let mut mounts: HashMap<&str, Span> = HashMap::new();
        if ty == Some(TemplateType::Container) {
            for m in t
                .get("container")
                .map(|c| c.seq("volumeMounts"))
                .unwrap_or(&[])
            {
                let Some(p) = m.get("mountPath") else {
                    continue;
                };
                let Some(path) = p.as_str() else { continue };
                if let Some(&first) = mounts.get(path) {
                    cx.report(
                        cx.diag(
                            p.span,
                            format!("template `{tname}` mounts two volumes at `{path}`"),
                        )
                        .with_label(first, "first mounted here"),
                    );
                } else {
                    mounts.insert(path, p.span);
                }
            }
        }
        for (io, list) in [("input", "inputs"), ("output", "outputs")] {
            for a in t.get(list).map(|n| n.seq("artifacts")).unwrap_or(&[]) {
                if a.as_map().is_none() {
                    continue;
                }
                let aname = a.get("name").and_then(Node::as_str).unwrap_or("?");
                let what = format!("{io} artifact `{aname}` of template `{tname}`");
                let at = a.get("name").map_or(item_anchor(a), |n| n.span);
                location(cx, a, &what);
                if io == "input"
                    && let Some(s) = key_span(a, "from")
                {
                    cx.report(
                        cx.diag(s, format!("{what} sets `from`, which is not valid in inputs"))
                            .with_help("pass `from` in the `arguments.artifacts` of the step or task that calls this template"),
                    );
                }
                let path = a.get("path");
                match (leaf, path) {
                    (true, None)
                        if ty != Some(TemplateType::Http)
                            && ty != Some(TemplateType::Plugin)
                            && ty != Some(TemplateType::Data) =>
                    {
                        cx.report(cx.diag(at, format!("{what} has no `path`")).with_help(
                            "set `path`: where the container reads or writes the artifact",
                        ));
                    }
                    (false, Some(p)) if ty.is_some() => {
                        let tn = ty.map_or("", TemplateType::as_str);
                        cx.report(
                            cx.diag(key_span(a, "path").unwrap_or(p.span), format!("{what} sets `path`, which only container and script templates use (this is a {tn} template)"))
                                .with_help("remove `path`"),
                        );
                    }
                    _ => {}
                }
                if let Some(p) = path
                    && let Some(s) = p.as_str()
                    && !is_dynamic(s)
                {
                    if escapes(s) {
                        cx.report(
                            cx.diag(
                                p.span,
                                format!(
                                    "the `path` of {what} climbs out of its directory with `..`"
                                ),
                            )
                            .with_help("use an absolute path without `..`"),
                        );
                    }
                    if io == "input" && ty == Some(TemplateType::Container) {
                        if let Some(&first) = mounts.get(s) {
                            cx.report(
                                cx.diag(p.span, format!("{what} is placed at `{s}`, where a volume is already mounted"))
                                    .with_label(first, "the volume is mounted here"),
                            );
                        } else {
                            mounts.insert(s, p.span);
                        }
                    }
                }
                if let Some(m) = a.get("mode")
                    && let Some(i) = yaml11_int(m)
                    && !(0..=511).contains(&i)
                {
                    cx.report(
                        cx.diag(
                            m.span,
                            format!("`mode` {i} of {what} is outside 0–511 (0o777)"),
                        )
                        .with_help("write the mode in decimal, e.g. 493 for 0755"),
                    );
                }
            }
        }
    }
}

/// An integer as Kubernetes' YAML 1.1 decoder reads it (`0755` is octal).
fn yaml11_int(n: &Node) -> Option<i64> {
    let s = n
        .as_scalar()
        .filter(|s| s.is_plain())?
        .value
        .trim()
        .replace('_', "");
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b.to_string()),
        None => (false, s.trim_start_matches('+').to_string()),
    };
    let v = if let Some(o) = body.strip_prefix("0o") {
        i64::from_str_radix(o, 8).ok()?
    } else if let Some(h) = body.strip_prefix("0x") {
        i64::from_str_radix(h, 16).ok()?
    } else if body.len() > 1 && body.starts_with('0') {
        i64::from_str_radix(&body[1..], 8).ok()?
    } else {
        body.parse().ok()?
    };
    Some(if neg { -v } else { v })
}

/// Whether a path climbs above its starting point with `..`.
fn escapes(path: &str) -> bool {
    let mut depth: i32 = 0;
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            _ => depth += 1,
        }
    }
    false
}

fn location(cx: &mut Context<'_>, a: &Node, what: &str) {
    // In the order written, so the finding points at the second one.
    let set: Vec<&str> = a
        .as_map()
        .unwrap_or(&[])
        .iter()
        .filter_map(|e| e.key_str())
        .filter(|k| crate::api::artifact_locations().any(|l| l == *k))
        .collect();
    if set.len() > 1 {
        cx.report(
            cx.diag(
                key_span(a, set[1]).unwrap_or(a.span),
                format!("{what} sets several locations: {}", set.join(", ")),
            )
            .with_help("keep one location"),
        );
    }
    if let Some(git) = a.get("git")
        && git.as_map().is_some()
        && git.get("repo").is_none()
    {
        cx.report(
            cx.diag(
                key_span(a, "git").unwrap_or(a.span),
                format!("the `git` location of {what} has no `repo`"),
            )
            .with_help("set `git.repo` to the repository URL"),
        );
    }
    if let Some(h) = a.get("hdfs")
        && h.as_map().is_some()
    {
        let at = key_span(a, "hdfs").unwrap_or(a.span);
        if h.seq("addresses").is_empty() && h.get("addresses").is_none_or(|v| v.as_str().is_none())
        {
            cx.report(cx.diag(
                at,
                format!("the `hdfs` location of {what} has no `addresses`"),
            ));
        }
        match h.get("path").and_then(Node::as_str) {
            None => cx.report(cx.diag(at, format!("the `hdfs` location of {what} has no `path`"))),
            Some(p) if !p.starts_with('/') && !is_dynamic(p) => cx.report(cx.diag(
                h.get("path").map_or(at, |n| n.span),
                format!("the `hdfs` path of {what} must be absolute"),
            )),
            _ => {}
        }
    }
}
