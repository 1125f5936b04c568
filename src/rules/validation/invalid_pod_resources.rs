//! `invalid-pod-resources`: pod-level resources Kubernetes does not support.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

use super::key_span;

pub static META: RuleMeta = RuleMeta {
    code: "AL326",
    name: "invalid-pod-resources",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "`podResources` (workflow or template) names a resource other than cpu, memory and hugepages-*, or sets `claims`.",
    docs: r#"
## What it does
Checks `spec.podResources` and each template's `podResources`: only `cpu`, `memory` and
`hugepages-*` may appear under `requests` and `limits`, and `claims` is not supported at
pod level.

## Why is this bad
Argo rejects the workflow ("is not a valid pod-level resource"). Extended resources such
as GPUs must be requested per container.

## Example
```yaml
podResources:
  limits:
    nvidia.com/gpu: "1"
```

## How to fix
Move the extended resource to the container's `resources`.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let mut all = vec![("the workflow".to_string(), spec.get("podResources"))];
    for t in spec.templates() {
        all.push((
            format!("template `{}`", t.name().unwrap_or("?")),
            t.get("podResources"),
        ));
    }
    for (who, pr) in all {
        let Some(pr) = pr else { continue };
        if let Some(s) = key_span(pr, "claims") {
            cx.report(
                cx.diag(
                    s,
                    format!("`podResources.claims` of {who} is not supported at pod level"),
                )
                .with_help("request claims per container"),
            );
        }
        for list in ["requests", "limits"] {
            for e in pr.get(list).and_then(Node::as_map).unwrap_or(&[]) {
                let Some(k) = e.key_str() else { continue };
                if k == "cpu" || k == "memory" || k.starts_with("hugepages-") {
                    continue;
                }
                cx.report(
                    cx.diag(e.key.span, format!("`{k}` is not a pod-level resource (in `podResources.{list}` of {who}); only cpu, memory and hugepages-* are"))
                        .with_help("request it in the container's `resources`"),
                );
            }
        }
    }
}
