//! `invalid-template-call`: a step or task that calls no template, or two at once; a
//! `templateRef` missing `name` or `template`; inline templates beside a
//! `workflowTemplateRef`.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

use super::{calls, key_span, noun};

pub static META: RuleMeta = RuleMeta {
    code: "AL307",
    name: "invalid-template-call",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A step or task sets both `template` and `templateRef`, or neither; a `templateRef` lacks `name` or `template`; `templates` beside a `workflowTemplateRef`.",
    docs: r#"
## What it does
Checks the shape of each call:

- a step or DAG task sets exactly one of `template`, `templateRef` and `inline`;
- a `templateRef` has both `name` (the WorkflowTemplate) and `template` (the template in it);
- a Workflow or CronWorkflow with `spec.workflowTemplateRef` defines no `templates` of its
  own (Argo: "Templates is invalid field in spec if workflow referred WorkflowTemplate
  reference").

## Why is this bad
Argo rejects the workflow: "template name cannot be specified with templateRef",
"resource name is required", "template name is required", "failed to get a template".

## Example
```yaml
- - name: build
    template: build
    templateRef:
      name: ci-templates
      template: build
```

## How to fix
Keep one of `template` (a template of this workflow), `templateRef` (one of a
WorkflowTemplate) or `inline`; give a `templateRef` both names.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    if spec.get("workflowTemplateRef").is_some()
        && let Some(e) = spec.node.entry("templates")
        && e.value.as_seq().is_some_and(|s| !s.is_empty())
    {
        cx.report(
            cx.diag(e.key.span,
                "`templates` cannot be set in a workflow that uses `workflowTemplateRef`",
            )
            .with_label(
                key_span(spec.node, "workflowTemplateRef").unwrap_or(spec.node.span),
                "the templates come from here",
            )
            .with_help("move these templates into the referenced WorkflowTemplate, or drop `workflowTemplateRef`"),
        );
    }
    for (t, step) in calls(spec) {
        let n = step.node;
        let who = noun(&step, &t);
        let has_t = n.get("template").is_some();
        let tref = n.get("templateRef");
        let inline = n.get("inline").is_some();
        if has_t && tref.is_some() {
            cx.report(
                cx.diag(key_span(n, "templateRef").unwrap_or(n.span),
                    format!("{who} sets both `template` and `templateRef`"),
                )
                .with_label(key_span(n, "template").unwrap_or(n.span), "`template` is set here")
                .with_help("keep one: `template` names a template of this workflow, `templateRef` one of a WorkflowTemplate"),
            );
        } else if !has_t && tref.is_none() && !inline {
            let at = n.get("name").map_or(n.span, |v| v.span);
            cx.report(
                cx.diag(at, format!("{who} calls no template"))
                    .with_help("add `template: <name>` (or `templateRef`, or `inline`)"),
            );
        }
        if let Some(r) = tref {
            let at = key_span(n, "templateRef").unwrap_or(r.span);
            check_ref(cx, r, &who, at);
        }
    }
}

fn check_ref(cx: &mut Context<'_>, r: &Node, who: &str, at: crate::source::Span) {
    if r.as_map().is_none() {
        return;
    }
    for (key, what) in [
        ("name", "the WorkflowTemplate's `name`"),
        ("template", "the `template` to call in it"),
    ] {
        let missing = r
            .get(key)
            .and_then(Node::as_str)
            .is_none_or(|s| s.trim().is_empty());
        if missing {
            let span = key_span(r, key).unwrap_or(at);
            cx.report(
                cx.diag(span, format!("the `templateRef` of {who} has no `{key}`"))
                    .with_help(format!("set {what}")),
            );
        }
    }
}
