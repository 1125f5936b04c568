//! `invalid-argument`: arguments without a value or source, with a `valueFrom` arguments
//! cannot use, or outside their own `enum`.

use crate::diagnostic::Severity;
use crate::model::Kind;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

use super::callee::is_dynamic;
use super::missing_required_input::has_location;
use super::{calls, item_anchor, key_span, noun};

pub static META: RuleMeta = RuleMeta {
    code: "AL324",
    name: "invalid-argument",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "An argument parameter without `value` or `valueFrom`, with a `valueFrom` arguments cannot use, an empty `enum` or a value outside it; an argument artifact without a source, or with both `from` and `fromExpression`.",
    docs: r#"
## What it does
Checks the `arguments` of steps, DAG tasks and the workflow:

- a step's or task's argument parameter has a `value` or a `valueFrom` (a workflow's own
  `spec.arguments` may leave values to `argo submit -p`, except in a CronWorkflow, which
  nobody submits by hand);
- `valueFrom` in arguments takes only `configMapKeyRef`, `event` or `supplied`, never
  `path`, `jsonPath`, `jqFilter`, `parameter` or `expression`;
- an `enum` has at least one value, and the `value` is one of them;
- an argument artifact has `from`, a location (`s3`, `git`, `http`, …) or a `key`, and
  not both `from` and `fromExpression`.

## Why is this bad
Argo rejects the workflow ("value or valueFrom is required", "valueFrom only allows:
default, configMapKeyRef and supplied", "value should be present in enum list").

## Example
```yaml
arguments:
  parameters:
    - name: data
      valueFrom:
        parameter: "{{steps.gen.outputs.parameters.x}}"
```

## How to fix
Pass step outputs with `value: "{{steps.gen.outputs.parameters.x}}"`; `valueFrom` is for
ConfigMaps and suspend-node input.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let values_required = cx.manifest.kind == Kind::CronWorkflow;
    arguments(cx, spec.node, "the workflow", values_required);
    for (t, step) in calls(spec) {
        let who = noun(&step, &t);
        arguments(cx, step.node, &who, true);
    }
}

fn arguments(cx: &mut Context<'_>, holder: &Node, who: &str, values_required: bool) {
    let Some(args) = holder.get("arguments") else {
        return;
    };
    for p in args.seq("parameters") {
        if p.as_map().is_none() {
            continue;
        }
        let at = p.get("name").map_or(item_anchor(p), |n| n.span);
        let what = match p.get("name").and_then(Node::as_str) {
            Some(name) => format!("argument parameter `{name}` of {who}"),
            None => format!("an argument parameter without a name of {who}"),
        };
        let value = p.get("value");
        let vf = p.get("valueFrom");
        if values_required && value.is_none() && vf.is_none() {
            cx.report(
                cx.diag(at, format!("{what} has neither `value` nor `valueFrom`"))
                    .with_help("add `value:`"),
            );
        }
        if let Some(vf) = vf {
            let bad: Vec<&str> = ["path", "jsonPath", "jqFilter", "parameter", "expression"]
                .into_iter()
                .filter(|k| vf.get(k).is_some())
                .collect();
            let good = ["configMapKeyRef", "event", "supplied"]
                .iter()
                .any(|k| vf.get(k).is_some());
            if !bad.is_empty() || !good {
                let span = bad
                    .first()
                    .and_then(|k| key_span(vf, k))
                    .or_else(|| key_span(p, "valueFrom"))
                    .unwrap_or(at);
                let found = if bad.is_empty() {
                    "no source".to_string()
                } else {
                    format!("`{}`", bad.join("`, `"))
                };
                cx.report(
                    cx.diag(span, format!("`valueFrom` of {what} has {found}; arguments take only `configMapKeyRef`, `event` or `supplied`"))
                        .with_help("to pass another step's output, use `value: \"{{steps.<step>.outputs.parameters.<name>}}\"`"),
                );
            }
        }
        if let Some(e) = p.entry("enum") {
            let options: Vec<&str> = e
                .value
                .as_seq()
                .unwrap_or(&[])
                .iter()
                .filter_map(Node::as_str)
                .collect();
            if e.value.as_seq().is_some_and(|s| s.is_empty()) {
                cx.report(
                    cx.diag(e.key.span, format!("the `enum` of {what} is empty"))
                        .with_help("list the allowed values, or remove `enum`"),
                );
            } else if let Some(v) = value
                && let Some(s) = v.as_str()
                && !is_dynamic(s)
                && !options.is_empty()
                && !options.contains(&s)
            {
                cx.report(
                    cx.diag(
                        v.span,
                        format!("`{s}` is not one of the `enum` values of {what}"),
                    )
                    .with_label(e.value.span, "the allowed values")
                    .with_help(format!(
                        "use one of {}",
                        options
                            .iter()
                            .map(|o| format!("`{o}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
            }
        }
    }
    for a in args.seq("artifacts") {
        if a.as_map().is_none() {
            continue;
        }
        let at = a.get("name").map_or(item_anchor(a), |n| n.span);
        let what = match a.get("name").and_then(Node::as_str) {
            Some(name) => format!("argument artifact `{name}` of {who}"),
            None => format!("an argument artifact without a name of {who}"),
        };
        if a.get("from").is_some() && a.get("fromExpression").is_some() {
            cx.report(
                cx.diag(
                    key_span(a, "fromExpression").unwrap_or(at),
                    format!("{what} sets both `from` and `fromExpression`"),
                )
                .with_label(key_span(a, "from").unwrap_or(at), "`from` is set here")
                .with_help("keep one"),
            );
        }
        // `fromExpression` alone does not count (Argo's rule).
        let only_expression = a.get("fromExpression").is_some() && a.get("from").is_none();
        let located = (has_location(a) && !only_expression) || a.get("key").is_some();
        if !located {
            cx.report(
                cx.diag(at, format!("{what} has no `from`, location or `key`"))
                    .with_help("add `from: \"{{steps.<step>.outputs.artifacts.<name>}}\"` or a location such as `s3` or `http`"),
            );
        }
    }
}
