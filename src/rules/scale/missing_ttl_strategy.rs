//! `missing-ttl-strategy`: a workflow that is never deleted once finished.

use crate::diagnostic::Severity;
use crate::model::Kind;
use crate::rules::helpers::{Lookup, is_runnable, spec_anchor, workflow_field};
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL504",
    name: "missing-ttl-strategy",
    category: Category::Scale,
    severity: Severity::Info,
    fields: &["WorkflowSpec.ttlStrategy"],
    summary: "The workflow sets no `ttlStrategy`: finished workflows pile up in etcd until someone deletes them.",
    docs: r#"
## What it does
Reports a runnable Workflow or WorkflowTemplate (one with an `entrypoint`) that sets no
`ttlStrategy`, following `workflowTemplateRef`. CronWorkflows are skipped: their
`successfulJobsHistoryLimit` and `failedJobsHistoryLimit` already delete old runs. When the
controller's `workflowDefaults` already set a TTL, turn this rule off with
`options.cleanup.controller-sets-gc-defaults: true` in `.argolint.yaml`.

## Why is this bad
A finished Workflow object stays in the cluster forever by default, with its full status
(every node, every output parameter). Thousands of them make etcd large and slow, make the
controller's informer cache (and its start-up) heavier, and make the UI and `argo list`
slow. Their pods stay too unless `podGC` removes them.

## Example
```yaml
spec:
  entrypoint: main
  templates: [...]
```

## How to fix
Delete finished workflows after a while (archive them first with the workflow archive if
you need history):

```yaml
spec:
  ttlStrategy:
    secondsAfterSuccess: 3600     # 1h
    secondsAfterFailure: 86400    # keep failures a day for debugging
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
    if !matches!(workflow_field(cx, "ttlStrategy"), Lookup::Missing) {
        return;
    }
    cx.report(
        cx.diag(spec_anchor(cx),
            "the workflow sets no `ttlStrategy`: once finished it stays in etcd with its whole status until someone deletes it",
        )
        .with_help("set `spec.ttlStrategy` (e.g. `secondsAfterSuccess: 3600`, `secondsAfterFailure: 86400`); if the controller's workflowDefaults set it, set `options.cleanup.controller-sets-gc-defaults: true` in `.argolint.yaml`"),
    );
}
