//! `privilege-escalation`: `allowPrivilegeEscalation: true`.

use crate::diagnostic::Severity;
use crate::rules::helpers::is_true;
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL704",
    name: "privilege-escalation",
    category: Category::Security,
    severity: Severity::Warning,
    fields: &["SecurityContext.allowPrivilegeEscalation"],
    summary: "A container sets `allowPrivilegeEscalation: true`: its processes can gain more privileges than they started with.",
    docs: r#"
## What it does
Flags `securityContext.allowPrivilegeEscalation: true` on any container a template runs
(and in `spec.templateDefaults`).

## Why is this bad
The setting controls Linux's `no_new_privs` flag. With escalation allowed, a process in the
container can gain privileges through setuid binaries (`sudo`, `su`, a planted binary) or
file capabilities, so a process that starts as an unprivileged user can become root in the
container, and from there use any kernel or runtime weakness against the node. Pod
security standards ("restricted") require it to be `false`.

## Example
```yaml
container:
  image: my-tool:2.1
  securityContext:
    allowPrivilegeEscalation: true
```

## How to fix
Set it to `false` (and run as a non-root user):

```yaml
  securityContext:
    allowPrivilegeEscalation: false
    runAsNonRoot: true
```
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    for (whose, c) in super::all_containers(cx) {
        let Some(node) = c
            .node
            .get_path(&["securityContext", "allowPrivilegeEscalation"])
        else {
            continue;
        };
        if !is_true(Some(node)) {
            continue;
        }
        cx.report(
            cx.diag(node.span,
                format!("{whose} allows privilege escalation: a process in it can become root through setuid binaries or file capabilities"),
            )
            .with_help("set `allowPrivilegeEscalation: false`"),
        );
    }
}
