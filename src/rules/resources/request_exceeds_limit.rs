//! `request-exceeds-limit`: a resource request above its limit; Kubernetes rejects the pod.

use crate::diagnostic::Severity;
use crate::model::values::parse_quantity;
use crate::rules::helpers::templated;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

pub static META: RuleMeta = RuleMeta {
    code: "AL604",
    name: "request-exceeds-limit",
    category: Category::Resources,
    severity: Severity::Error,
    fields: &[
        "ResourceRequirements.requests",
        "ResourceRequirements.limits",
    ],
    summary: "A container requests more of a resource than its limit allows; Kubernetes rejects the pod.",
    docs: r#"
## What it does
Compares each resource's request with its limit in every container a template runs (and
in `spec.templateDefaults`, and pod-level `podResources`, Argo Workflows v4.1+), as quantities: `500m` is half a
cpu, `1Gi` (1,073,741,824 bytes) is more than `1000M` (1,000,000,000 bytes). Templated
values are skipped.

## Why is this bad
Kubernetes validates that a request never exceeds its limit and refuses to create the pod
("must be less than or equal to cpu limit"). The manifest itself is accepted, so the
failure appears only when the step runs: the node errors, retries (if any) fail the same
way, and the workflow fails at that step, possibly hours into the run.

## Example
```yaml
resources:
  requests: {cpu: "2", memory: 1Gi}
  limits: {cpu: 500m, memory: 1000M}
```

## How to fix
Make each limit at least its request (equal for memory is a good default):

```yaml
resources:
  requests: {cpu: 500m, memory: 1Gi}
  limits: {cpu: "2", memory: 1Gi}
```
"#,
};

fn quantity(node: &Node) -> Option<f64> {
    let s = node.as_str()?;
    if templated(s) {
        return None;
    }
    parse_quantity(s)
}

fn compare(cx: &mut Context<'_>, resources: &Node, whose: &str) {
    let (Some(requests), Some(limits)) = (resources.get("requests"), resources.get("limits"))
    else {
        return;
    };
    for e in requests.as_map().unwrap_or(&[]) {
        let Some(name) = e.key_str() else { continue };
        let Some(limit) = limits.get(name) else {
            continue;
        };
        let (Some(r), Some(l)) = (quantity(&e.value), quantity(limit)) else {
            continue;
        };
        if r <= l {
            continue;
        }
        let (rs, ls) = (
            e.value.as_str().unwrap_or("?").trim(),
            limit.as_str().unwrap_or("?").trim(),
        );
        cx.report(
            cx.diag(e.value.span,
                format!(
                    "{whose} requests {rs} {name} but is limited to {ls}: Kubernetes rejects the pod (\"must be less than or equal to {name} limit\") when the step starts"
                ),
            )
            .with_label(limit.span, "the limit")
            .with_help(format!("raise the {name} limit to at least {rs}, or lower the request to at most {ls}")),
        );
    }
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for (t, c) in super::containers(cx) {
        if let Some(r) = c.resources() {
            compare(cx, r, &super::describe(&t, &c));
        }
    }
    if let Some(d) = spec.template_defaults() {
        for c in d.containers() {
            if let Some(r) = c.resources() {
                compare(
                    cx,
                    r,
                    &format!("the {} in `spec.templateDefaults`", c.role.describe()),
                );
            }
        }
    }
    let mut pod_level = vec![(
        spec.pod_resources(),
        "the workflow's `podResources`".to_string(),
    )];
    for t in spec.templates() {
        pod_level.push((
            t.pod_resources(),
            format!(
                "the `podResources` of template `{}`",
                t.name().unwrap_or("(unnamed)")
            ),
        ));
    }
    for (r, whose) in pod_level {
        if let Some(r) = r {
            compare(cx, r, &whose);
        }
    }
}
