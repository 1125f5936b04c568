//! `name-too-long`: a workflow's `metadata.name` longer than Argo allows.

use crate::diagnostic::Severity;
use crate::model::Kind;
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL321",
    name: "name-too-long",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "`metadata.name` is longer than 63 characters (52 for a CronWorkflow).",
    docs: r#"
## What it does
Checks the length of `metadata.name`: at most 63 characters for Workflows,
WorkflowTemplates and ClusterWorkflowTemplates, 52 for CronWorkflows (Argo appends
`-<timestamp>` to name the workflows a CronWorkflow creates).

## Why is this bad
Argo rejects the object ("must not be more than 63 characters long"); names become pod
labels, which Kubernetes limits to 63 characters.

## Example
```yaml
kind: CronWorkflow
metadata:
  name: nightly-reconciliation-of-every-customer-account-balance
```

## How to fix
Shorten the name.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(n) = cx.manifest.metadata().and_then(|m| m.get("name")) else {
        return;
    };
    let Some(name) = n.as_str() else { return };
    let limit = if cx.manifest.kind == Kind::CronWorkflow {
        52
    } else {
        63
    };
    let len = name.chars().count();
    if len > limit {
        let why = if cx.manifest.kind == Kind::CronWorkflow {
            " (Argo appends a timestamp to name each run)"
        } else {
            ""
        };
        cx.report(
            cx.diag(
                n.span,
                format!(
                    "{} name is {len} characters long; the limit is {limit}{why}",
                    cx.manifest.kind
                ),
            )
            .with_help(format!("shorten it by {} characters", len - limit)),
        );
    }
}
