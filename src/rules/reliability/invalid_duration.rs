//! `invalid-duration`: a duration field Argo cannot parse.

use crate::diagnostic::{Edit, Fix, Severity};
use crate::model::values::parse_duration;
use crate::rules::helpers::templated;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;
use crate::source::tree::ScalarType;

pub static META: RuleMeta = RuleMeta {
    code: "AL406",
    name: "invalid-duration",
    category: Category::Reliability,
    severity: Severity::Error,
    fields: &[
        "Backoff.duration",
        "Backoff.maxDuration",
        "Backoff.cap",
        "PodGC.deleteDelayDuration",
        "SuspendTemplate.duration",
        "Template.timeout",
    ],
    summary: "A duration field is not integer seconds in a string or a Go duration, so Argo cannot read it.",
    docs: r#"
## What it does
Checks the string-typed duration fields of a workflow: `retryStrategy.backoff.duration`,
`maxDuration` and `cap` (v3.7+); a template's `timeout` and `suspend.duration`; and
`podGC.deleteDelayDuration` (v3.5+). Each must be a string holding integer seconds (`"30"`) or a Go
duration (`"90s"`, `"1h30m"`, `"1.5h"`). Values with `{{...}}` expressions are resolved at
run time and are not checked.

## Why is this bad
The API server does not validate these fields (Argo's CRDs leave them free-form), and Argo's
validation does not parse them, so a bad value is only found by the controller, when the
workflow already runs (a warning: the run fails only if it gets there). An unquoted number is
an error, because decoding refuses it:

- a unit Go does not know (`1d`, `2 hours`, `5min`) fails parsing, and the node errors at
  the moment the duration is needed: on the first retry, at the suspend, when the timeout
  is set;
- an unquoted number (`duration: 30`) is a YAML integer, not a string, and the whole
  workflow fails to decode ("cannot unmarshal number into Go struct field … of type
  string").

## Example
```yaml
retryStrategy:
  limit: 3
  backoff:
    duration: 30
    maxDuration: 1d
```

## How to fix
Quote integer seconds and use Go units (`ns`, `us`, `ms`, `s`, `m`, `h`; no days):

```yaml
  backoff:
    duration: "30"
    maxDuration: 24h
```
"#,
};

fn check_value(cx: &mut Context<'_>, node: &Node, field: &str, owner: &str) {
    let Some(scalar) = node.as_scalar() else {
        return;
    };
    let value = scalar.value.trim();
    if value.is_empty() || templated(value) {
        return;
    }
    if matches!(scalar.yaml11_type(), ScalarType::Int | ScalarType::Float) {
        if parse_duration(value).is_some() {
            cx.report(
                cx.diag(node.span,
                    format!(
                        "`{field}` of {owner} is the YAML number {value}, but the field is a string: the controller cannot decode the workflow (\"cannot unmarshal number into Go struct field\")"
                    ),
                )
                .with_help(format!("quote it: `\"{value}\"` (integer seconds)"))
                // Decoding fails: Argo refuses the workflow.
                .with_severity(Severity::Error)
                .with_fix(Fix::safe(format!("quote `{value}`"), vec![Edit::replace(node.span, crate::source::yaml_double_quoted(value))])),
            );
            return;
        }
    } else if parse_duration(value).is_some() {
        return;
    }
    // Old releases read `suspend.duration` with a parser that knew days; do not flag it.
    if field == "suspend.duration" && days(value).is_some() {
        return;
    }
    let hint = match days(value) {
        Some(d) => format!(
            "Go durations have no days: write `{}h`",
            trim_float(d * 24.0)
        ),
        None => {
            "write integer seconds as a string (`\"300\"`) or a Go duration (`90s`, `5m`, `1h30m`)"
                .to_string()
        }
    };
    cx.report(
        cx.diag(node.span,
            format!(
                "`{field}` of {owner} is `{value}`, which Argo cannot parse as a duration: the node errors when the controller reads it at run time"
            ),
        )
        .with_help(hint)
        // Nothing parses these on submission (upstream's validation only refuses a bare
        // integer `timeout`, which decoding already does); the run fails when it gets to
        // them: a pod's deadline, a retry, a suspend, a pod deletion.
        .with_severity(Severity::Warning),
    );
}

/// `3d` → 3 days.
fn days(s: &str) -> Option<f64> {
    let n = s.strip_suffix('d')?;
    n.parse::<f64>().ok().filter(|d| *d >= 0.0)
}

fn trim_float(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as u64)
    } else {
        format!("{v}")
    }
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for site in super::retry_sites(&spec) {
        if let Some(backoff) = site.entry.value.get("backoff") {
            for field in ["duration", "maxDuration", "cap"] {
                if let Some(v) = backoff.get(field) {
                    check_value(cx, v, &format!("backoff.{field}"), &site.owner);
                }
            }
        }
    }
    let mut templates: Vec<(crate::model::Template<'_>, String)> = spec
        .templates()
        .map(|t| {
            let owner = crate::rules::helpers::template_label(&t);
            (t, owner)
        })
        .collect();
    if let Some(d) = spec.template_defaults() {
        templates.push((d, "`spec.templateDefaults`".to_string()));
    }
    for (t, owner) in templates {
        if let Some(v) = t.get("timeout") {
            check_value(cx, v, "timeout", &owner);
        }
        if let Some(v) = t.get("suspend").and_then(|s| s.get("duration")) {
            check_value(cx, v, "suspend.duration", &owner);
        }
    }
    if let Some(v) = spec.get("podGC").and_then(|p| p.get("deleteDelayDuration")) {
        check_value(cx, v, "podGC.deleteDelayDuration", "the workflow");
    }
}
