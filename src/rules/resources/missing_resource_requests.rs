//! `missing-resource-requests`: containers without cpu and memory requests.

use crate::diagnostic::Severity;
use crate::model::resources::{Section, container_has};
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL601",
    name: "missing-resource-requests",
    category: Category::Resources,
    severity: Severity::Warning,
    fields: &["Container.resources", "ResourceRequirements.requests"],
    summary: "A container runs without cpu and memory requests.",
    docs: r#"
## What it does
Checks every container a template runs (`container`, `script`, `containerSet` containers,
`initContainers`, `sidecars`) for `resources.requests.cpu` and `resources.requests.memory`.
A request counts as set when Argo fills it from `spec.templateDefaults`, from a
`podSpecPatch` (template or workflow level) that sets that container's resources, or from
pod-level `podResources` (Argo v4.1 and later), and when a limit is set (Kubernetes then
uses the limit as the request).

## Why is this bad
The scheduler places pods by their requests. A pod without them is "best effort": it is
packed onto busy nodes, is the first evicted under memory pressure, and its container is
OOM-killed (exit code 137) when the node runs short. In a pipeline this shows up as steps
that fail at random and succeed on retry.

## Example
```yaml
- name: train
  container:
    image: trainer:1.4
    command: [python, train.py]
```

## How to fix
Set requests from the usage you observe (for example from the pod's metrics):

```yaml
  container:
    image: trainer:1.4
    resources:
      requests: {cpu: "2", memory: 4Gi}
      limits: {memory: 4Gi}
```

To set them once for every template, use `spec.templateDefaults.container.resources`.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let spec = cx.workflow_spec();
    let version = cx.settings.argo_version;
    for (t, c) in super::containers(cx) {
        let missing: Vec<&str> = ["cpu", "memory"]
            .into_iter()
            .filter(|r| !container_has(spec.as_ref(), &t, &c, Section::Requests, r, version))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let span = c
            .node
            .entry("resources")
            .map_or(c.anchor_span(), |e| e.key.span);
        let what = missing.join(" and ");
        cx.report(
            cx.diag(span,
                format!("{} has no {what} request", super::describe(&t, &c)),
            )
            .with_help(format!(
                "set `resources.requests.{}` from observed usage; without requests the pod is scheduled best-effort and evicted or OOM-killed (exit 137) first",
                missing.join("` and `resources.requests.")
            )),
        );
    }
}
