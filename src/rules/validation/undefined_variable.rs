//! `undefined-variable`: a `{{…}}` reference that does not resolve where it is used.

use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Template;
use crate::model::TemplateType;
use crate::model::expr::scan_tags;
use crate::rules::{Category, Context, RuleMeta};
use crate::source::{Node, Span};

use super::callee::Templates;
use super::scope::{
    Call, Globals, Layers, Scope, dag_dependencies, dag_scope, is_checked, outputs_scope,
    step_scope, task_scope, template_scope,
};
use super::{for_each_string, tag_span};

pub static META: RuleMeta = RuleMeta {
    code: "AL306",
    name: "undefined-variable",
    category: Category::Validation,
    severity: Severity::Error,
    fields: &[],
    summary: "A `{{…}}` reference names an input, step, task, loop item or workflow variable that does not exist where it is used.",
    docs: r#"
## What it does
Checks every `{{…}}` tag whose name starts with `inputs.`, `steps.`, `tasks.`, `item.`,
`pod.` or `workflow.` against what is in scope where it is written, as Argo's validator
does: the template's declared inputs; the steps that ran before this one (their `id`,
`status`, `outputs.result`, `exitCode`, declared output parameters and artifacts); the
tasks of the DAG (`status` only for tasks this one depends on); the fields of the loop's
items; and the workflow's variables (`workflow.name`, declared `workflow.parameters.*`,
global outputs from a `globalName`). Misspellings get a "did you mean".

Values only known at run time are never reported: `{{= expressions }}`, tags nested in
other tags, `{{workflow.labels.*}}`, `{{workflow.annotations.*}}`,
`{{workflow.creationTimestamp.*}}`, `{{retries}}`, `{{item}}`, `{{node.name}}`, and the
outputs of templates that live outside the linted files.

## Why is this bad
Argo refuses the workflow at submission ("failed to resolve {{inputs.paraemters.x}}"), or
for steps and tasks resolved at run time, fails the node. The message names neither the
line nor what would have resolved.

## Example
```yaml
- name: print
  inputs:
    parameters:
      - name: message
  container:
    image: alpine:3.20
    args: ["{{inputs.paraemters.message}}"]
```

## How to fix
Use the suggested name, declare the input or output you meant to use, or move the step
after the one whose outputs it reads (in a DAG, add the task to `depends`).
"#,
};

struct Finder<'c, 'a> {
    cx: &'c mut Context<'a>,
    /// References already reported at a span (a step list may be checked twice).
    seen: HashSet<Span>,
}

/// Where a reference is used, to explain why it does not resolve.
enum Site<'s, 'a> {
    Body,
    Step {
        index: usize,
        steps: &'s [Call<'a>],
    },
    Task {
        tasks: &'s [Call<'a>],
        ancestors: &'s HashSet<&'a str>,
    },
    Outputs {
        calls: &'s [Call<'a>],
        dag: bool,
    },
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let manifest = cx.manifest;
    let workspace = cx.workspace;
    let templates = Templates::of(Some(spec));
    let globals = Globals::of(&manifest, spec, &templates, workspace);
    let mut f = Finder {
        cx,
        seen: HashSet::new(),
    };
    for t in spec.templates() {
        let local = template_scope(t);
        let global = globals.of_template(t);
        match t.template_type() {
            Some(TemplateType::Steps) => {
                let calls: Vec<Call<'_>> = t
                    .steps()
                    .map(|s| Call::of(s.node, &templates, &manifest, workspace))
                    .collect();
                f.steps(t, &calls, &local, global);
            }
            Some(TemplateType::Dag) => {
                let calls: Vec<Call<'_>> = t
                    .dag_tasks()
                    .map(|s| Call::of(s.node, &templates, &manifest, workspace))
                    .collect();
                f.dag(t, &calls, &local, global);
            }
            _ => f.check(t.node, t, &Layers(vec![&local, global]), &Site::Body),
        }
    }
}

