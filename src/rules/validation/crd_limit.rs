//! `crd-limit`: counts and values the Argo v4 CustomResourceDefinitions reject, which only
//! the Kubernetes API server checks.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

use super::{calls, key_span};

pub static META: RuleMeta = RuleMeta {
    code: "AL331",
    name: "crd-limit",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "More than 200 templates or DAG tasks, more than 500 parameters, an empty `enum`, or a DAG task with both `depends` and `dependencies`: rejected by the v4 CRDs.",
    docs: r#"
## What it does
Checks the limits Argo 4's CustomResourceDefinitions add (enforced by the Kubernetes API
server, not by `argo lint`): at most 200 templates, at most 200 tasks in a DAG, at most
500 parameters in one list, at least one value in an input parameter's `enum`, and no DAG
task with both `depends` and `dependencies`. With `--argo-version` below 4.0 these are
warnings.

## Why is this bad
`kubectl apply` (or `argo submit`) fails with a validation error from the API server; in
GitOps set-ups the sync fails, far from the author.

## Example
```yaml
inputs:
  parameters:
    - name: env
      enum: []
```

## How to fix
Split very large workflows into WorkflowTemplates; list `enum` values or drop `enum`.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let sev = if cx.settings.full_crds() {
        Severity::Error
    } else {
        Severity::Warning
    };
    let report = |cx: &mut Context<'_>, d: Diagnostic| cx.report(d.with_severity(sev));
    let n = spec.node.seq("templates").len();
    if n > 200 {
        report(
            cx,
            cx.diag(
                key_span(spec.node, "templates").unwrap_or(spec.node.span),
                format!("{n} templates; a workflow may have at most 200"),
            )
            .with_help("move templates into WorkflowTemplates and use `templateRef`"),
        );
    }
    let mut lists: Vec<(&Node, &str)> = Vec::new();
    if let Some(a) = spec.get("arguments") {
        lists.push((a, "arguments"));
    }
    for t in spec.templates() {
        let tasks = t.get("dag").map_or(0, |d| d.seq("tasks").len());
        if tasks > 200 {
            let at = t
                .get("dag")
                .and_then(|d| key_span(d, "tasks"))
                .unwrap_or(t.node.span);
            report(
                cx,
                cx.diag(
                    at,
                    format!(
                        "DAG template `{}` has {tasks} tasks; the limit is 200",
                        t.name().unwrap_or("?")
                    ),
                )
                .with_help("split the DAG into nested DAG templates"),
            );
        }
        for key in ["inputs", "outputs"] {
            if let Some(io) = t.get(key) {
                lists.push((io, key));
            }
        }
        for p in t.get("inputs").map(|i| i.seq("parameters")).unwrap_or(&[]) {
            if let Some(e) = p.entry("enum")
                && e.value.as_seq().is_some_and(<[Node]>::is_empty)
            {
                report(
                    cx,
                    cx.diag(
                        e.key.span,
                        format!(
                            "the `enum` of input `{}` is empty",
                            p.get("name").and_then(Node::as_str).unwrap_or("?")
                        ),
                    )
                    .with_help("list the allowed values, or remove `enum`"),
                );
            }
        }
    }
    for (_, step) in calls(spec) {
        if let Some(a) = step.get("arguments") {
            lists.push((a, "arguments"));
        }
        if let (Some(a), Some(b)) = (
            key_span(step.node, "depends"),
            key_span(step.node, "dependencies"),
        ) {
            report(
                cx,
                cx.diag(
                    b,
                    format!(
                        "task `{}` sets both `depends` and `dependencies`",
                        step.name().unwrap_or("?")
                    ),
                )
                .with_label(a, "`depends` is set here")
                .with_help("keep `depends`"),
            );
        }
    }
    for (node, key) in lists {
        let count = node.seq("parameters").len();
        if count > 500 {
            report(
                cx,
                cx.diag(
                    key_span(node, "parameters").unwrap_or(node.span),
                    format!("{count} parameters in `{key}`; the limit is 500"),
                )
                .with_help("pass a JSON document in one parameter, or an artifact"),
            );
        }
    }
}
