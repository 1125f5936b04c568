//! `missing-image`: a container or script template without an image.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

pub static META: RuleMeta = RuleMeta {
    code: "AL314",
    name: "missing-image",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A `container`, `script` or containerSet container has no `image` (and `spec.templateDefaults` gives none).",
    docs: r#"
## What it does
Reports `container` and `script` templates without `image`, unless
`spec.templateDefaults.container.image` (or `.script.image`) supplies one, and, as an
extension, containerSet containers without an image.

## Why is this bad
Argo rejects the workflow ("templates.x.container.image may not be empty"); Kubernetes
would refuse the pod anyway.

## Example
```yaml
- name: whalesay
  container:
    command: [cowsay]
```

## How to fix
Set `image`, or a default in `spec.templateDefaults`.
"#,
};

fn has_image(n: Option<&Node>) -> bool {
    n.and_then(|c| c.get("image"))
        .and_then(Node::as_str)
        .is_some_and(|s| !s.trim().is_empty())
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let defaults = spec.template_defaults();
    for t in spec.templates() {
        let name = t.name().unwrap_or("?");
        for field in ["container", "script"] {
            let Some(e) = t.node.entry(field) else {
                continue;
            };
            if e.value.as_map().is_none() {
                continue;
            }
            let default = defaults.and_then(|d| d.get(field));
            if has_image(Some(&e.value)) || has_image(default) {
                continue;
            }
            cx.report(
                cx.diag(e.key.span, format!("the `{field}` of template `{name}` has no `image`"))
                    .with_help(format!("set `{field}.image`, or `spec.templateDefaults.{field}.image` for every template")),
            );
        }
        if let Some(cs) = t.get("containerSet") {
            for c in cs.seq("containers") {
                if c.as_map().is_some() && !has_image(Some(c)) {
                    let at = c.get("name").map_or(c.span, |n| n.span);
                    cx.report(
                        cx.diag(
                            at,
                            format!("a containerSet container of template `{name}` has no `image`"),
                        )
                        .with_severity(Severity::Warning)
                        .with_help("set `image`"),
                    );
                }
            }
        }
    }
}
