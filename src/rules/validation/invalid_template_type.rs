//! `invalid-template-type`: a template that sets none, or several, of the fields that say
//! what it does; an empty `steps`; a `plugin` naming other than one plugin.

use crate::diagnostic::Severity;
use crate::model::TemplateType;
use crate::rules::{Category, Context, RuleMeta};

use super::key_span;

pub static META: RuleMeta = RuleMeta {
    code: "AL313",
    name: "invalid-template-type",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A template sets none or several of `container`, `script`, `steps`, `dag`, `resource`, `suspend`, `containerSet`, `data`, `http`, `plugin`.",
    docs: r#"
## What it does
Checks that each template sets exactly one of the fields that decide its type:
`container`, `containerSet`, `script`, `resource`, `steps`, `dag`, `suspend`, `data`,
`http` or `plugin`. Also reports a `steps` template with no steps, and a `plugin`
template that does not name exactly one plugin.

## Why is this bad
Argo rejects the template ("multiple template types specified", "template type is
unknown"). A template with none usually has its body misspelt or mis-indented.

## Example
```yaml
- name: build
  container:
    image: golang:1.23
  script:
    image: python:3.12
    source: print("hi")
```

## How to fix
Keep one type per template; split the work into two templates if both are needed.
"#,
};

const TYPE_LIST: &str =
    "container, containerSet, script, resource, steps, dag, suspend, data, http or plugin";

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for t in spec.templates() {
        let name = t.name().unwrap_or("?");
        let set: Vec<&str> = TemplateType::FIELDS
            .iter()
            .map(|(f, _)| *f)
            .filter(|f| t.get(f).is_some())
            .collect();
        match set.as_slice() {
            [] => cx.report(
                cx.diag(
                    t.name_span(),
                    format!("template `{name}` does not say what it runs"),
                )
                .with_help(format!("set one of {TYPE_LIST}")),
            ),
            [first, rest @ ..] if !rest.is_empty() => {
                for other in rest {
                    cx.report(
                        cx.diag(key_span(t.node, other).unwrap_or(t.node.span),
                            format!("template `{name}` sets both `{first}` and `{other}`: a template has exactly one type"),
                        )
                        .with_label(key_span(t.node, first).unwrap_or(t.node.span), format!("`{first}` is set here"))
                        .with_help("split it into two templates"),
                    );
                }
            }
            _ => {}
        }
        if let Some(e) = t.node.entry("steps")
            && e.value.as_seq().is_some_and(|s| {
                s.is_empty() || s.iter().all(|g| g.as_seq().is_some_and(|g| g.is_empty()))
            })
        {
            cx.report(
                cx.diag(e.key.span, format!("steps template `{name}` has no steps"))
                    .with_help("add at least one step group: `- - name: …`")
                    // The full CRDs require a step group; Argo's validation does not.
                    .with_severity(if cx.settings.full_crds() {
                        Severity::Error
                    } else {
                        Severity::Warning
                    }),
            );
        }
        if let Some(e) = t.node.entry("plugin")
            && let Some(m) = e.value.as_map()
            && m.len() != 1
        {
            cx.report(
                cx.diag(
                    e.key.span,
                    format!(
                        "`plugin` of template `{name}` names {} plugins; it must name exactly one",
                        m.len()
                    ),
                )
                .with_help("a plugin template calls one plugin: `plugin: {my-plugin: {…}}`"),
            );
        }
    }
}
