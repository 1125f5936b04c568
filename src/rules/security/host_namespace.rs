//! `host-namespace`: pods sharing the node's network, PID or IPC namespace.

use crate::diagnostic::Severity;
use crate::rules::helpers::is_true;
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL705",
    name: "host-namespace",
    category: Category::Security,
    severity: Severity::Warning,
    fields: &["WorkflowSpec.hostNetwork"],
    summary: "Pods share the node's network, process or IPC namespace (`hostNetwork`, `hostPID`, `hostIPC`).",
    docs: r#"
## What it does
Flags `spec.hostNetwork: true`, and `hostNetwork`, `hostPID` or `hostIPC` set to `true` in
a `podSpecPatch` (on templates, in `spec.templateDefaults`, or workflow-wide).

## Why is this bad
- `hostNetwork` puts the pod on the node's network stack: it can reach services bound to
  the node's localhost (the kubelet's, cloud metadata endpoints), sniff the node's
  traffic, and its ports collide with other pods'; network policies no longer apply.
- `hostPID` shows every process of the node to the pod: their command lines and
  environment (secrets included), and with enough privilege, the power to signal or trace
  them.
- `hostIPC` shares the node's shared memory and semaphores with the pod.

A workflow step rarely needs any of them, and each gives a compromised step a view of
everything else on the node.

## Example
```yaml
spec:
  hostNetwork: true
  entrypoint: main
```

## How to fix
Remove the setting. To reach a service, use a Kubernetes Service; to expose a port, use a
daemon step with a Service in front of it.
"#,
};

fn why(field: &str) -> &'static str {
    match field {
        "hostNetwork" => {
            "the node's network stack: localhost services, the node's traffic, no network policy"
        }
        "hostPID" => "every process on the node, with their command lines and environment",
        _ => "the node's shared memory and semaphores",
    }
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    if let Some(n) = spec.get("hostNetwork").filter(|n| is_true(Some(n))) {
        cx.report(
            cx.diag(
                n.span,
                format!(
                    "`hostNetwork: true` gives every pod of the workflow {}",
                    why("hostNetwork")
                ),
            )
            .with_help("remove `hostNetwork`; reach services through Kubernetes Services"),
        );
    }
    for (node, patch) in super::parsed_patches(cx) {
        for field in ["hostNetwork", "hostPID", "hostIPC"] {
            if is_true(patch.get(field)) {
                cx.report(
                    cx.diag(
                        node.span,
                        format!(
                            "this `podSpecPatch` sets `{field}: true`, giving the pod {}",
                            why(field)
                        ),
                    )
                    .with_help(format!("remove `{field}` from the patch")),
                );
            }
        }
    }
}
