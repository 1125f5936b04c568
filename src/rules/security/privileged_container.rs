//! `privileged-container`: `securityContext.privileged: true`.

use crate::diagnostic::Severity;
use crate::rules::helpers::is_true;
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL703",
    name: "privileged-container",
    category: Category::Security,
    severity: Severity::Warning,
    fields: &["SecurityContext.privileged"],
    summary: "A container runs privileged: it has full access to the node it runs on.",
    docs: r#"
## What it does
Flags `securityContext.privileged: true` on any container a template runs (main,
containerSet, init and sidecar containers, and `spec.templateDefaults`).

## Why is this bad
A privileged container runs with every Linux capability, no seccomp or AppArmor
confinement, and access to all of the host's devices. Root in it is root on the node: it
can mount the host's disks, load kernel modules, read other pods' secrets and take over
the node's kubelet credentials. A workflow step usually runs third-party code (build
tools, package installs, user scripts), so one compromised dependency owns the node.

## Example
```yaml
sidecars:
  - name: dind
    image: docker:27.1-dind
    securityContext:
      privileged: true
```

## How to fix
Drop `privileged` and grant only what the step needs. For image builds, use a rootless
builder (BuildKit rootless, kaniko, buildah) instead of Docker-in-Docker:

```yaml
container:
  image: moby/buildkit:v0.15.1-rootless
  securityContext:
    seccompProfile: {type: Unconfined}
    runAsUser: 1000
```
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    for (whose, c) in super::all_containers(cx) {
        let Some(node) = c.node.get_path(&["securityContext", "privileged"]) else {
            continue;
        };
        if !is_true(Some(node)) {
            continue;
        }
        cx.report(
            cx.diag(node.span,
                format!("{whose} runs privileged: it gets every capability and the host's devices, so a compromise of the step is a compromise of the node"),
            )
            .with_help("remove `privileged: true`; add only the capabilities the step needs, or use a rootless tool (e.g. BuildKit rootless instead of Docker-in-Docker)"),
        );
    }
}
