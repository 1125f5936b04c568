//! `misplaced-template-field`: fields that only some template types accept.

use crate::diagnostic::Severity;
use crate::model::TemplateType;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

use super::callee::is_dynamic;

pub static META: RuleMeta = RuleMeta {
    code: "AL315",
    name: "misplaced-template-field",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "`timeout`, `activeDeadlineSeconds`, `parallelism`, `resourceClaims` or `podResources` on a template type that does not support it, or with a value Argo rejects.",
    docs: r#"
## What it does
Checks the template fields that only some template types accept:

- `timeout` and `pendingTimeout`: only on leaf templates (container, script, resource,
  containerSet, data, http, plugin), and `timeout` needs a unit (`30s`, not `30`);
- `activeDeadlineSeconds`: not on steps or dag templates; an integer ≥ 0 or a `{{…}}`;
- `parallelism`: only on steps and dag templates, and at least 1;
- `resourceClaims`: only on templates that run a pod;
- `podResources`: not on http or plugin templates (they run in the agent pod).

## Why is this bad
Argo rejects the workflow ("Steps template doesn't support timeout field",
"activeDeadlineSeconds is only valid for leaf templates", "parallelism is only valid for
steps and dag templates"). Where it did not, the setting would silently do nothing.

## Example
```yaml
- name: pipeline
  timeout: 1h
  steps:
    - - name: build
        template: build
```

## How to fix
Move the field to the templates the steps or tasks call (or, for a limit on the whole
workflow, to `spec.activeDeadlineSeconds` / `spec.parallelism`).
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    if let Some(e) = spec.node.entry("parallelism") {
        check_parallelism(cx, &e.value);
    }
    for t in spec.templates() {
        let Some(ty) = t.template_type() else {
            continue;
        };
        let name = t.name().unwrap_or("?");
        let tn = ty.as_str();
        let leaf = ty.is_leaf();
        let n = t.node;
        let wrong = |cx: &mut Context<'_>, key: &str, why: String, help: &str| {
            if let Some(e) = n.entry(key) {
                cx.report(cx.diag(e.key.span, why).with_help(help.to_string()));
            }
        };
        if !leaf {
            for key in ["timeout", "pendingTimeout"] {
                wrong(
                    cx,
                    key,
                    format!("{tn} template `{name}` does not support `{key}`"),
                    "set it on the templates its steps or tasks call",
                );
            }
        }
        if matches!(ty, TemplateType::Steps | TemplateType::Dag) {
            wrong(
                cx,
                "activeDeadlineSeconds",
                format!(
                    "`activeDeadlineSeconds` is only valid for leaf templates, not {tn} template `{name}`"
                ),
                "set it on the templates its steps or tasks call, or use `timeout` on the called templates",
            );
        } else if let Some(v) = n.get("activeDeadlineSeconds") {
            let ok = match v.as_str() {
                Some(s) if is_dynamic(s) => s.trim().starts_with("{{") && s.trim().ends_with("}}"),
                Some(s) => s.trim().parse::<i64>().is_ok_and(|i| i >= 0),
                None => false,
            };
            if !ok {
                cx.report(
                    cx.diag(v.span, format!("`activeDeadlineSeconds` of template `{name}` must be a whole number of seconds ≥ 0 or a `{{{{…}}}}` variable"))
                        .with_help("write seconds, e.g. `300`"),
                );
            }
        }
        if matches!(ty, TemplateType::Steps | TemplateType::Dag) {
            if let Some(v) = n.get("parallelism") {
                check_parallelism(cx, v);
            }
        } else {
            wrong(
                cx,
                "parallelism",
                format!(
                    "`parallelism` is only valid for steps and dag templates, not {tn} template `{name}`"
                ),
                "set it on the steps or dag template that calls this one, or on `spec.parallelism`",
            );
        }
        if !ty.runs_pod() {
            wrong(
                cx,
                "resourceClaims",
                format!("{tn} template `{name}` runs no pod: `resourceClaims` is not supported"),
                "set it on the templates that run the pods",
            );
        }
        if matches!(ty, TemplateType::Http | TemplateType::Plugin) {
            wrong(
                cx,
                "podResources",
                format!(
                    "`podResources` is not supported for {tn} template `{name}` (it runs in the agent pod)"
                ),
                "remove it",
            );
        }
        if leaf && let Some(v) = n.get("timeout") {
            let s = v.as_str().unwrap_or("").trim();
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                cx.report(
                    cx.diag(
                        v.span,
                        format!(
                            "`timeout` of template `{name}` has no unit: `{s}` is not a duration"
                        ),
                    )
                    .with_help(format!("write `{s}s` for seconds")),
                );
            }
        }
    }
}

fn check_parallelism(cx: &mut Context<'_>, v: &Node) {
    if let Some(i) = v.as_i64()
        && i < 1
    {
        cx.report(
            cx.diag(
                v.span,
                format!("`parallelism: {i}` allows nothing to run; it must be at least 1"),
            )
            .with_help("remove it for no limit"),
        );
    }
}
