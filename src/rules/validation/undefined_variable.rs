//! `undefined-variable`: a `{{…}}` reference that does not resolve where it is used.

use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::TemplateType;
use crate::model::expr::scan_tags;
use crate::model::{Manifest, Template};
use crate::rules::{Category, Context, RuleMeta};
use crate::source::{Node, Span};

use super::callee::{self, Callee, Templates};
use super::scope::{
    Layers, Scope, add_loop_items, add_node_outputs, ancestors, dag_dependencies, global_scope,
    is_checked, template_scope,
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

/// A step or task and what it calls.
struct Call<'a> {
    name: Option<&'a str>,
    node: &'a Node,
    callee: Callee<'a>,
}

impl<'a> Call<'a> {
    fn name_span(&self) -> Span {
        self.node.get("name").map_or(self.node.span, |n| n.span)
    }
}

/// Runs the rule on one document.
pub fn check(cx: &mut Context<'_>) {
    let Some(spec) = cx.workflow_spec() else {
        return;
    };
    let manifest = cx.manifest;
    let workspace = cx.workspace;
    let templates = Templates::of(Some(spec));
    let global = global_scope(&manifest, Some(spec), workspace);
    // `{{workflow.failures}}` exists only for an exit handler (`spec.onExit`): Argo
    // validates the templates the entrypoint reaches before it adds the variable, and
    // the others after, so only those may read it; without an exit handler none may.
    let mut exit_global = global.clone();
    let has_exit = spec
        .get("onExit")
        .and_then(Node::as_str)
        .is_some_and(|s| !s.is_empty());
    if has_exit {
        exit_global.add("workflow.failures");
    }
    let reached = reached_from_entrypoint(spec, &templates);
    let mut f = Finder {
        cx,
        seen: HashSet::new(),
    };
    for t in spec.templates() {
        let local = template_scope(t);
        let global = match t.name() {
            Some(n) if reached.contains(n) => &global,
            _ => &exit_global,
        };
        match t.template_type() {
            Some(TemplateType::Steps) => {
                let calls: Vec<Call<'_>> = t
                    .steps()
                    .map(|s| call(s.node, &templates, &manifest, workspace))
                    .collect();
                f.steps(t, &calls, &local, global);
            }
            Some(TemplateType::Dag) => {
                let calls: Vec<Call<'_>> = t
                    .dag_tasks()
                    .map(|s| call(s.node, &templates, &manifest, workspace))
                    .collect();
                f.dag(t, &calls, &local, global);
            }
            _ => f.check(t.node, t, &Layers(vec![&local, global]), &Site::Body),
        }
    }
}

/// The templates of this document that its entrypoint reaches through steps and DAG tasks.
fn reached_from_entrypoint<'a>(
    spec: crate::model::WorkflowSpec<'a>,
    templates: &Templates<'a>,
) -> HashSet<&'a str> {
    let mut reached = HashSet::new();
    let mut todo: Vec<&'a str> = spec
        .get("entrypoint")
        .and_then(Node::as_str)
        .into_iter()
        .collect();
    while let Some(name) = todo.pop() {
        if !reached.insert(name) {
            continue;
        }
        let Some(t) = templates.get(name) else {
            continue;
        };
        for s in t.steps().chain(t.dag_tasks()) {
            if s.node.get("templateRef").is_none()
                && let Some(callee) = s.node.get("template").and_then(Node::as_str)
            {
                todo.push(callee);
            }
        }
    }
    reached
}

fn call<'a>(
    node: &'a Node,
    templates: &Templates<'a>,
    manifest: &Manifest<'a>,
    workspace: &'a crate::workspace::Workspace<'a>,
) -> Call<'a> {
    Call {
        name: node.get("name").and_then(Node::as_str),
        node,
        callee: callee::resolve(node, templates, manifest, workspace),
    }
}

fn has_exit_hook(node: &Node) -> bool {
    node.get("onExit").is_some() || node.get("hooks").and_then(|h| h.get("exit")).is_some()
}

impl<'a> Finder<'_, 'a> {
    fn steps(&mut self, t: Template<'a>, calls: &[Call<'a>], local: &Scope, global: &Scope) {
        for (i, c) in calls.iter().enumerate() {
            let mut s = Scope::default();
            for (j, o) in calls.iter().enumerate().take(i + 1) {
                let Some(n) = o.name else { continue };
                s.add(format!("steps.{n}.status"));
                add_loop_items(&mut s, o.node);
                if j < i || has_exit_hook(c.node) {
                    add_node_outputs(&mut s, &format!("steps.{n}"), o.node, &o.callee);
                }
            }
            let inline = match c.callee {
                Callee::Inline(it) => template_scope(it),
                _ => Scope::default(),
            };
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
        let mut all = Scope::default();
        for c in calls {
            if let Some(n) = c.name {
                add_node_outputs(&mut all, &format!("tasks.{n}"), c.node, &c.callee);
                if c.node.get("hooks").is_some() {
                    all.add(format!("tasks.{n}.status"));
                }
            }
        }
        let nodes: Vec<&Node> = calls.iter().map(|c| c.node).collect();
        let deps = dag_dependencies(&nodes);
        for c in calls {
            let anc = c.name.map(|n| ancestors(n, &deps)).unwrap_or_default();
            let mut s = Scope::default();
            for a in &anc {
                s.add(format!("tasks.{a}.status"));
            }
            add_loop_items(&mut s, c.node);
            let inline = match c.callee {
                Callee::Inline(it) => template_scope(it),
                _ => Scope::default(),
            };
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
        let root = if dag { "tasks" } else { "steps" };
        let mut s = Scope::default();
        for c in calls {
            if let Some(n) = c.name {
                s.add(format!("{root}.{n}.status"));
                add_node_outputs(&mut s, &format!("{root}.{n}"), c.node, &c.callee);
            }
        }
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
            let mut d = explain(&r, span, t, layers, site);
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
) -> Diagnostic {
    let tname = t.name().unwrap_or("?");
    let suggestion = layers.suggest(r);
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
                    help = super::did_you_mean(node, &names);
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
    d
}
