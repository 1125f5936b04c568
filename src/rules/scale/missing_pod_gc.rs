//! `missing-pod-gc`: a workflow that leaves its finished pods behind.

use crate::diagnostic::Severity;
use crate::model::Kind;
use crate::rules::helpers::{Lookup, is_runnable, key_span, spec_anchor, workflow_field};
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL503",
    name: "missing-pod-gc",
    category: Category::Scale,
    severity: Severity::Info,
    fields: &["WorkflowSpec.podGC"],
    summary: "The workflow sets no `podGC` strategy: its finished pods stay in the cluster until the workflow is deleted.",
    docs: r#"
## What it does
Reports a runnable Workflow or WorkflowTemplate (one with an `entrypoint`) that sets no
`podGC.strategy`, following `workflowTemplateRef`. CronWorkflows are skipped: their history
limits delete old workflows, and their pods with them. When the controller's
`workflowDefaults` already set `podGC`, turn this rule off with
`options.cleanup.controller-sets-gc-defaults: true` in `.argolint.yaml`.

## Why is this bad
By default Argo keeps every pod of a workflow, completed or failed, until the workflow
itself is deleted. Each one holds its logs on the node, an entry in etcd, and a place in
every pod list the API server serves; the controller's pod informer keeps them all in
memory. With busy pipelines that means tens of thousands of `Completed` pods, slow
`kubectl get pods`, and a controller that needs more memory and restarts slower.

## Example
```yaml
spec:
  entrypoint: main
  templates: [...]
```

## How to fix
Delete pods once they are done (keep failed ones for debugging if you like), and archive
logs if you need them later:

```yaml
spec:
  podGC:
    strategy: OnPodSuccess     # or OnWorkflowCompletion, OnPodCompletion
    deleteDelayDuration: 60s  # Argo Workflows v3.5 and later
```
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    if cx.settings.controller_sets_gc_defaults
        || cx.manifest.kind == Kind::CronWorkflow
        || !is_runnable(cx)
    {
        return;
    }
    let (span, message) = match workflow_field(cx, "podGC") {
        Lookup::Unknown => return,
        Lookup::Found(p) if p.get("strategy").is_some() => return,
        Lookup::Found(p) => (
            cx.workflow_spec()
                .and_then(|s| key_span(s.node, "podGC"))
                .unwrap_or(p.span),
            "`podGC` sets no `strategy`, so no pod is ever collected: every finished pod stays in the cluster until the workflow is deleted".to_string(),
        ),
        Lookup::Missing => (
            spec_anchor(cx),
            "the workflow sets no `podGC`: every finished pod stays in the cluster (in etcd, in the controller's memory, in every pod listing) until the workflow is deleted".to_string(),
        ),
    };
    cx.report(
        cx.diag(span, message)
            .with_help("set `spec.podGC.strategy` (e.g. `OnPodSuccess`, or `OnWorkflowCompletion`); if the controller's workflowDefaults set it, set `options.cleanup.controller-sets-gc-defaults: true` in `.argolint.yaml`"),
    );
}
