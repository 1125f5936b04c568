//! `invalid-hook`: a lifecycle hook other than `exit` without an `expression`.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

use super::calls;

pub static META: RuleMeta = RuleMeta {
    code: "AL323",
    name: "invalid-hook",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A lifecycle hook (other than `exit`) has no `expression`, or calls no template.",
    docs: r#"
## What it does
Checks `hooks` of the workflow, of steps and of DAG tasks: every hook except `exit` needs
an `expression` saying when it fires, and every hook needs a `template` or `templateRef`.
Argo checks the expression only on workflow and step hooks; on DAG tasks this is
reported as a warning.

## Why is this bad
Argo rejects the workflow ("Expression required"); a DAG-task hook without one never
fires.

## Example
```yaml
hooks:
  running:
    template: notify
```

## How to fix
Add `expression: workflow.status == "Running"` (or whatever condition you meant), or
rename the hook to `exit` to run it at the end.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    if let Some(h) = spec.get("hooks") {
        hooks(cx, h, "the workflow", Severity::Error);
    }
    for (t, step) in calls(spec) {
        if let Some(h) = step.get("hooks") {
            let dag = t.get("dag").is_some();
            let who = super::noun(&step, &t);
            hooks(
                cx,
                h,
                &who,
                if dag {
                    Severity::Warning
                } else {
                    Severity::Error
                },
            );
        }
    }
}

fn hooks(cx: &mut Context<'_>, h: &Node, who: &str, sev: Severity) {
    for e in h.as_map().unwrap_or(&[]) {
        let Some(name) = e.key_str() else { continue };
        if e.value.as_map().is_none() {
            continue;
        }
        if name != "exit"
            && e.value
                .get("expression")
                .and_then(Node::as_str)
                .is_none_or(|s| s.trim().is_empty())
        {
            cx.report(
                cx.diag(
                    e.key.span,
                    format!("hook `{name}` of {who} has no `expression`"),
                )
                .with_severity(sev)
                .with_help(
                    "add `expression:` with the condition that fires it, or name the hook `exit`",
                ),
            );
        }
        if e.value.get("template").is_none() && e.value.get("templateRef").is_none() {
            cx.report(
                cx.diag(
                    e.key.span,
                    format!("hook `{name}` of {who} calls no template"),
                )
                .with_severity(Severity::Warning)
                .with_help("add `template:` or `templateRef:`"),
            );
        }
    }
}