impl<'a> Finder<'_, 'a> {
    fn steps(&mut self, t: Template<'a>, calls: &[Call<'a>], local: &Scope, global: &Scope) {
        for (i, c) in calls.iter().enumerate() {
            let s = step_scope(calls, i);
            let inline = c.inline_scope();
            let layers = Layers(vec![&s, &inline, local, global]);
            self.check(
                c.node,
                t,
                &layers,
                &Site::Step {
                    index: i,
                    steps: calls,
                },
            );
        }
        self.outputs(t, calls, local, global, false);
    }

    fn dag(&mut self, t: Template<'a>, calls: &[Call<'a>], local: &Scope, global: &Scope) {
        let all = dag_scope(calls);
        let nodes: Vec<&Node> = calls.iter().map(|c| c.node).collect();
        let deps = dag_dependencies(&nodes);
        for c in calls {
            let (s, anc) = task_scope(c, &deps);
            let inline = c.inline_scope();
            let layers = Layers(vec![&s, &all, &inline, local, global]);
            self.check(
                c.node,
                t,
                &layers,
                &Site::Task {
                    tasks: calls,
                    ancestors: &anc,
                },
            );
        }
        if let Some(target) = t.get("dag").and_then(|d| d.get("target")) {
            self.check(target, t, &Layers(vec![&all, local, global]), &Site::Body);
        }
        self.outputs(t, calls, local, global, true);
    }

    fn outputs(
        &mut self,
        t: Template<'a>,
        calls: &[Call<'a>],
        local: &Scope,
        global: &Scope,
        dag: bool,
    ) {
        let Some(outputs) = t.get("outputs") else {
            return;
        };
        let s = outputs_scope(calls, dag);
        self.check(
            outputs,
            t,
            &Layers(vec![&s, local, global]),
            &Site::Outputs { calls, dag },
        );
    }

    fn check(&mut self, node: &'a Node, t: Template<'a>, layers: &Layers<'_>, site: &Site<'_, 'a>) {
        let file = self.cx.file;
        let mut found = Vec::new();
        for_each_string(node, &mut |n, value| {
            if !value.contains("{{") {
                return;
            }
            for tag in scan_tags(value).tags {
                if tag.expression || tag.dynamic {
                    continue;
                }
                let r = tag.reference();
                if !is_checked(r) || layers.contains(r) {
                    continue;
                }
                found.push((tag_span(file, n, value, &tag), r.to_string()));
            }
        });
        // Argo's validation does not resolve the tags of an input parameter's own `value`, nor
        // those of an input artifact's own location (a caller's argument replaces both); what
        // it cannot resolve it keeps as written, and so does the run.
        let inputs = t.get("inputs");
        let own_values: Vec<Span> = t
            .input_parameters()
            .iter()
            .filter_map(|p| p.get("value"))
            .chain(
                inputs
                    .map_or(&[][..], |i| i.seq("artifacts"))
                    .iter()
                    .filter_map(Node::as_map)
                    .flatten()
                    .filter(|e| e.key_str() != Some("path"))
                    .map(|e| &e.value),
            )
            .map(|v| v.span)
            .collect();
        for (span, r) in found {
            if !self.seen.insert(span) {
                continue;
            }
            let (mut d, instead) = explain(&r, span, t, layers, site);
            // The fix renames the reference inside its tag, when it is written as it reads.
            if let Some(new) = instead
                && let Some(text) = file.text.get(span.range())
                && text.matches(r.as_str()).count() == 1
                && let Some(at) = text.find(r.as_str())
            {
                let s = span.start as usize + at;
                if let Some(f) = super::rename_fix(file, Span::new(s, s + r.len()), &r, &new) {
                    d = d.with_fix(f);
                }
            }
            if own_values.iter().any(|v| v.contains(span)) {
                d.severity = crate::diagnostic::Severity::Warning;
                d.help = Some(format!(
                    "{}; a warning: Argo does not check the tags of an input's own value or \
                     location, and leaves them as written when they do not resolve",
                    d.help.as_deref().unwrap_or("check the name")
                ));
            }
            self.cx.report(d);
        }
    }
}

