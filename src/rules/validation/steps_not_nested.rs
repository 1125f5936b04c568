//! `steps-not-nested`: `steps` written as a list of steps instead of a list of groups.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "AL329",
    name: "steps-not-nested",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "`steps` must be a list of step groups (`- - name: a`), not a list of steps (`- name: a`).",
    docs: r#"
## What it does
Reports entries of a template's `steps` that are single steps rather than lists of steps.
Each entry of `steps` is a group of steps that run in parallel; groups run one after the
other.

## Why is this bad
Argo cannot decode the template ("cannot unmarshal object into Go value of type
[]map[string]interface {}") and rejects the whole workflow.

## Example
```yaml
steps:
  - name: build
    template: build
```

## How to fix
Write each step as a group of one, `- - name: build`; put steps that should run in
parallel in the same group.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for t in spec.templates() {
        for g in t.node.seq("steps") {
            if g.as_map().is_none() {
                continue;
            }
            let at = super::item_anchor(g);
            let d = cx
                .diag(
                    at,
                    format!(
                        "a step of template `{}` is not inside a step group",
                        t.name().unwrap_or("?")
                    ),
                )
                .with_help("write it as `- - name: …` (a group of one step)");
            cx.report(d);
        }
    }
}
