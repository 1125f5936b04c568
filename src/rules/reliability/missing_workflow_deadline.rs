//! `missing-workflow-deadline`: a workflow without `activeDeadlineSeconds` can run forever.

use crate::diagnostic::Severity;
use crate::rules::helpers::{Lookup, is_runnable, spec_anchor, workflow_field};
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL407",
    name: "missing-workflow-deadline",
    category: Category::Reliability,
    severity: Severity::Info,
    fields: &["WorkflowSpec.activeDeadlineSeconds"],
    summary: "The workflow sets no `activeDeadlineSeconds`: a stuck step keeps it Running forever.",
    docs: r#"
## What it does
Reports a runnable workflow (a Workflow, a CronWorkflow, or a WorkflowTemplate with an
`entrypoint`) whose spec sets no `activeDeadlineSeconds`, following `workflowTemplateRef`
to the referenced template when it is among the linted files.

## Why is this bad
Nothing else bounds a workflow's total run time. A pod whose node disappeared, a container
OOM-killed (exit code 137) while the executor could not report back, a `suspend` nobody
resumes, or a step waiting on a lock or a resource that never comes, all leave the workflow
Running: it holds its semaphores and mutexes, blocks a CronWorkflow with
`concurrencyPolicy: Forbid`, and keeps its pods and status around. Users find it days later.

## Example
```yaml
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: nightly-
spec:
  entrypoint: main
  templates: [...]
```

## How to fix
Set a deadline comfortably above the longest normal run; the controller then fails the
workflow and stops its pods when it is reached:

```yaml
spec:
  activeDeadlineSeconds: 7200   # 2h
  entrypoint: main
```
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    if !is_runnable(cx) {
        return;
    }
    if !matches!(workflow_field(cx, "activeDeadlineSeconds"), Lookup::Missing) {
        return;
    }
    cx.report(
        cx.diag(spec_anchor(cx),
            "the workflow sets no `activeDeadlineSeconds`: a stuck step (a lost pod, an unanswered suspend, a lock never released) keeps it Running, holding its locks and pods, with no end",
        )
        .with_help("set `spec.activeDeadlineSeconds` comfortably above the longest normal run, e.g. `activeDeadlineSeconds: 7200` for 2h"),
    );
}
