//! Variable scopes: which `{{…}}` references resolve where, following Argo's validator
//! (global workflow variables, a template's inputs, earlier steps, DAG tasks, loop items).

use std::collections::{HashMap, HashSet};

use crate::model::expr::parse_depends;
use crate::model::{Kind, Manifest, Template, TemplateType, WorkflowSpec};
use crate::source::Span;
use crate::source::{Node, NodeKind};
use crate::workspace::{Resolution, TemplateRef, Workspace};

use super::callee::{self, Callee, Templates, is_dynamic};

/// The roots Argo checks; a tag starting with anything else is left alone (`{{item}}`,
/// `{{retries}}`, `{{lastRetry.exitCode}}`, `{{node.name}}`, custom tags).
const CHECKED_ROOTS: [&str; 7] = [
    "item.",
    "steps.",
    "inputs.",
    "outputs.",
    "pod.",
    "workflow.",
    "tasks.",
];

/// Always accepted: Argo fills these at run time, or accepts them unconditionally.
/// `workflow.labels.*` and `workflow.annotations.*` can be set at submission, so any key
/// is accepted (upstream wants them declared in the manifest).
const EXEMPT_PREFIXES: [&str; 8] = [
    "outputs.",
    "workflow.creationTimestamp",
    "workflow.scheduledTime",
    "workflow.duration",
    "workflow.labels.",
    "workflow.annotations.",
    "tasks.name",
    "steps.name",
];

/// Whether Argo checks this reference at all.
pub fn is_checked(reference: &str) -> bool {
    CHECKED_ROOTS.iter().any(|r| reference.starts_with(r))
        && !EXEMPT_PREFIXES.iter().any(|p| reference.starts_with(p))
}

/// A set of variable names plus prefixes under which anything resolves.
#[derive(Default, Debug, Clone)]
pub struct Scope {
    names: HashSet<String>,
    prefixes: Vec<String>,
}

impl Scope {
    pub fn add(&mut self, name: impl Into<String>) {
        self.names.insert(name.into());
    }

    pub fn add_prefix(&mut self, prefix: impl Into<String>) {
        self.prefixes.push(prefix.into());
    }

    pub fn contains(&self, r: &str) -> bool {
        self.names.contains(r) || self.prefixes.iter().any(|p| r.starts_with(p.as_str()))
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }
}

/// Scopes stacked innermost first.
pub struct Layers<'s>(pub Vec<&'s Scope>);

impl Layers<'_> {
    pub fn contains(&self, r: &str) -> bool {
        self.0.iter().any(|s| s.contains(r))
    }

    /// The closest name in any layer, for "did you mean".
    pub fn suggest(&self, r: &str) -> Option<String> {
        let mut names: Vec<&str> = self.0.iter().flat_map(|s| s.names()).collect();
        names.sort_unstable(); // deterministic choice among equally close names
        crate::suggest::did_you_mean(r, &names).map(str::to_string)
    }
}

/// `workflow.*` variables every template of a document sees.
pub fn global_scope<'a>(
    referrer: &Manifest<'_>,
    spec: Option<WorkflowSpec<'a>>,
    workspace: &'a Workspace<'a>,
) -> Scope {
    let kind = referrer.kind;
    let mut s = Scope::default();
    for v in [
        "name",
        "namespace",
        "uid",
        "mainEntrypoint",
        "serviceAccountName",
        "status",
        "annotations",
        "annotations.json",
        "labels",
        "labels.json",
    ] {
        s.add(format!("workflow.{v}"));
    }
    let Some(spec) = spec else {
        s.add_prefix("workflow.");
        return s;
    };
    if matches!(kind, Kind::WorkflowTemplate | Kind::ClusterWorkflowTemplate) {
        // Parameters are supplied by whichever workflow runs the template.
        s.add_prefix("workflow.parameters");
    }
    let mut specs = vec![spec];
    if let Some(r) = spec.get("workflowTemplateRef") {
        let r = TemplateRef::of(r);
        match workspace.resolve_ref(&r, referrer) {
            Resolution::Found(def) if !r.is_dynamic() => {
                specs.extend(def.manifest.workflow_spec());
            }
            _ => s.add_prefix("workflow."),
        }
    }
    let mut any_param = false;
    for sp in &specs {
        for p in sp.argument_parameters() {
            if let Some(n) = p.get("name").and_then(Node::as_str) {
                s.add(format!("workflow.parameters.{n}"));
                any_param = true;
            }
        }
        if sp.get("priority").is_some() {
            s.add("workflow.priority");
        }
        for t in sp.templates() {
            add_global_outputs(&mut s, t);
            if t.invocations().any(|st| st.get("templateRef").is_some()) {
                // Referenced templates may declare global outputs of their own.
                s.add_prefix("workflow.outputs.");
            }
        }
    }
    if any_param {
        s.add("workflow.parameters");
        s.add("workflow.parameters.json");
    }
    s
}

