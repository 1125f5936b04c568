//! `invalid-copied-metadata`: labels and annotations that Argo copies onto the workflow or
//! onto pods, and that Kubernetes rejects there.

use crate::diagnostic::Severity;
use crate::model::Kind;
use crate::rules::{Category, Context, RuleMeta};

use super::invalid_metadata::labels_and_annotations;

pub static META: RuleMeta = RuleMeta {
    code: "AL335",
    name: "invalid-copied-metadata",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[
        "WorkflowSpec.workflowMetadata",
        "WorkflowSpec.podMetadata",
        "Template.metadata",
        "CronWorkflowSpec.workflowMetadata",
    ],
    summary: "A label or annotation that Argo copies onto the workflow or its pods breaks Kubernetes' rules, so the workflow or the pod is refused at run time.",
    docs: r#"
## What it does
Applies Kubernetes' rules for label keys and values and annotation keys (those of
`invalid-metadata`) to the metadata Argo copies onto other objects:

- `spec.workflowMetadata` (`labels`, the keys of `labelsFrom`, `annotations`): put on the
  Workflow when it starts;
- a CronWorkflow's `spec.workflowMetadata`: put on every workflow it creates;
- `spec.podMetadata`, `spec.templateDefaults.metadata` and the `metadata` of each template
  that runs a pod: put on the pods.

Keys and values with `{{…}}` are left alone: Argo substitutes them first.

Kubernetes' rules: `ValidateLabels` (`IsQualifiedName` for keys, `IsValidLabelValue` for
values) and `ValidateAnnotations` (`IsQualifiedName` on the lowercased key, at most
256 KiB in all), which the API server applies to every object, pods and workflows alike.

## Why is this bad
The API server accepts the manifest (nothing checks these maps there), and the run fails
later: Kubernetes refuses to create the pod ("metadata.labels: Invalid value: …"), and the
step fails with that message in the node status; or the controller cannot store the
labels on the Workflow, or create the CronWorkflow's workflows.

## Example
```yaml
spec:
  podMetadata:
    labels:
      cost center: analytics
```

## How to fix
Write label keys as an optional `prefix/` and a name of letters, digits, `-`, `_` and `.`
(`cost-center`), and label values of at most 63 such characters.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    if cx.manifest.kind == Kind::CronWorkflow
        && let Some(n) = cx.manifest.spec().and_then(|s| s.get("workflowMetadata"))
    {
        labels_and_annotations(cx, n, "the workflows it creates");
    }
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    if let Some(n) = spec.get("workflowMetadata") {
        labels_and_annotations(cx, n, "the Workflow (`workflowMetadata`)");
    }
    if let Some(n) = spec.get("podMetadata") {
        labels_and_annotations(cx, n, "every pod of the workflow (`podMetadata`)");
    }
    if let Some(n) = spec.template_defaults().and_then(|t| t.get("metadata")) {
        labels_and_annotations(cx, n, "every pod of the workflow (`templateDefaults`)");
    }
    // Only a template that runs a pod uses its `metadata`.
    for t in spec.templates().filter(|t| t.runs_pod()) {
        if let Some(n) = t.get("metadata") {
            let whose = format!("the pods of template `{}`", t.name().unwrap_or("?"));
            labels_and_annotations(cx, n, &whose);
        }
    }
}
