//! `invalid-output-parameter`: an output parameter without exactly one source, or with a
//! source its template type cannot provide; a malformed `globalName`.

use crate::diagnostic::Severity;
use crate::model::TemplateType;
use crate::model::expr::is_valid_parameter_name;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

use super::callee::is_dynamic;
use super::{item_anchor, key_span};

pub static META: RuleMeta = RuleMeta {
    code: "AL316",
    name: "invalid-output-parameter",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "An output parameter has both or neither of `value` and `valueFrom`, several `valueFrom` sources, a source its template type cannot provide, or a malformed `globalName`.",
    docs: r#"
## What it does
For every `outputs.parameters` entry:

- exactly one of `value` and `valueFrom`;
- `valueFrom` sets one source: `path`, `jqFilter`, `jsonPath`, `parameter`,
  `expression` or `supplied`;
- the source suits the template: `path` for container, script and containerSet
  templates; `jqFilter` or `jsonPath` for resource templates; `parameter` or
  `expression` (not both) for steps and dag templates;
- `globalName`, and output artifacts' `globalName`, use letters, digits, `_` and `-`.

## Why is this bad
Argo rejects the workflow ("path must be specified for Container templates",
"multiple valueFrom types specified").

## Example
```yaml
- name: whalesay
  container: {image: alpine:3.20}
  outputs:
    parameters:
      - name: out
        valueFrom:
          parameter: "{{steps.x.outputs.result}}"
```

## How to fix
Give a container's output a `valueFrom.path` (the file it writes), a steps/dag template's
output a `valueFrom.parameter` naming a child's output.
"#,
};

const SOURCES: [&str; 6] = [
    "path",
    "jqFilter",
    "jsonPath",
    "parameter",
    "expression",
    "supplied",
];

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for t in spec.templates() {
        let tname = t.name().unwrap_or("?");
        let ty = t.template_type();
        let Some(outputs) = t.get("outputs") else {
            continue;
        };
        for p in outputs.seq("parameters") {
            if p.as_map().is_none() {
                continue;
            }
            let pname = p.get("name").and_then(Node::as_str).unwrap_or("?");
            let at = p.get("name").map_or(item_anchor(p), |n| n.span);
            let what = format!("output parameter `{pname}` of template `{tname}`");
            global_name(cx, p, &what);
            let vf = p.get("valueFrom");
            match (p.get("value").is_some(), vf) {
                (true, Some(_)) => {
                    cx.report(
                        cx.diag(
                            key_span(p, "valueFrom").unwrap_or(at),
                            format!("{what} sets both `value` and `valueFrom`"),
                        )
                        .with_label(key_span(p, "value").unwrap_or(at), "`value` is set here")
                        .with_help("keep one"),
                    );
                    continue;
                }
                (false, None) => {
                    cx.report(
                        cx.diag(at, format!("{what} has neither `value` nor `valueFrom`"))
                            .with_help(if matches!(ty, Some(TemplateType::Container | TemplateType::Script | TemplateType::ContainerSet)) {
                                "add `valueFrom.path`: the file the container writes the value to"
                            } else {
                                "add `valueFrom` (or a fixed `value`)"
                            }),
                    );
                    continue;
                }
                _ => {}
            }
            let Some(vf) = vf else { continue };
            let vf_key = key_span(p, "valueFrom").unwrap_or(at);
            let set: Vec<&str> = SOURCES
                .iter()
                .copied()
                .filter(|k| vf.get(k).is_some())
                .collect();
            let exclusive: Vec<&str> = set.iter().copied().filter(|k| *k != "expression").collect();
            if set.is_empty() {
                cx.report(
                    cx.diag(vf_key, format!("`valueFrom` of {what} names no source"))
                        .with_help(
                            "set one of path, jqFilter, jsonPath, parameter, expression, supplied",
                        ),
                );
                continue;
            }
            if exclusive.len() > 1 {
                cx.report(
                    cx.diag(
                        key_span(vf, exclusive[1]).unwrap_or(vf_key),
                        format!(
                            "`valueFrom` of {what} sets several sources: {}",
                            exclusive.join(", ")
                        ),
                    )
                    .with_help("keep one"),
                );
                continue;
            }
            let Some(ty) = ty else { continue };
            let tn = ty.as_str();
            let need: Option<(&[&str], &str)> = match ty {
                TemplateType::Container | TemplateType::Script | TemplateType::ContainerSet => {
                    Some((&["path"], "`valueFrom.path`"))
                }
                TemplateType::Resource => Some((
                    &["jqFilter", "jsonPath"],
                    "`valueFrom.jqFilter` or `valueFrom.jsonPath`",
                )),
                TemplateType::Steps | TemplateType::Dag => Some((
                    &["parameter", "expression"],
                    "`valueFrom.parameter` or `valueFrom.expression`",
                )),
                _ => None,
            };
            if let Some((keys, text)) = need
                && !keys.iter().any(|k| vf.get(k).is_some())
            {
                cx.report(
                    cx.diag(
                        key_span(vf, set[0]).unwrap_or(vf_key),
                        format!("{what} needs {text} in a {tn} template, not `{}`", set[0]),
                    )
                    .with_help(format!(
                        "a {tn} template can only take output parameters from {text}"
                    )),
                );
            } else if matches!(ty, TemplateType::Steps | TemplateType::Dag)
                && vf.get("parameter").is_some()
                && vf.get("expression").is_some()
            {
                cx.report(
                    cx.diag(
                        key_span(vf, "expression").unwrap_or(vf_key),
                        format!(
                            "{what} sets both `valueFrom.parameter` and `valueFrom.expression`"
                        ),
                    )
                    .with_help("keep one"),
                );
            }
        }
        for a in outputs.seq("artifacts") {
            let aname = a.get("name").and_then(Node::as_str).unwrap_or("?");
            global_name(
                cx,
                a,
                &format!("output artifact `{aname}` of template `{tname}`"),
            );
        }
    }
}

fn global_name(cx: &mut Context<'_>, item: &Node, what: &str) {
    let Some(g) = item.get("globalName") else {
        return;
    };
    let Some(s) = g.as_str() else { return };
    if is_dynamic(s) || is_valid_parameter_name(s) {
        return;
    }
    cx.report(
        cx.diag(g.span, format!("`globalName` `{s}` of {what} is invalid: it may contain only letters, digits, `_` and `-`"))
            .with_help("it becomes `{{workflow.outputs.parameters.<globalName>}}`; rename it"),
    );
}
