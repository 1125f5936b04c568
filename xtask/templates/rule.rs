//! `__RULE_NAME__`: TODO: what the rule reports, in one line.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "__RULE_CODE__",
    name: "__RULE_NAME__",
    category: Category::__RULE_CATEGORY__,
    severity: Severity::Warning,
    fields: &[],
    summary: "TODO: one sentence: what is reported.",
    docs: r#"
## What it does
TODO: what the rule reports, and where.

## Why is this bad
TODO: what goes wrong in Argo (a rejection, a failed run, a risk).

## Example
```yaml
- name: todo
  container:
    image: alpine:3.20
```

## How to fix
TODO: the change that makes the finding go away.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for t in spec.templates() {
        // TODO: the rule's condition. This placeholder reports a template named `todo`.
        if t.name() == Some("todo") {
            cx.report(
                cx.diag(t.name_span(), "TODO: what is wrong, and where")
                    .with_help("TODO: how to fix it"),
            );
        }
    }
}
