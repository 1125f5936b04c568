//! `duplicate-name`: two templates, steps, tasks, parameters, artifacts or containers of
//! one list share a name; two WorkflowTemplates of the run share a name.

use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::model::Kind;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Span;

use super::named_lists;

pub static META: RuleMeta = RuleMeta {
    code: "AL309",
    name: "duplicate-name",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "Two templates, steps (across all groups), DAG tasks, parameters, artifacts or containers share a name; or two WorkflowTemplates of the run do.",
    docs: r#"
## What it does
Reports every name used twice in a list whose names must be unique: `spec.templates`,
the steps of a steps template (across all its groups), the tasks of a DAG, the input,
output and argument parameters and artifacts, containerSet containers, init containers
and sidecars. The first definition is labelled. Across files, two WorkflowTemplates with
the same name in the same namespace (or two ClusterWorkflowTemplates with the same name)
are reported on the second: `argo lint --offline` refuses to run at all then.

## Why is this bad
Argo rejects the workflow ("is not unique", "duplicated nodeName"); with two templates
of one name, which one a reference means depends on which one the cluster saw last.

## Example
```yaml
steps:
  - - name: build
      template: build
  - - name: build
      template: test
```

## How to fix
Rename one of them (and the references to it).
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    if let Some(spec) = cx.workflow_spec() {
        for list in named_lists(spec) {
            let mut first: HashMap<&str, Span> = HashMap::new();
            for item in &list.items {
                let Some(n) = item.get("name") else { continue };
                let Some(name) = n.as_str() else { continue };
                match first.get(name) {
                    Some(&at) => cx.report(
                        cx.diag(
                            n.span,
                            format!(
                                "{} name `{name}` of {} is not unique",
                                list.what, list.owner
                            ),
                        )
                        .with_label(at, format!("{} `{name}` is first defined here", list.what)),
                    ),
                    None => {
                        first.insert(name, n.span);
                    }
                }
            }
        }
    }
    across_files(cx);
}

fn across_files(cx: &mut Context<'_>) {
    let kind = cx.manifest.kind;
    if !matches!(kind, Kind::WorkflowTemplate | Kind::ClusterWorkflowTemplate) {
        return;
    }
    let Some(name_node) = cx.manifest.metadata().and_then(|m| m.get("name")) else {
        return;
    };
    let Some(name) = name_node.as_str() else {
        return;
    };
    let defs = match kind {
        Kind::WorkflowTemplate => cx.workspace.workflow_templates(name),
        _ => cx.workspace.cluster_workflow_templates(name),
    };
    let ns = cx.manifest.namespace().unwrap_or("");
    let same: Vec<_> = defs
        .iter()
        .filter(|d| kind == Kind::ClusterWorkflowTemplate || d.namespace.unwrap_or("") == ns)
        .collect();
    // Report on every definition but the first one indexed.
    let Some(first) = same.first() else { return };
    // The same document (compared by place: the rules may read a copy of it, see
    // `validate::check_reading`).
    if first.file.name == cx.file.name && first.manifest.root.span == cx.manifest.root.span {
        return;
    }
    cx.report(
        cx.diag(name_node.span, format!("{kind} `{name}` is defined twice"))
            .with_help(format!(
                "it is also defined at {}; a reference to it could mean either",
                first.location()
            )),
    );
}
