//! `unclosed-template-tag`: a `{{` without its `}}`.

use crate::diagnostic::Severity;
use crate::model::expr::scan_tags;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Span;

use super::{for_each_string, sub_span};

pub static META: RuleMeta = RuleMeta {
    code: "AL330",
    name: "unclosed-template-tag",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A string in a template opens a `{{` tag that is never closed with `}}`.",
    docs: r#"
## What it does
Scans every string of every template (and `spec.arguments`) for a `{{` with no matching
`}}` after it.

## Why is this bad
Argo's template engine cannot parse the template at all ("Cannot find end tag"), and
rejects the workflow.

## Example
```yaml
args: ["echo {{inputs.parameters.message"]
```

## How to fix
Close the tag: `{{inputs.parameters.message}}`.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let file = cx.file;
    let mut found: Vec<Span> = Vec::new();
    let scan = |found: &mut Vec<Span>, node| {
        for_each_string(node, &mut |n, value: &str| {
            if !value.contains("{{") {
                return;
            }
            if let Some(at) = scan_tags(value).unterminated {
                found.push(sub_span(file, n, value, at, at + 2));
            }
        })
    };
    for t in spec.templates() {
        scan(&mut found, t.node);
    }
    let in_templates = found.len();
    if let Some(a) = spec.get("arguments") {
        scan(&mut found, a);
    }
    // Argo v3 does not parse the workflow's own argument values (v4 does): there the
    // text stays as written.
    let v3 = cx.settings.argo_version < crate::api::ArgoVersion::V4_0;
    for (i, span) in found.into_iter().enumerate() {
        let mut d = cx
            .diag(span, "`{{` is never closed with `}}`")
            .with_help("close the tag, e.g. `{{inputs.parameters.name}}`");
        if v3 && i >= in_templates {
            d.severity = crate::diagnostic::Severity::Warning;
            d.help = Some(
                "close the tag; a warning: Argo v3 does not parse the workflow's own \
                 argument values (v4 refuses them)"
                    .into(),
            );
        }
        cx.report(d);
    }
}
