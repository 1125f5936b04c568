//! `missing-dag-dependency`: a DAG task reads another task's outputs without depending on it.

use crate::diagnostic::Severity;
use crate::model::TemplateType;
use crate::model::expr::scan_tags;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;

use super::scope::{ancestors, dag_dependencies};
use super::{for_each_string, tag_span};

pub static META: RuleMeta = RuleMeta {
    code: "AL312",
    name: "missing-dag-dependency",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A DAG task uses `{{tasks.X.…}}` of a task it does not (transitively) depend on.",
    docs: r#"
## What it does
For each DAG task, finds references to other tasks (`{{tasks.X.outputs.parameters.p}}`,
`{{tasks.X.outputs.result}}`, …) and checks that `X` is among the task's dependencies,
directly or through other tasks. An argument value or artifact `from` that begins with
such a reference is an error, as in Argo; a reference elsewhere in the task (inside a
longer argument value, in `when`) is a warning, as it only works when `X` happens to have
finished first.

## Why is this bad
Without the dependency the two tasks may run at the same time: Argo rejects the workflow
("missing dependency 'B' for parameter 'm'"), or the reference fails at run time.

## Example
```yaml
- name: C
  depends: A
  template: print
  arguments:
    parameters:
      - name: m
        value: "{{tasks.B.outputs.result}}"
```

## How to fix
Add the task to `depends` (or `dependencies`).
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    for t in spec.templates() {
        if t.template_type() != Some(TemplateType::Dag) {
            continue;
        }
        let tasks: Vec<&Node> = t.dag_tasks().map(|s| s.node).collect();
        let names: Vec<&str> = tasks
            .iter()
            .filter_map(|n| n.get("name").and_then(Node::as_str))
            .collect();
        let deps = dag_dependencies(&tasks);
        for task in &tasks {
            let Some(name) = task.get("name").and_then(Node::as_str) else {
                continue;
            };
            let anc = ancestors(name, &deps);
            // Argument values and `from`s that start with a task reference: errors.
            let mut strict = Vec::new();
            if let Some(args) = task.get("arguments") {
                for p in args.seq("parameters") {
                    if let Some(v) = p.get("value") {
                        strict.push(v.span);
                    }
                }
                for a in args.seq("artifacts") {
                    if let Some(v) = a.get("from") {
                        strict.push(v.span);
                    }
                }
            }
            let mut found = Vec::new();
            for_each_string(task, &mut |n, value| {
                if !value.contains("{{") {
                    return;
                }
                for tag in scan_tags(value).tags {
                    if tag.expression || tag.dynamic {
                        continue;
                    }
                    let r = tag.reference();
                    let Some(rest) = r.strip_prefix("tasks.") else {
                        continue;
                    };
                    let mut parts = rest.splitn(2, '.');
                    let other = parts.next().unwrap_or("");
                    let field = parts.next().unwrap_or("");
                    // `status` of a non-ancestor is undefined-variable's; unknown tasks too.
                    if other == name
                        || field == "status"
                        || field.is_empty()
                        || !names.contains(&other)
                        || anc.contains(other)
                    {
                        continue;
                    }
                    let starts = value.trim_start().starts_with("{{tasks.")
                        && tag.start == value.len() - value.trim_start().len();
                    let error = starts && strict.contains(&n.span);
                    found.push((
                        tag_span(cx.file, n, value, &tag),
                        other.to_string(),
                        r.to_string(),
                        error,
                    ));
                }
            });
            for (span, other, r, error) in found {
                let sev = if error {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                let mut d = cx
                    .diag(
                        span,
                        format!(
                            "task `{name}` uses `{{{{{r}}}}}` but does not depend on task `{other}`"
                        ),
                    )
                    .with_severity(sev)
                    .with_help(format!("add `{other}` to the `depends` of task `{name}`"));
                if let Some(o) = tasks
                    .iter()
                    .find(|n| n.get("name").and_then(Node::as_str) == Some(other.as_str()))
                {
                    d = d.with_label(
                        o.get("name").map_or(o.span, |n| n.span),
                        format!("task `{other}` is defined here"),
                    );
                }
                cx.report(d);
            }
        }
    }
}