fn add_global_outputs(s: &mut Scope, t: Template<'_>) {
    let Some(outputs) = t.get("outputs") else {
        return;
    };
    for (list, kind) in [("parameters", "parameters"), ("artifacts", "artifacts")] {
        for o in outputs.seq(list) {
            if let Some(g) = o.get("globalName").and_then(Node::as_str) {
                if is_dynamic(g) {
                    s.add_prefix(format!("workflow.outputs.{kind}."));
                } else {
                    s.add(format!("workflow.outputs.{kind}.{g}"));
                }
            }
        }
    }
}

/// What a template's own body sees: its inputs and, in a pod, `pod.name`.
pub fn template_scope(t: Template<'_>) -> Scope {
    let mut s = Scope::default();
    let ty = t.template_type();
    // Argo substitutes `{{inputs.parameters}}` (the JSON list of the inputs, `[]` when there
    // are none) in every template before it validates the rest.
    s.add("inputs.parameters");
    if let Some(inputs) = t.get("inputs") {
        let params = inputs.seq("parameters");
        for p in params {
            if let Some(n) = p.get("name").and_then(Node::as_str) {
                s.add(format!("inputs.parameters.{n}"));
            }
        }
        for a in inputs.seq("artifacts") {
            if let Some(n) = a.get("name").and_then(Node::as_str) {
                s.add(format!("inputs.artifacts.{n}"));
                if ty.is_some_and(TemplateType::is_leaf) {
                    s.add(format!("inputs.artifacts.{n}.path"));
                }
            }
        }
    }
    if ty.is_some_and(TemplateType::runs_pod) {
        s.add("pod.name");
    }
    s
}

/// Adds what `{{<prefix>.…}}` (`steps.a` or `tasks.a`) offers once the node has run.
pub fn add_node_outputs(s: &mut Scope, prefix: &str, holder: &Node, callee: &Callee<'_>) {
    for f in ["id", "startedAt", "finishedAt", "hostNodeName"] {
        s.add(format!("{prefix}.{f}"));
    }
    let Some(t) = callee.template() else {
        if matches!(callee, Callee::Unknown) {
            s.add_prefix(format!("{prefix}."));
        }
        return;
    };
    let ty = t.template_type();
    if t.get("daemon").and_then(Node::as_bool) == Some(true) {
        s.add(format!("{prefix}.ip"));
    }
    let has_main = t.get("containerSet").is_some_and(|cs| {
        cs.seq("containers")
            .iter()
            .any(|c| c.get("name").and_then(Node::as_str) == Some("main"))
    });
    let result = match ty {
        Some(
            TemplateType::Container
            | TemplateType::Script
            | TemplateType::Data
            | TemplateType::Http
            | TemplateType::Plugin,
        ) => true,
        Some(TemplateType::ContainerSet) => has_main,
        _ => false,
    };
    if result {
        s.add(format!("{prefix}.outputs.result"));
        s.add(format!("{prefix}.exitCode"));
    }
    if let Some(outputs) = t.get("outputs") {
        for (list, kind) in [("parameters", "parameters"), ("artifacts", "artifacts")] {
            for o in outputs.seq(list) {
                if let Some(n) = o.get("name").and_then(Node::as_str) {
                    s.add(format!("{prefix}.outputs.{kind}.{n}"));
                }
            }
        }
        // A steps/dag callee may expose outputs of its own children dynamically.
        if outputs
            .seq("parameters")
            .iter()
            .any(|o| o.get("name").and_then(Node::as_str).is_some_and(is_dynamic))
        {
            s.add_prefix(format!("{prefix}.outputs.parameters."));
        }
    }
    if holder.get("withItems").is_some() || holder.get("withParam").is_some() {
        s.add(format!("{prefix}.outputs.parameters"));
        s.add(format!("{prefix}.outputs.result"));
        s.add(format!("{prefix}.exitCode"));
    }
}

