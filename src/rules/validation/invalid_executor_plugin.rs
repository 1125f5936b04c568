//! `invalid-executor-plugin`: an executor plugin declared in the workflow without what
//! Argo requires of its sidecar.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

use super::item_anchor;

pub static META: RuleMeta = RuleMeta {
    code: "AL332",
    name: "invalid-executor-plugin",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "An entry of `spec.executorPlugins` lacks a name, a port, resource requests or limits, or a security context.",
    docs: r#"
## What it does
For each `spec.executorPlugins` entry: `metadata.name` is set, and the sidecar container
(`spec.sidecar.container`) declares at least one port, `resources.requests`,
`resources.limits` and a `securityContext`.

## Why is this bad
Argo rejects the workflow ("executor plugin metadata name is mandatory", "at least one
port is mandatory", …).

## Example
```yaml
executorPlugins:
  - metadata: {name: hello}
    spec:
      sidecar:
        container: {name: hello, image: hello:v1}
```

## How to fix
Add the missing fields to the plugin's sidecar container.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for p in spec.node.seq("executorPlugins") {
        if p.as_map().is_none() {
            continue;
        }
        let name_node = p.get("metadata").and_then(|m| m.get("name"));
        let name = name_node.and_then(Node::as_str).unwrap_or("?");
        let at = name_node.map_or(item_anchor(p), |n| n.span);
        if name_node.is_none() {
            cx.report(cx.diag(at, "an executor plugin has no `metadata.name`"));
        }
        let c = p.get_path(&["spec", "sidecar", "container"]);
        let missing: Vec<&str> = [
            ("ports", c.is_some_and(|c| !c.seq("ports").is_empty())),
            (
                "resources.requests",
                c.and_then(|c| c.get_path(&["resources", "requests"]))
                    .is_some(),
            ),
            (
                "resources.limits",
                c.and_then(|c| c.get_path(&["resources", "limits"]))
                    .is_some(),
            ),
            (
                "securityContext",
                c.and_then(|c| c.get("securityContext")).is_some(),
            ),
        ]
        .into_iter()
        .filter(|(_, ok)| !ok)
        .map(|(k, _)| k)
        .collect();
        if !missing.is_empty() {
            cx.report(
                cx.diag(at, format!("the sidecar container of executor plugin `{name}` lacks {}", missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")))
                    .with_help("Argo requires at least one port, resource requests and limits, and a security context"),
            );
        }
    }
}
