//! `invalid-metric`: Prometheus metrics Argo cannot emit.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

use super::{item_anchor, key_span};

pub static META: RuleMeta = RuleMeta {
    code: "AL327",
    name: "invalid-metric",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A Prometheus metric with an invalid name or label key, no `help`, no value, or a real-time gauge on `resourcesDuration`.",
    docs: r#"
## What it does
For each `metrics.prometheus` entry (of the workflow and of each template): the name and
label keys match `[a-zA-Z_][a-zA-Z0-9_]*`; `help` is set; the `gauge`, `counter` or
`histogram` has a `value`; a real-time gauge does not use `resourcesDuration.*` (known
only once the node finished); at most 100 metrics per template.

## Why is this bad
Argo rejects the workflow ("metric name is invalid", "must contain a help string"); a
Prometheus name with `-` or `.` cannot be scraped.

## Example
```yaml
metrics:
  prometheus:
    - name: build.duration
      help: ""
      gauge: {value: "{{duration}}"}
```

## How to fix
Use underscores in names and label keys; describe the metric in `help`.
"#,
};

fn valid(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_alphabetic() || b[0] == b'_')
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let mut holders = vec![("the workflow".to_string(), spec.node)];
    for t in spec.templates() {
        holders.push((format!("template `{}`", t.name().unwrap_or("?")), t.node));
    }
    for (who, h) in holders {
        let Some(m) = h.get("metrics") else { continue };
        let list = m.seq("prometheus");
        if list.len() > 100 {
            cx.report(cx.diag(
                key_span(m, "prometheus").unwrap_or(m.span),
                format!("{who} declares {} metrics; the limit is 100", list.len()),
            ));
        }
        for p in list {
            if p.as_map().is_none() {
                continue;
            }
            let name = p.get("name").and_then(Node::as_str).unwrap_or("");
            let at = p.get("name").map_or(item_anchor(p), |n| n.span);
            if !valid(name) {
                cx.report(
                    cx.diag(at, format!("metric name `{name}` of {who} is invalid: use letters, digits and `_`, not starting with a digit"))
                        .with_help(format!("for example `{}`", name.replace(|c: char| !c.is_ascii_alphanumeric(), "_"))),
                );
            }
            for l in p.seq("labels") {
                if let Some(k) = l.get("key")
                    && let Some(ks) = k.as_str()
                    && !valid(ks)
                {
                    cx.report(
                        cx.diag(k.span, format!("metric label key `{ks}` of metric `{name}` is invalid: use letters, digits and `_`"))
                            .with_help(format!("for example `{}`", ks.replace(|c: char| !c.is_ascii_alphanumeric(), "_"))),
                    );
                }
            }
            if p.get("help")
                .and_then(Node::as_str)
                .is_none_or(|s| s.trim().is_empty())
            {
                cx.report(
                    cx.diag(at, format!("metric `{name}` of {who} has no `help`"))
                        .with_help("describe the metric in `help:`")
                        // v3 validates only templates' metrics; the full CRDs check all.
                        .with_severity(if cx.settings.full_crds() || who != "the workflow" {
                            crate::diagnostic::Severity::Error
                        } else {
                            crate::diagnostic::Severity::Warning
                        }),
                );
            }
            for kind in ["gauge", "counter", "histogram"] {
                let Some(g) = p.get(kind) else { continue };
                let value = g.get("value").and_then(Node::as_str).unwrap_or("");
                if value.trim().is_empty() {
                    cx.report(
                        cx.diag(
                            key_span(p, kind).unwrap_or(at),
                            format!("the {kind} of metric `{name}` has no `value`"),
                        )
                        .with_help("set `value`, e.g. `\"{{duration}}\"`"),
                    );
                } else if kind == "gauge"
                    && g.get("realtime").and_then(Node::as_bool) == Some(true)
                    && value.contains("resourcesDuration.")
                {
                    cx.report(
                        cx.diag(g.get("value").map_or(at, |v| v.span), format!("real-time gauge `{name}` uses `resourcesDuration`, which is known only when the node has finished"))
                            .with_help("drop `realtime: true`, or measure `{{duration}}`"),
                    );
                }
            }
        }
    }
}