/// Adds the `item.…` variables a step's or task's loop defines.
pub fn add_loop_items(s: &mut Scope, holder: &Node) {
    if holder.get("withParam").is_some() {
        s.add_prefix("item.");
        return;
    }
    if let Some(items) = holder.get("withItems") {
        match items.as_seq() {
            Some(items) => {
                for it in items {
                    match &it.kind {
                        NodeKind::Map(entries) => {
                            for e in entries {
                                if let Some(k) = e.key_str() {
                                    s.add(format!("item.{k}"));
                                    // `{{item.a.b}}` on nested maps is resolved by Argo's
                                    // substitution of the JSON value; accept it.
                                    if e.value.as_map().is_some() {
                                        s.add_prefix(format!("item.{k}."));
                                    }
                                }
                            }
                        }
                        NodeKind::Seq(list) => {
                            for i in 0..list.len() {
                                s.add(format!("item.[{i}]"));
                            }
                        }
                        NodeKind::Scalar(sc) if is_dynamic(&sc.value) => s.add_prefix("item."),
                        NodeKind::Scalar(_) => {}
                    }
                }
            }
            // A string (an expression or parameter producing the list): anything goes.
            None => s.add_prefix("item."),
        }
    }
}

/// The names of the tasks each DAG task depends on, from `dependencies` and `depends`.
pub fn dag_dependencies<'a>(tasks: &[&'a Node]) -> HashMap<&'a str, Vec<&'a str>> {
    let mut deps: HashMap<&'a str, Vec<&'a str>> = HashMap::new();
    for t in tasks {
        let Some(name) = t.get("name").and_then(Node::as_str) else {
            continue;
        };
        let mut d: Vec<&'a str> = t
            .seq("dependencies")
            .iter()
            .filter_map(Node::as_str)
            .collect();
        if let Some(expr) = t.get("depends").and_then(Node::as_str)
            && let Ok(ops) = parse_depends(expr)
        {
            d.extend(ops.iter().map(|o| o.task));
        }
        deps.entry(name).or_default().extend(d);
    }
    deps
}

/// Every transitive dependency of `task` (cycles are tolerated).
pub fn ancestors<'a>(task: &str, deps: &HashMap<&'a str, Vec<&'a str>>) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    let mut stack: Vec<&'a str> = deps.get(task).cloned().unwrap_or_default();
    while let Some(t) = stack.pop() {
        if seen.insert(t)
            && let Some(more) = deps.get(t)
        {
            stack.extend(more.iter().copied());
        }
    }
    seen
}

/// The global scopes of a document's templates: `{{workflow.failures}}` exists only for an
/// exit handler (`spec.onExit`): Argo validates the templates the entrypoint reaches before
/// it adds the variable, and the others after, so only those may read it; without an exit
/// handler none may.
pub struct Globals<'a> {
    pub entry: Scope,
    pub exit: Scope,
    reached: HashSet<&'a str>,
}

