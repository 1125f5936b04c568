//! `missing-required-input`: a call that does not pass an input the called template needs.

use crate::diagnostic::Severity;
use crate::model::{Kind, Template, inputs};
use crate::rules::{Category, Context, RuleMeta};
use crate::source::{Node, Span};
use crate::workspace::{Resolution, TemplateRef};

use super::callee::{Callee, Templates, named_items};
use super::{noun, resolved_calls};

pub static META: RuleMeta = RuleMeta {
    code: "AL304",
    name: "missing-required-input",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A step, task or the workflow's entrypoint calls a template without an input parameter or artifact it requires.",
    docs: r#"
## What it does
For every call of a template, within the file or through a `templateRef` to a template
among the linted files, checks that each input the callee requires is passed:

- an input parameter without `value`, `default` or `valueFrom.configMapKeyRef` must be
  in the call's `arguments.parameters`;
- an input artifact that is not `optional` and has no location of its own (`s3`, `git`,
  `http`, `raw`, …) must be in the call's `arguments.artifacts`.

For a Workflow or CronWorkflow, the entrypoint's inputs must come from
`spec.arguments` (a parameter listed there without a value does not count).

## Why is this bad
Argo rejects the workflow at submission ("inputs.parameters.message was not supplied"),
or, for calls made deep inside a run, fails that step after everything before it ran.

## Example
```yaml
- - name: greet
    template: print        # print declares `inputs.parameters: [{name: message}]`
```

## How to fix
Pass the input under the call's `arguments`, or give the input a `default` in the template.
"#,
};

/// Named list items: the name and the item.
type Named<'a> = Vec<(&'a str, &'a Node)>;

/// The inputs a template requires: parameters and artifacts without a value of their own.
pub fn required_inputs<'a>(t: Template<'a>) -> (Named<'a>, Named<'a>) {
    let params = named_items(t.node, "inputs", "parameters")
        .into_iter()
        .filter(|(_, p)| inputs::parameter_required(p))
        .collect();
    let artifacts = named_items(t.node, "inputs", "artifacts")
        .into_iter()
        .filter(|(_, a)| inputs::artifact_required(a))
        .collect();
    (params, artifacts)
}

pub use crate::model::inputs::has_location;

/// Names passed under `arguments.<list>` of a call.
fn passed<'a>(holder: &'a Node, list: &str, with_value: bool) -> Vec<&'a str> {
    named_items(holder, "arguments", list)
        .into_iter()
        .filter(|(_, n)| !with_value || n.get("value").is_some() || n.get("valueFrom").is_some())
        .map(|(name, _)| name)
        .collect()
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let templates = Templates::of(Some(spec));
    let manifest = cx.manifest;
    for (t, step, callee, target) in resolved_calls(cx) {
        let at = ["template", "templateRef", "inline"]
            .iter()
            .find_map(|k| step.node.entry(k))
            .map_or(step.node.span, |e| {
                if e.value.as_str().is_some() {
                    e.value.span
                } else {
                    e.key.span
                }
            });
        let who = noun(&step, &t);
        let params = passed(step.node, "parameters", false);
        let artifacts = passed(step.node, "artifacts", false);
        missing(cx, &callee, target, &params, &artifacts, at, &who);
    }
    // The entrypoint gets `spec.arguments` (WorkflowTemplates are checked with
    // placeholder arguments: their callers supply them).
    if !matches!(manifest.kind, Kind::Workflow | Kind::CronWorkflow) {
        return;
    }
    let mut arg_specs = vec![spec];
    let mut entry_templates = templates;
    let mut remote = None;
    if let Some(r) = spec.get("workflowTemplateRef") {
        match cx.workspace.resolve_ref(&TemplateRef::of(r), &manifest) {
            Resolution::Found(def) => {
                let Some(s) = def.manifest.workflow_spec() else {
                    return;
                };
                arg_specs.push(s);
                entry_templates = Templates::of(Some(s));
                remote = Some(*def);
            }
            _ => return,
        }
    }
    let mut params = Vec::new();
    let mut artifacts = Vec::new();
    for s in &arg_specs {
        params.extend(passed(s.node, "parameters", true));
        artifacts.extend(passed(s.node, "artifacts", false));
    }
    // The entrypoint and the exit handler are both called with `spec.arguments`.
    for (key, who) in [
        ("onExit", "the exit handler's caller (`spec.arguments`)"),
        ("entrypoint", "the workflow (`spec.arguments`)"),
    ] {
        let Some(named) = arg_specs.iter().find_map(|s| s.get(key)) else {
            continue;
        };
        let Some(target) = named.as_str().and_then(|n| entry_templates.get(n)) else {
            continue;
        };
        let callee = match remote {
            Some(def) => Callee::Remote(target, def),
            None => Callee::Local(target),
        };
        // Point at this document's key, or its `workflowTemplateRef` when the key comes
        // from the referenced template.
        let at = spec.get(key).map_or_else(
            || {
                spec.get("workflowTemplateRef")
                    .map_or(spec.node.span, |r| r.span)
            },
            |e| e.span,
        );
        missing(cx, &callee, target, &params, &artifacts, at, who);
    }
}

fn missing(
    cx: &mut Context<'_>,
    callee: &Callee<'_>,
    target: Template<'_>,
    params: &[&str],
    artifacts: &[&str],
    at: Span,
    who: &str,
) {
    let (need_p, need_a) = required_inputs(target);
    let describe = callee.describe();
    for (kind, need, have) in [
        ("parameter", need_p, params),
        ("artifact", need_a, artifacts),
    ] {
        for (name, decl) in need {
            if have.contains(&name) {
                continue;
            }
            let list = if kind == "parameter" {
                "parameters"
            } else {
                "artifacts"
            };
            let mut d = cx.diag(at,
                format!("{who} does not pass input {kind} `{name}` required by {describe}"),
            )
            .with_help(format!(
                "add `{{name: {name}, {}: …}}` under `arguments.{list}`, or give the input a default",
                if kind == "parameter" { "value" } else { "from" }
            ));
            if callee.is_local() {
                let s = decl.get("name").map_or(decl.span, |n| n.span);
                d = d.with_label(s, format!("input {kind} `{name}` is declared here"));
            }
            cx.report(d);
        }
    }
}
