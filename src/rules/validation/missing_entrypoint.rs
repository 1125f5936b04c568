//! `missing-entrypoint`: a Workflow or CronWorkflow that does not say which template to run.

use crate::diagnostic::Severity;
use crate::model::Kind;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;
use crate::workspace::{Resolution, TemplateRef};

pub static META: RuleMeta = RuleMeta {
    code: "AL302",
    name: "missing-entrypoint",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A Workflow or CronWorkflow has no `entrypoint` (and none from a `workflowTemplateRef`).",
    docs: r#"
## What it does
Reports a Workflow or CronWorkflow whose spec sets no `entrypoint`, unless a
`workflowTemplateRef` supplies one: a referenced template among the linted files must set
`entrypoint` itself; one outside them is given the benefit of the doubt.
WorkflowTemplates and ClusterWorkflowTemplates may leave it out (the workflow that uses
them chooses).

## Why is this bad
Argo rejects the workflow: "spec.entrypoint is required". For a CronWorkflow that happens
only when the schedule fires, every time.

## Example
```yaml
kind: Workflow
spec:
  templates:
    - name: main
      container: {image: alpine:3.20}
```

## How to fix
Set `spec.entrypoint` to the template to run first (`argo submit --entrypoint` overrides it).
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    if !matches!(cx.manifest.kind, Kind::Workflow | Kind::CronWorkflow) {
        return;
    }
    let Some(spec) = cx.workflow_spec() else {
        // A CronWorkflow whose `workflowSpec` is missing or empty runs nothing.
        let root = cx.manifest.root;
        let at = root
            .get("spec")
            .and_then(|s| s.entry("workflowSpec"))
            .or_else(|| root.entry("spec"))
            .map(|e| e.key.span);
        if cx.manifest.kind == Kind::CronWorkflow
            && let Some(at) = at
        {
            cx.report(
                cx.diag(at, "the CronWorkflow has no `workflowSpec` to run: it has no `entrypoint`")
                    .with_help("give `workflowSpec` an `entrypoint` and its `templates`, or a `workflowTemplateRef`"),
            );
        }
        return;
    };
    if spec.get("entrypoint").and_then(Node::as_str).is_some() {
        return;
    }
    let mut help = "set `entrypoint` to the template to run first".to_string();
    if let Some(r) = spec.get("workflowTemplateRef") {
        match cx.workspace.resolve_ref(&TemplateRef::of(r), &cx.manifest) {
            Resolution::Found(def) => {
                let has = def
                    .manifest
                    .workflow_spec()
                    .and_then(|s| s.get("entrypoint"))
                    .is_some();
                if has {
                    return;
                }
                help = format!(
                    "{} ({}) sets no `entrypoint` either; set one here or there",
                    def.describe(),
                    def.location()
                );
            }
            _ => return,
        }
    }
    // Point at the `spec:` (or `workflowSpec:`) key.
    let span = match cx.manifest.kind {
        Kind::CronWorkflow => cx
            .manifest
            .spec()
            .and_then(|s| s.entry("workflowSpec"))
            .map(|e| e.key.span),
        _ => cx.manifest.root.entry("spec").map(|e| e.key.span),
    }
    .unwrap_or(spec.node.span);
    cx.report(
        cx.diag(span, format!("{} has no `entrypoint`", cx.manifest.kind))
            .with_help(help),
    );
}
