//! `missing-memory-limit`: containers without a memory limit.

use crate::diagnostic::Severity;
use crate::model::resources::{Section, container_has};
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL602",
    name: "missing-memory-limit",
    category: Category::Resources,
    severity: Severity::Warning,
    fields: &["Container.resources", "ResourceRequirements.limits"],
    summary: "A container runs without a memory limit.",
    docs: r#"
## What it does
Checks every container a template runs (`container`, `script`, `containerSet` containers,
`initContainers`, `sidecars`) for `resources.limits.memory`, counting a limit set through
`spec.templateDefaults`, a `podSpecPatch`, or pod-level `podResources` (Argo v4.1 and later).

## Why is this bad
Without a limit, a container that leaks or loads too much data grows until the node runs out
of memory. The kernel then kills processes on that node, often not the culprit: other
workflows' steps die with exit code 137 and the node may be marked unhealthy. With a limit,
only the offending container is OOM-killed, and its step shows why.

## Example
```yaml
- name: load
  script:
    image: python:3.12
    resources:
      requests: {cpu: 500m, memory: 1Gi}
    source: |
      import pandas as pd; pd.read_csv("big.csv")
```

## How to fix
Add `resources.limits.memory`, usually equal to the memory request so the pod's usage is
predictable:

```yaml
    resources:
      requests: {cpu: 500m, memory: 1Gi}
      limits: {memory: 1Gi}
```
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let spec = cx.workflow_spec();
    let version = cx.settings.argo_version;
    for (t, c) in super::containers(cx) {
        if container_has(spec.as_ref(), &t, &c, Section::Limits, "memory", version) {
            continue;
        }
        let span = c
            .node
            .entry("resources")
            .map_or(c.anchor_span(), |e| e.key.span);
        let request = c
            .resources()
            .and_then(|r| r.get_path(&["requests", "memory"]))
            .and_then(|m| m.as_str());
        let help = match request {
            Some(req) => format!("add `resources.limits.memory: {req}` (equal to the request) so only this container is OOM-killed when it overgrows"),
            None => "add `resources.limits.memory` so only this container is OOM-killed (exit 137) when it overgrows, not its neighbours".to_string(),
        };
        cx.report(
            cx.diag(
                span,
                format!("{} has no memory limit", super::describe(&t, &c)),
            )
            .with_help(help),
        );
    }
}
