//! `invalid-name`: a template, step, task, container, parameter or artifact without a
//! name, or with one Argo does not accept.

use crate::diagnostic::Severity;
use crate::model::expr::{is_valid_object_name, is_valid_parameter_name, placeholder_name};
use crate::rules::{Category, Context, RuleMeta};

use super::{NameRule, item_anchor, named_lists};

pub static META: RuleMeta = RuleMeta {
    code: "AL308",
    name: "invalid-name",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A template, step, task, containerSet container, parameter or artifact has no name, or a name Argo rejects.",
    docs: r#"
## What it does
Checks every `name` Argo validates:

- templates, steps, DAG tasks and containerSet containers: letters, digits and `-`,
  starting with a letter or digit, at most 128 characters (no `_`, no `.`); a generated
  step name such as `run-{{inputs.parameters.n}}` is checked with the tag replaced by its
  last word, as Argo does;
- input, output and argument parameters and artifacts: letters, digits, `_` and `-`;
- all of them, and init containers, must have a name.

## Why is this bad
Argo rejects the workflow ("name must consist of alpha-numeric characters or '-'…").
Names become Kubernetes node names and variable paths; `_` and `.` break both.

## Example
```yaml
templates:
  - name: build_image
    container: {image: alpine:3.20}
```

## How to fix
Rename using `-` in place of `_` or `.`, and refer to the new name everywhere.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for list in named_lists(spec) {
        for item in &list.items {
            if item.as_map().is_none() {
                continue;
            }
            let Some(name_node) = item.get("name") else {
                cx.report(
                    cx.diag(
                        item_anchor(item),
                        format!(
                            "{} {} of {} has no `name`",
                            if list.what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                                "an"
                            } else {
                                "a"
                            },
                            list.what,
                            list.owner
                        ),
                    )
                    .with_help("add `name:`"),
                );
                continue;
            };
            let Some(name) = name_node.as_str() else {
                continue;
            };
            let checked = if list.tags_allowed {
                placeholder_name(name, !list.what.starts_with("step"))
            } else {
                name.to_string()
            };
            let problem = match list.rule {
                NameRule::Object if checked.chars().count() > 128 => Some(format!(
                    "is {} characters long; the limit is 128",
                    checked.chars().count()
                )),
                NameRule::Object if !is_valid_object_name(&checked) => Some(
                    "may contain only letters, digits and `-`, and must start with a letter or digit".to_string(),
                ),
                NameRule::Parameter if !is_valid_parameter_name(&checked) => {
                    Some("may contain only letters, digits, `_` and `-`".to_string())
                }
                _ => None,
            };
            if let Some(p) = problem {
                let mut d = cx.diag(
                    name_node.span,
                    format!(
                        "{} name `{name}` of {} is invalid: it {p}",
                        list.what, list.owner
                    ),
                );
                if list.rule == NameRule::Object {
                    let fixed = crate::model::expr::object_name_like(&checked);
                    let fixed = fixed.as_str();
                    if !fixed.is_empty() && fixed != checked {
                        d = d.with_help(format!("for example `{fixed}`"));
                    }
                }
                cx.report(d);
            }
        }
    }
}