/// The diagnostic for reference `r`, saying why it does not resolve.
fn explain(
    r: &str,
    span: Span,
    t: Template<'_>,
    layers: &Layers<'_>,
    site: &Site<'_, '_>,
) -> (Diagnostic, Option<String>) {
    let tname = t.name().unwrap_or("?");
    let suggestion = layers.suggest(r);
    let mut instead = suggestion.clone();
    let mut label: Option<(Span, String)> = None;
    let mut help: Option<String> = None;
    let parts: Vec<&str> = r.splitn(3, '.').collect();
    let message = match parts.as_slice() {
        ["inputs", kind @ ("parameters" | "artifacts"), rest] => {
            let what = if *kind == "parameters" {
                "input parameter"
            } else {
                "input artifact"
            };
            let name = rest.split('.').next().unwrap_or(rest);
            label = Some((t.name_span(), format!("template `{tname}` is defined here")));
            if suggestion.is_none() {
                help = Some(format!(
                    "declare `{name}` under `inputs.{kind}` of template `{tname}`"
                ));
            }
            match site {
                Site::Step { .. } | Site::Task { .. } => format!(
                    "`{{{{{r}}}}}` does not resolve: template `{tname}` declares no {what} `{name}`"
                ),
                _ => format!("template `{tname}` declares no {what} `{name}`"),
            }
        }
        ["steps" | "tasks", node, rest] => {
            let root = parts[0];
            let noun = if root == "steps" { "step" } else { "task" };
            let calls: &[Call<'_>] = match site {
                Site::Step { steps, .. } => steps,
                Site::Task { tasks, .. } => tasks,
                Site::Outputs { calls, dag } if (*dag) == (root == "tasks") => calls,
                _ => &[],
            };
            let pos = calls.iter().position(|c| c.name == Some(node));
            match (pos, site) {
                (None, _) if calls.is_empty() => {
                    help = Some(format!(
                        "`{root}.*` variables exist only inside a {} template",
                        if root == "steps" { "steps" } else { "DAG" }
                    ));
                    format!(
                        "`{{{{{r}}}}}` is used outside a {noun} list: there is no {noun} `{node}` here"
                    )
                }
                (None, _) => {
                    let names: Vec<&str> = calls.iter().filter_map(|c| c.name).collect();
                    if let Some(s) = crate::suggest::did_you_mean(node, &names) {
                        help = Some(format!("did you mean `{s}`?"));
                        instead = instead.or_else(|| Some(format!("{root}.{s}.{rest}")));
                    }
                    format!("template `{tname}` has no {noun} `{node}`")
                }
                (Some(p), Site::Step { index, .. })
                    if p > *index || (p == *index && !rest.starts_with("status")) =>
                {
                    label = Some((
                        calls[p].name_span(),
                        format!("step `{node}` is defined here"),
                    ));
                    help = Some(format!(
                        "move step `{node}` to an earlier group, or read its outputs in a later step"
                    ));
                    if p == *index {
                        format!(
                            "step `{node}` cannot read its own outputs (only its exit handler can)"
                        )
                    } else {
                        format!(
                            "step `{node}` runs after this one: `{{{{{r}}}}}` is not available yet"
                        )
                    }
                }
                (Some(p), Site::Task { ancestors, .. })
                    if *rest == "status" && !ancestors.contains(node) =>
                {
                    label = Some((
                        calls[p].name_span(),
                        format!("task `{node}` is defined here"),
                    ));
                    help = Some(format!("add `{node}` to this task's `depends`"));
                    format!("`{{{{{r}}}}}` is only available to tasks that depend on `{node}`")
                }
                (Some(p), _) => {
                    let c = &calls[p];
                    label = Some((c.name_span(), format!("{noun} `{node}` is defined here")));
                    let callee = c.callee.describe();
                    format!(
                        "`{{{{{r}}}}}` does not resolve: {noun} `{node}` calls {callee}, which does not produce `{rest}`"
                    )
                }
            }
        }
        ["item", ..] => {
            help = Some("loop items are available only in the step or task that loops (`withItems`, `withParam`, `withSequence`), and `item.<key>` only for keys the items have".into());
            format!("`{{{{{r}}}}}` does not resolve: no loop here has items with this field")
        }
        ["workflow", "parameters", name] => {
            help = Some(format!(
                "declare `{name}` under `spec.arguments.parameters`"
            ));
            format!("the workflow declares no parameter `{name}`")
        }
        ["workflow", "outputs", rest] => {
            help =
                Some("a global output exists once a template declares it with `globalName`".into());
            format!("no template declares a global output `{rest}` (`globalName`)")
        }
        ["pod", "name"] => {
            help = Some("`{{pod.name}}` is set only in templates that run a pod (container, script, resource, containerSet, data)".into());
            format!(
                "template `{tname}` runs no pod of its own: `{{{{pod.name}}}}` does not resolve"
            )
        }
        _ => format!("`{{{{{r}}}}}` is not a variable Argo defines here"),
    };
    let mut d = Diagnostic::new(&META, span, message);
    if let Some(s) = suggestion {
        d = d.with_help(format!("did you mean `{{{{{s}}}}}`?"));
    } else if let Some(h) = help {
        d = d.with_help(h);
    }
    if let Some((s, m)) = label {
        d = d.with_label(s, m);
    }
    (d, instead)
}