impl<'a> Globals<'a> {
    pub fn of(
        manifest: &Manifest<'_>,
        spec: WorkflowSpec<'a>,
        templates: &Templates<'a>,
        workspace: &'a Workspace<'a>,
    ) -> Globals<'a> {
        let entry = global_scope(manifest, Some(spec), workspace);
        let mut exit = entry.clone();
        let has_exit = spec
            .get("onExit")
            .and_then(Node::as_str)
            .is_some_and(|s| !s.is_empty());
        if has_exit {
            exit.add("workflow.failures");
        }
        Globals {
            entry,
            exit,
            reached: reached_from_entrypoint(spec, templates),
        }
    }

    /// The global scope template `t` sees.
    pub fn of_template(&self, t: Template<'_>) -> &Scope {
        match t.name() {
            Some(n) if self.reached.contains(n) => &self.entry,
            _ => &self.exit,
        }
    }
}

/// The templates of this document that its entrypoint reaches through steps and DAG tasks.
fn reached_from_entrypoint<'a>(
    spec: WorkflowSpec<'a>,
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

/// A step or task and what it calls.
pub struct Call<'a> {
    pub name: Option<&'a str>,
    pub node: &'a Node,
    pub callee: Callee<'a>,
}

impl<'a> Call<'a> {
    pub fn of(
        node: &'a Node,
        templates: &Templates<'a>,
        manifest: &Manifest<'a>,
        workspace: &'a Workspace<'a>,
    ) -> Call<'a> {
        Call {
            name: node.get("name").and_then(Node::as_str),
            node,
            callee: callee::resolve(node, templates, manifest, workspace),
        }
    }

    pub fn name_span(&self) -> Span {
        self.node.get("name").map_or(self.node.span, |n| n.span)
    }

    /// The inputs of an `inline` template the step or task calls.
    pub fn inline_scope(&self) -> Scope {
        match self.callee {
            Callee::Inline(it) => template_scope(it),
            _ => Scope::default(),
        }
    }
}

fn has_exit_hook(node: &Node) -> bool {
    node.get("onExit").is_some() || node.get("hooks").and_then(|h| h.get("exit")).is_some()
}

/// What step `i` of a steps template sees of the steps: the status and loop items of its
/// own group's steps and earlier ones, the outputs of earlier ones (and its own, for an exit
/// handler).
pub fn step_scope(calls: &[Call<'_>], i: usize) -> Scope {
    let mut s = Scope::default();
    let Some(c) = calls.get(i) else {
        return s;
    };
    for (j, o) in calls.iter().enumerate().take(i + 1) {
        let Some(n) = o.name else { continue };
        s.add(format!("steps.{n}.status"));
        add_loop_items(&mut s, o.node);
        if j < i || has_exit_hook(c.node) {
            add_node_outputs(&mut s, &format!("steps.{n}"), o.node, &o.callee);
        }
    }
    s
}

/// What every task of a DAG sees of the other tasks: their outputs.
pub fn dag_scope(calls: &[Call<'_>]) -> Scope {
    let mut all = Scope::default();
    for c in calls {
        if let Some(n) = c.name {
            add_node_outputs(&mut all, &format!("tasks.{n}"), c.node, &c.callee);
            if c.node.get("hooks").is_some() {
                all.add(format!("tasks.{n}.status"));
            }
        }
    }
    all
}

/// What task `c` sees besides [`dag_scope`]: the status of its transitive dependencies and
/// its loop items; with those dependencies.
pub fn task_scope<'a>(
    c: &Call<'a>,
    deps: &HashMap<&'a str, Vec<&'a str>>,
) -> (Scope, HashSet<&'a str>) {
    let anc = c.name.map(|n| ancestors(n, deps)).unwrap_or_default();
    let mut s = Scope::default();
    for a in &anc {
        s.add(format!("tasks.{a}.status"));
    }
    add_loop_items(&mut s, c.node);
    (s, anc)
}

/// What a steps or DAG template's `outputs` see of its steps or tasks.
pub fn outputs_scope(calls: &[Call<'_>], dag: bool) -> Scope {
    let root = if dag { "tasks" } else { "steps" };
    let mut s = Scope::default();
    for c in calls {
        if let Some(n) = c.name {
            s.add(format!("{root}.{n}.status"));
            add_node_outputs(&mut s, &format!("{root}.{n}"), c.node, &c.callee);
        }
    }
    s
}
