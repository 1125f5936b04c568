//! `default-service-account`: pods run under the namespace's `default` service account.

use crate::diagnostic::Severity;
use crate::rules::helpers::{Lookup, is_runnable, spec_anchor, workflow_field};
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

pub static META: RuleMeta = RuleMeta {
    code: "AL701",
    name: "default-service-account",
    category: Category::Security,
    severity: Severity::Info,
    fields: &[
        "WorkflowSpec.serviceAccountName",
        "Template.serviceAccountName",
    ],
    summary: "The workflow's pods run under the namespace's `default` service account.",
    docs: r#"
## What it does
Reports a runnable workflow (a Workflow, a CronWorkflow, or a WorkflowTemplate with an
`entrypoint`) that sets no `spec.serviceAccountName` (or sets it to `default`), following
`workflowTemplateRef`, when some of its pod templates set none of their own.

## Why is this bad
Every pod of the workflow, including Argo's executor sidecar, then uses the namespace's
`default` service account. Either it lacks the permissions the executor needs (recent
releases create `workflowtaskresults` to report outputs, and steps fail with a
"forbidden" error), or someone granted them to `default`, and every other pod in the
namespace that never asked for them got them too. Least privilege needs one account per
workflow (or per kind of workflow), with a Role that grants exactly what it uses.

## Example
```yaml
spec:
  entrypoint: main
  templates: [...]
```

## How to fix
Create a service account with a minimal Role (for the executor: `create` and `patch` on
`workflowtaskresults`) and name it:

```yaml
spec:
  serviceAccountName: etl-runner
  entrypoint: main
```
"#,
};

fn names_default(n: &Node) -> bool {
    n.as_str().is_some_and(|s| s.trim() == "default")
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    if !is_runnable(cx) {
        return;
    }
    let (span, explicit) = match workflow_field(cx, "serviceAccountName") {
        Lookup::Unknown => return,
        Lookup::Found(n) if names_default(n) => (n.span, true),
        Lookup::Found(_) => return,
        Lookup::Missing => (spec_anchor(cx), false),
    };
    let defaults_sa = spec
        .template_defaults()
        .and_then(|d| d.get("serviceAccountName"));
    if defaults_sa.is_some_and(|n| !names_default(n)) {
        return;
    }
    let uncovered: Vec<&str> = spec
        .templates()
        .filter(crate::model::Template::runs_pod)
        .filter(|t| t.get("serviceAccountName").is_none_or(names_default))
        .map(|t| t.name().unwrap_or("(unnamed)"))
        .collect();
    if uncovered.is_empty() && spec.get("workflowTemplateRef").is_none() {
        return;
    }
    let which = if uncovered.is_empty() {
        "the workflow's pods".to_string()
    } else if uncovered.len() <= 3 {
        format!(
            "the pods of {}",
            uncovered
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        format!("the pods of {} templates", uncovered.len())
    };
    let how = if explicit {
        "`serviceAccountName: default`"
    } else {
        "no `serviceAccountName`"
    };
    cx.report(
        cx.diag(span,
            format!("with {how}, {which} run under the namespace's `default` service account: it either lacks the executor's permissions or shares them with every pod in the namespace"),
        )
        .with_help("create a dedicated service account with a minimal Role and set `spec.serviceAccountName`"),
    );
}
