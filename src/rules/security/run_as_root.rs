//! `run-as-root`: pods with no `runAsNonRoot: true` (or non-zero `runAsUser`).

use crate::diagnostic::Severity;
use crate::model::{Template, TemplateType};
use crate::rules::helpers::{is_true, templated};
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

pub static META: RuleMeta = RuleMeta {
    code: "AL702",
    name: "run-as-root",
    category: Category::Security,
    severity: Severity::Info,
    fields: &[
        "SecurityContext.runAsNonRoot",
        "SecurityContext.runAsUser",
        "PodSecurityContext.runAsNonRoot",
        "PodSecurityContext.runAsUser",
    ],
    summary: "A template's containers may run as root: no `runAsNonRoot: true` or non-zero `runAsUser` at pod or container level.",
    docs: r#"
## What it does
For each template that runs containers (`container`, `script`, `containerSet`), looks for
`runAsNonRoot: true` or a non-zero `runAsUser` in the pod's security context (the
template's `securityContext`, `spec.templateDefaults.securityContext`, or the workflow's
`spec.securityContext`) or in every container's `securityContext`. A `podSpecPatch` that
mentions either field counts as setting it. A container that sets `runAsUser: 0` or
`runAsNonRoot: false` itself runs as root whatever the pod says.

## Why is this bad
Most images run as root unless told otherwise. Root in a container is root on the node's
kernel, behind only the container's namespaces and capabilities: a kernel or runtime bug,
a writable host mount or a leaked socket turns a compromised step into a compromised node.
Clusters that enforce the "restricted" Pod Security Standard refuse such pods outright.

## Example
```yaml
- name: build
  container:
    image: node:20.15-alpine
    command: [npm, ci]
```

## How to fix
Run as an unprivileged user, workflow-wide or per template (the image must work as that
user):

```yaml
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000
```
"#,
};

/// What a security context says: `Some(true)` non-root, `Some(false)` root, `None` nothing
/// (or unknown).
fn says(sc: Option<&Node>) -> Option<bool> {
    let sc = sc?;
    let user = sc.get("runAsUser").and_then(Node::as_str).map(str::trim);
    let non_root = sc.get("runAsNonRoot");
    if user.is_some_and(templated) || non_root.and_then(Node::as_str).is_some_and(templated) {
        return Some(true); // decided at run time: give it the benefit of the doubt
    }
    match user {
        Some("0") => return Some(false),
        Some(u) if u.parse::<u64>().is_ok_and(|u| u > 0) => return Some(true),
        _ => {}
    }
    match non_root {
        Some(n) if is_true(Some(n)) => Some(true),
        Some(n) if n.as_str().is_some_and(|s| s.eq_ignore_ascii_case("false")) => Some(false),
        _ => None,
    }
}

fn mentions(patch: Option<&Node>) -> bool {
    patch
        .and_then(Node::as_str)
        .is_some_and(|p| p.contains("runAsNonRoot") || p.contains("runAsUser"))
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let defaults = spec.template_defaults();
    if mentions(spec.pod_spec_patch()) || mentions(defaults.and_then(|d| d.pod_spec_patch())) {
        return;
    }
    let default_main_sc = |field: &str| {
        defaults
            .and_then(|d| d.get(field))
            .and_then(|c| c.get("securityContext"))
    };
    for t in spec.templates() {
        if !matches!(
            t.template_type(),
            Some(TemplateType::Container | TemplateType::Script | TemplateType::ContainerSet)
        ) || mentions(t.pod_spec_patch())
        {
            continue;
        }
        let pod = [
            t.get("securityContext"),
            defaults.and_then(|d: Template<'_>| d.get("securityContext")),
            spec.get("securityContext"),
        ]
        .into_iter()
        .flatten()
        .next();
        let pod_says = says(pod);
        let containers = t.containers();
        let mut root_container = None;
        let mut all_non_root = !containers.is_empty();
        for c in &containers {
            let sc = c.node.get("securityContext").or_else(|| {
                (c.role == crate::model::ContainerRole::Main)
                    .then(|| default_main_sc(c.field))
                    .flatten()
            });
            match says(sc) {
                Some(false) => {
                    root_container.get_or_insert(*c);
                    all_non_root = false;
                }
                Some(true) => {}
                None => all_non_root = false,
            }
        }
        let name = t.name().unwrap_or("(unnamed)");
        if let Some(c) = root_container {
            cx.report(
                cx.diag(
                    c.node
                        .get("securityContext")
                        .map_or(c.anchor_span(), |s| s.span),
                    format!(
                        "{} sets itself to run as root (`runAsUser: 0` or `runAsNonRoot: false`)",
                        crate::rules::resources::describe(&t, &c)
                    ),
                )
                .with_help(
                    "run as an unprivileged user: `runAsNonRoot: true` with a non-zero `runAsUser`",
                ),
            );
            continue;
        }
        if pod_says == Some(true) || all_non_root {
            continue;
        }
        cx.report(
            cx.diag(t.name_span(),
                format!("template `{name}` sets no `runAsNonRoot: true` (or non-zero `runAsUser`) for its pod or containers: most images then run as root, one kernel or runtime bug away from root on the node"),
            )
            .with_help("set `securityContext: {runAsNonRoot: true, runAsUser: 1000}` on the template, or once for all in `spec.securityContext`"),
        );
    }
}
