//! `dangerous-capability`: containers adding SYS_ADMIN, NET_RAW or ALL.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL707",
    name: "dangerous-capability",
    category: Category::Security,
    severity: Severity::Warning,
    fields: &["Capabilities.add"],
    summary: "A container adds a dangerous Linux capability: `SYS_ADMIN`, `NET_RAW` or `ALL`.",
    docs: r#"
## What it does
Checks `securityContext.capabilities.add` of every container a template runs (and in
`spec.templateDefaults`) for `SYS_ADMIN`, `NET_RAW` and `ALL` (with or without the `CAP_`
prefix, in any case).

## Why is this bad
- `SYS_ADMIN` is "the new root": mounting filesystems, namespaces, BPF and many other
  administrative operations, the usual first step of a container escape.
- `NET_RAW` lets a process craft raw packets: ARP and DNS spoofing against other pods on
  the node, and it has been the key to several container-runtime exploits.
- `ALL` grants every capability, nearly the same as `privileged`.

Workflow steps run build tools and scripts with many dependencies; whatever they run
inherits these powers.

## Example
```yaml
container:
  image: my-tool:2.1
  securityContext:
    capabilities:
      add: [SYS_ADMIN]
```

## How to fix
Remove the capability and find the narrower one the step needs (often none); drop the
rest:

```yaml
  securityContext:
    capabilities:
      drop: [ALL]
```
"#,
};

fn why(cap: &str) -> Option<&'static str> {
    let c = cap.trim().to_ascii_uppercase();
    match c.strip_prefix("CAP_").unwrap_or(&c) {
        "SYS_ADMIN" => Some(
            "near-root powers (mounts, namespaces, BPF), the usual first step of a container escape",
        ),
        "NET_RAW" => {
            Some("raw packets, enough to spoof ARP and DNS against other pods on the node")
        }
        "ALL" => Some("every capability, nearly the same as running privileged"),
        _ => None,
    }
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    for (whose, c) in super::all_containers(cx) {
        let add = c
            .node
            .get_path(&["securityContext", "capabilities"])
            .map(|caps| caps.seq("add"))
            .unwrap_or(&[]);
        for cap in add {
            let Some(name) = cap.as_str() else { continue };
            let Some(why) = why(name) else { continue };
            cx.report(
                cx.diag(cap.span,
                    format!("{whose} adds capability `{}`: {why}", name.trim()),
                )
                .with_help("remove it and add only the narrow capability the step needs, with `drop: [ALL]` for the rest"),
            );
        }
    }
}
