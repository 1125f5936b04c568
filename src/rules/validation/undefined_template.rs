//! `undefined-template`: `template:`, `entrypoint` or `onExit` names no template.

use crate::diagnostic::Severity;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::Node;
use crate::workspace::TemplateRef;

use super::callee::{Templates, is_dynamic};
use super::calls;

pub static META: RuleMeta = RuleMeta {
    code: "AL301",
    name: "undefined-template",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "`entrypoint`, `onExit`, a step's or task's `template`, or a hook's `template` names no template of the workflow.",
    docs: r#"
## What it does
Checks that every template name used in the document is defined under `spec.templates`
(documents with neither `templates` nor `workflowTemplateRef`, such as kustomize patches,
are skipped):
`spec.entrypoint`, `spec.onExit`, the `template` of each step and DAG task, and (an
argolint extension, reported as a warning because Argo only notices at run time) the
`onExit` of steps and tasks and the `template` of lifecycle `hooks`. With a
`workflowTemplateRef`, `entrypoint` and `onExit` are looked up in the referenced
template when it is among the linted files.

## Why is this bad
Argo rejects the workflow ("template name 'mian' undefined"); a hook or step-level exit
handler naming a missing template fails the workflow when it fires, often at the end of a
long run.

## Example
```yaml
spec:
  entrypoint: mian
  templates:
    - name: main
      container: {image: alpine:3.20}
```

## How to fix
Use the name of a defined template (the message suggests the closest one), or define it.
"#,
};

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let no_templates = spec
        .get("templates")
        .is_none_or(|t| t.as_seq().is_none_or(<[_]>::is_empty));
    if no_templates && spec.get("workflowTemplateRef").is_none() {
        // Nothing to resolve names against; but an entrypoint then names nothing, and
        // Argo rejects the workflow.
        if let Some(v) = spec.get("entrypoint")
            && let Some(name) = v.as_str().filter(|n| !n.is_empty() && !is_dynamic(n))
        {
            cx.report(
                cx.diag(v.span,
                    format!("entrypoint `{name}` is not defined: the workflow has no templates"),
                )
                .with_help("add the template under `spec.templates`, or run a WorkflowTemplate with `workflowTemplateRef`"),
            );
        }
        return;
    }
    let own = Templates::of(Some(spec));
    // With a workflowTemplateRef, entrypoint and onExit name templates of the target.
    let mut top = None;
    if let Some(r) = spec.get("workflowTemplateRef") {
        let as_ref = RefNode(r);
        top = as_ref.target(cx);
        if top.is_none() {
            // Unknown target: nothing to check entrypoint and onExit against.
            check_calls(cx, &own, spec);
            return;
        }
    }
    let top_templates = top.map_or_else(|| Templates::of(Some(spec)), |s| Templates::of(Some(s)));
    for key in ["entrypoint", "onExit"] {
        if let Some(v) = spec.get(key) {
            report(cx, &top_templates, v, key, Severity::Error, top.is_none());
        }
    }
    if let Some(hooks) = spec.get("hooks") {
        hook_templates(cx, &top_templates, hooks, top.is_none());
    }
    check_calls(cx, &own, spec);
}

struct RefNode<'a>(&'a Node);

impl<'a> RefNode<'a> {
    /// The spec of the referenced (Cluster)WorkflowTemplate, when among the files.
    fn target(&self, cx: &Context<'a>) -> Option<crate::model::WorkflowSpec<'a>> {
        let r = TemplateRef::of(self.0);
        r.name?;
        match cx.workspace.resolve_ref(&r, &cx.manifest) {
            crate::workspace::Resolution::Found(def) => def.manifest.workflow_spec(),
            _ => None,
        }
    }
}

fn check_calls<'a>(
    cx: &mut Context<'a>,
    own: &Templates<'a>,
    spec: crate::model::WorkflowSpec<'a>,
) {
    for (_, step) in calls(spec) {
        if step.get("templateRef").is_none()
            && step.get("inline").is_none()
            && let Some(v) = step.get("template")
        {
            report(cx, own, v, "template", Severity::Error, true);
        }
        if let Some(v) = step.get("onExit") {
            report(cx, own, v, "onExit", Severity::Warning, true);
        }
        if let Some(hooks) = step.get("hooks") {
            hook_templates(cx, own, hooks, true);
        }
    }
}

fn hook_templates<'a>(
    cx: &mut Context<'a>,
    templates: &Templates<'a>,
    hooks: &'a Node,
    local: bool,
) {
    for e in hooks.as_map().unwrap_or(&[]) {
        let h = &e.value;
        if h.get("templateRef").is_some() {
            continue;
        }
        if let Some(v) = h.get("template") {
            report(cx, templates, v, "hook template", Severity::Warning, local);
        }
    }
}

fn report<'a>(
    cx: &mut Context<'a>,
    templates: &Templates<'a>,
    value: &'a Node,
    what: &str,
    severity: Severity,
    local: bool,
) {
    let Some(name) = value.as_str() else { return };
    if name.is_empty() || is_dynamic(name) || templates.get(name).is_some() {
        return;
    }
    let mut d = cx
        .diag(
            value.span,
            format!("{what} `{name}` is not defined: no template has this name"),
        )
        .with_severity(severity);
    match crate::suggest::did_you_mean_unique(name, &templates.names) {
        Some((s, unique)) => {
            d = d.with_help(format!("did you mean `{s}`?"));
            // Only the reference changes; safe when one template name is that near.
            let edit = vec![crate::diagnostic::Edit::rename_scalar(value, s)];
            let message = format!("call `{s}` instead of `{name}`");
            d = d.with_fix(if unique {
                crate::diagnostic::Fix::safe(message, edit)
            } else {
                crate::diagnostic::Fix::unsafe_(message, edit)
            });
            if let Some(t) = templates.get(s).filter(|_| local) {
                d = d.with_label(t.name_span(), format!("template `{s}` is defined here"));
            }
        }
        None if !templates.names.is_empty() => {
            let mut list: Vec<String> = templates
                .names
                .iter()
                .take(8)
                .map(|n| format!("`{n}`"))
                .collect();
            if templates.names.len() > 8 {
                list.push("…".into());
            }
            d = d.with_help(format!("the templates are {}", list.join(", ")));
        }
        None => {}
    }
    cx.report(d);
}
