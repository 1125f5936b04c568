//! Cross references: where a document declares the names of its templates, steps, DAG
//! tasks and parameters (and a WorkflowTemplate its own name), and where it uses them, each
//! with the span of the name itself.
//!
//! The language server's navigation (definition, references, rename, highlights) reads only
//! this; what counts as a use of a name is decided here, once. Names are matched by
//! [`Symbol`]: a symbol of a Workflow document is private to it, a symbol of a
//! (Cluster)WorkflowTemplate is shared with every file that reaches it by `templateRef`.
//! Namespaces are not part of a symbol: two WorkflowTemplates of the same name in different
//! namespaces are one symbol here.

use crate::model::expr::{parse_depends, scan_tags};
use crate::model::{Kind, Manifest, Template};
use crate::source::{Node, NodeKind, SourceFile, Span, value_subspan};

/// Whose names these are.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    /// The document at this index of its file (a Workflow, a CronWorkflow, or a template
    /// document without a name).
    Document(usize),
    /// The WorkflowTemplate (`cluster: false`) or ClusterWorkflowTemplate of this name.
    Shared { cluster: bool, name: String },
}

/// A name, with the scope that makes it unique.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Symbol {
    /// A WorkflowTemplate or ClusterWorkflowTemplate (its `metadata.name`).
    Definition {
        cluster: bool,
        name: String,
    },
    Template {
        owner: Owner,
        name: String,
    },
    Step {
        owner: Owner,
        template: String,
        name: String,
    },
    Task {
        owner: Owner,
        template: String,
        name: String,
    },
    /// An input parameter of a template.
    Input {
        owner: Owner,
        template: String,
        name: String,
    },
    /// A parameter of the spec's `arguments` (`{{workflow.parameters.x}}`).
    WorkflowParameter {
        owner: Owner,
        name: String,
    },
}

impl Symbol {
    pub fn name(&self) -> &str {
        match self {
            Symbol::Definition { name, .. }
            | Symbol::Template { name, .. }
            | Symbol::Step { name, .. }
            | Symbol::Task { name, .. }
            | Symbol::Input { name, .. }
            | Symbol::WorkflowParameter { name, .. } => name,
        }
    }

    /// The same scope with another name (to look for a clash before a rename).
    pub fn renamed(&self, new: &str) -> Symbol {
        let mut s = self.clone();
        match &mut s {
            Symbol::Definition { name, .. }
            | Symbol::Template { name, .. }
            | Symbol::Step { name, .. }
            | Symbol::Task { name, .. }
            | Symbol::Input { name, .. }
            | Symbol::WorkflowParameter { name, .. } => *name = new.to_string(),
        }
        s
    }

    /// What the name names, for messages.
    pub fn what(&self) -> &'static str {
        match self {
            Symbol::Definition { cluster: true, .. } => "ClusterWorkflowTemplate",
            Symbol::Definition { .. } => "WorkflowTemplate",
            Symbol::Template { .. } => "template",
            Symbol::Step { .. } => "step",
            Symbol::Task { .. } => "DAG task",
            Symbol::Input { .. } => "input parameter",
            Symbol::WorkflowParameter { .. } => "workflow parameter",
        }
    }

    /// Whether other files may use the name (through `templateRef`/`workflowTemplateRef`).
    pub fn is_shared(&self) -> bool {
        match self {
            Symbol::Definition { .. } => true,
            Symbol::Template { owner, .. }
            | Symbol::Step { owner, .. }
            | Symbol::Task { owner, .. }
            | Symbol::Input { owner, .. }
            | Symbol::WorkflowParameter { owner, .. } => matches!(owner, Owner::Shared { .. }),
        }
    }

    /// Whether `name` is a name Argo accepts for this kind of symbol.
    pub fn accepts(&self, name: &str) -> bool {
        use crate::model::expr::{is_valid_object_name, is_valid_parameter_name};
        match self {
            Symbol::Definition { .. } => crate::api::k8s_names::dns1123_subdomain(name).is_none(),
            Symbol::Template { .. } | Symbol::Step { .. } | Symbol::Task { .. } => {
                is_valid_object_name(name)
            }
            Symbol::Input { .. } | Symbol::WorkflowParameter { .. } => {
                is_valid_parameter_name(name)
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Declaration,
    Reference,
}

/// One place a name is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub symbol: Symbol,
    pub role: Role,
    /// The name as written; the whole scalar when `exact` is false.
    pub span: Span,
    /// `span` is exactly the name (not written through escapes or folded lines).
    pub exact: bool,
    /// The index of the document in its file.
    pub document: usize,
}

/// Every occurrence of a name in one document, in no particular order and without
/// duplicates (aliases repeat the nodes of their anchor).
pub fn occurrences(file: &SourceFile, document: usize, m: &Manifest<'_>) -> Vec<Occurrence> {
    let owner = owner_of(m, document);
    let mut c = Collector {
        file,
        document,
        owner: owner.clone(),
        out: Vec::new(),
    };
    if let Owner::Shared { cluster, .. } = &owner
        && let Some(n) = m.metadata().and_then(|md| md.get("name"))
    {
        let cluster = *cluster;
        c.name(n, Role::Declaration, |name| Symbol::Definition {
            cluster,
            name,
        });
    }
    let Some(spec) = m.workflow_spec() else {
        return c.finish();
    };
    for key in ["entrypoint", "onExit"] {
        if let Some(n) = spec.get(key) {
            c.template_use(n);
        }
    }
    if let Some(hooks) = spec.get("hooks") {
        c.hooks(hooks);
    }
    if let Some(r) = spec.get("workflowTemplateRef") {
        c.definition_use(r);
    }
    for p in spec.argument_parameters() {
        if let Some(n) = p.get("name") {
            let owner = owner.clone();
            c.name(n, Role::Declaration, |name| Symbol::WorkflowParameter {
                owner,
                name,
            });
        }
    }
    for t in spec.templates() {
        c.template(t);
    }
    // Everything else in the spec can still read `{{workflow.parameters.x}}`.
    for e in spec.node.as_map().unwrap_or(&[]) {
        if e.key_str() != Some("templates") {
            c.strings(&e.value, None);
        }
    }
    c.finish()
}

/// A named template document shares its names; anything else keeps them.
fn owner_of(m: &Manifest<'_>, document: usize) -> Owner {
    let cluster = match m.kind {
        Kind::WorkflowTemplate => false,
        Kind::ClusterWorkflowTemplate => true,
        _ => return Owner::Document(document),
    };
    match m
        .metadata()
        .and_then(|md| md.get("name"))
        .and_then(Node::as_str)
    {
        Some(name) if !name.contains("{{") => Owner::Shared {
            cluster,
            name: name.to_string(),
        },
        _ => Owner::Document(document),
    }
}

struct Collector<'f> {
    file: &'f SourceFile,
    document: usize,
    owner: Owner,
    out: Vec<Occurrence>,
}

impl Collector<'_> {
    fn finish(mut self) -> Vec<Occurrence> {
        self.out.sort_by_key(|o| (o.span, o.role as u8));
        self.out.dedup();
        self.out
    }

    fn push(&mut self, symbol: Symbol, role: Role, span: Option<Span>, whole: Span) {
        self.out.push(Occurrence {
            symbol,
            role,
            span: span.unwrap_or(whole),
            exact: span.is_some(),
            document: self.document,
        });
    }

    /// A scalar that is a whole name. Names only known at run time are no symbol.
    fn name(&mut self, node: &Node, role: Role, symbol: impl FnOnce(String) -> Symbol) {
        let Some(v) = node.as_str() else {
            return;
        };
        if v.is_empty() || v.contains("{{") {
            return;
        }
        let span = value_subspan(self.file, node.span, v, 0, v.len());
        self.push(symbol(v.to_string()), role, span, node.span);
    }

    /// `value[start..end]` of a scalar names a symbol.
    fn part(&mut self, node: &Node, value: &str, start: usize, end: usize, symbol: Symbol) {
        let span = value_subspan(self.file, node.span, value, start, end);
        self.push(symbol, Role::Reference, span, node.span);
    }

    fn template_use(&mut self, node: &Node) {
        let owner = self.owner.clone();
        self.name(node, Role::Reference, |name| Symbol::Template {
            owner,
            name,
        });
    }

    /// `templateRef`/`workflowTemplateRef`'s `name`; the owner its `template` lives in.
    fn definition_use(&mut self, r: &Node) -> Option<Owner> {
        let cluster = r.get("clusterScope").and_then(Node::as_bool) == Some(true);
        let n = r.get("name")?;
        self.name(n, Role::Reference, |name| Symbol::Definition {
            cluster,
            name,
        });
        let name = n.as_str().filter(|s| !s.contains("{{"))?;
        Some(Owner::Shared {
            cluster,
            name: name.to_string(),
        })
    }

    /// What a step, task or hook calls: `(owner, template name)` when known.
    fn call(&mut self, node: &Node) -> Option<(Owner, String)> {
        if let Some(r) = node.get("templateRef") {
            let owner = self.definition_use(r)?;
            let t = r.get("template")?;
            let o = owner.clone();
            self.name(t, Role::Reference, |name| Symbol::Template {
                owner: o,
                name,
            });
            let name = t.as_str().filter(|s| !s.contains("{{"))?;
            return Some((owner, name.to_string()));
        }
        let t = node.get("template")?;
        self.template_use(t);
        let name = t.as_str().filter(|s| !s.contains("{{"))?;
        Some((self.owner.clone(), name.to_string()))
    }

    fn hooks(&mut self, hooks: &Node) {
        for e in hooks.as_map().unwrap_or(&[]) {
            self.call(&e.value);
        }
    }

    /// A step or DAG task: what it calls, its exit handlers and its arguments' names.
    fn invocation(&mut self, node: &Node) {
        let callee = self.call(node);
        if let Some(n) = node.get("onExit") {
            self.template_use(n);
        }
        if let Some(h) = node.get("hooks") {
            self.hooks(h);
        }
        let Some((owner, template)) = callee else {
            return;
        };
        let args = node.get("arguments").map(|a| a.seq("parameters"));
        for p in args.unwrap_or(&[]) {
            if let Some(n) = p.get("name") {
                let (owner, template) = (owner.clone(), template.clone());
                self.name(n, Role::Reference, |name| Symbol::Input {
                    owner,
                    template,
                    name,
                });
            }
        }
    }

    fn template(&mut self, t: Template<'_>) {
        let owner = self.owner.clone();
        if let Some(n) = t.get("name") {
            let o = owner.clone();
            self.name(n, Role::Declaration, |name| Symbol::Template {
                owner: o,
                name,
            });
        }
        let tn = t.name().filter(|n| !n.contains("{{")).map(str::to_string);
        if let Some(tn) = &tn {
            for p in t.input_parameters() {
                if let Some(n) = p.get("name") {
                    let (owner, template) = (owner.clone(), tn.clone());
                    self.name(n, Role::Declaration, |name| Symbol::Input {
                        owner,
                        template,
                        name,
                    });
                }
            }
        }
        for s in t.steps() {
            if let (Some(tn), Some(n)) = (&tn, s.node.get("name")) {
                let (owner, template) = (owner.clone(), tn.clone());
                self.name(n, Role::Declaration, |name| Symbol::Step {
                    owner,
                    template,
                    name,
                });
            }
            self.invocation(s.node);
        }
        for s in t.dag_tasks() {
            if let Some(tn) = &tn {
                let task = |name: String| Symbol::Task {
                    owner: owner.clone(),
                    template: tn.clone(),
                    name,
                };
                if let Some(n) = s.node.get("name") {
                    self.name(n, Role::Declaration, task);
                }
                for d in s.node.seq("dependencies") {
                    self.name(d, Role::Reference, task);
                }
                if let Some(dn) = s.node.get("depends")
                    && let Some(expr) = dn.as_str()
                    && let Ok(ops) = parse_depends(expr)
                {
                    for o in ops {
                        let (a, b) = o.task_range;
                        self.part(dn, expr, a, b, task(o.task.to_string()));
                    }
                }
            }
            self.invocation(s.node);
        }
        self.strings(t.node, tn.as_deref());
    }

    /// The `{{…}}` references in every string under `node`, read in `template`.
    fn strings(&mut self, node: &Node, template: Option<&str>) {
        match &node.kind {
            NodeKind::Scalar(s) if s.value.contains("{{") => {
                let value: &str = &s.value;
                for tag in scan_tags(value).tags {
                    if tag.dynamic {
                        continue;
                    }
                    let lead = tag.inner.len() - tag.inner.trim_start().len();
                    let at = tag.start + 2 + lead;
                    if tag.expression {
                        for (start, end, symbol) in expression_refs(tag.reference(), template) {
                            let symbol = self.scoped(symbol);
                            self.part(node, value, at + start, at + end, symbol);
                        }
                    } else if let Some((start, end, symbol)) = tag_ref(tag.reference(), template) {
                        let symbol = self.scoped(symbol);
                        self.part(node, value, at + start, at + end, symbol);
                    }
                }
            }
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => items.iter().for_each(|n| self.strings(n, template)),
            NodeKind::Map(entries) => entries
                .iter()
                .for_each(|e| self.strings(&e.value, template)),
        }
    }

    /// A reference found in text carries the placeholder owner; give it this document's.
    fn scoped(&self, s: Symbol) -> Symbol {
        let owner = self.owner.clone();
        match s {
            Symbol::Step { template, name, .. } => Symbol::Step {
                owner,
                template,
                name,
            },
            Symbol::Task { template, name, .. } => Symbol::Task {
                owner,
                template,
                name,
            },
            Symbol::Input { template, name, .. } => Symbol::Input {
                owner,
                template,
                name,
            },
            Symbol::WorkflowParameter { name, .. } => Symbol::WorkflowParameter { owner, name },
            other => other,
        }
    }
}

/// The roots of a `{{…}}` reference that name a symbol, and whether they need a template.
const ROOTS: [&str; 4] = ["inputs.parameters", "workflow.parameters", "steps", "tasks"];

fn symbol_for(root: &str, name: &str, template: Option<&str>) -> Option<Symbol> {
    let owner = Owner::Document(0); // replaced by `Collector::scoped`
    let name = name.to_string();
    if root == "workflow.parameters" {
        return Some(Symbol::WorkflowParameter { owner, name });
    }
    let template = template?.to_string();
    Some(match root {
        "inputs.parameters" => Symbol::Input {
            owner,
            template,
            name,
        },
        "steps" => Symbol::Step {
            owner,
            template,
            name,
        },
        _ => Symbol::Task {
            owner,
            template,
            name,
        },
    })
}

/// A plain tag's reference (`inputs.parameters.x`, `steps.a.outputs.result`): the byte
/// range of the name in it and its symbol.
fn tag_ref(r: &str, template: Option<&str>) -> Option<(usize, usize, Symbol)> {
    for root in ROOTS {
        let Some(rest) = r.strip_prefix(root).and_then(|s| s.strip_prefix('.')) else {
            continue;
        };
        let start = root.len() + 1;
        let len = match root {
            // Parameter names hold no dots: the rest is the name (or not a parameter).
            "inputs.parameters" | "workflow.parameters" => {
                if rest.contains('.') || rest == "json" {
                    return None;
                }
                rest.len()
            }
            _ => rest.find('.').unwrap_or(rest.len()),
        };
        if len == 0 {
            return None;
        }
        let symbol = symbol_for(root, &rest[..len], template)?;
        return Some((start, start + len, symbol));
    }
    None
}

/// References in a `{{= expression }}`: `inputs.parameters.x`, `inputs.parameters['x']`,
/// `steps.a.outputs`, `tasks["a"].status`, … (byte ranges of the names in `expr`).
fn expression_refs(expr: &str, template: Option<&str>) -> Vec<(usize, usize, Symbol)> {
    let b = expr.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = Vec::new();
    for root in ROOTS {
        let mut from = 0;
        while let Some(rel) = expr[from..].find(root) {
            let at = from + rel;
            from = at + root.len();
            // The root must start a path: `xsteps` or `a.steps` is something else.
            if at > 0 && (ident(b[at - 1]) || b[at - 1] == b'.') {
                continue;
            }
            let after = at + root.len();
            let (start, end) = match b.get(after) {
                Some(b'.') => {
                    let s = after + 1;
                    let e = s + b[s..].iter().take_while(|&&c| ident(c)).count();
                    (s, e)
                }
                Some(b'[') if matches!(b.get(after + 1), Some(b'\'' | b'"')) => {
                    let quote = b[after + 1];
                    let s = after + 2;
                    let Some(len) = b[s..].iter().position(|&c| c == quote) else {
                        continue;
                    };
                    (s, s + len)
                }
                _ => continue,
            };
            if end > start
                && let Some(sym) = symbol_for(root, &expr[start..end], template)
            {
                out.push((start, end, sym));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse_text;

    fn occ(text: &str) -> Vec<(String, Role, String, bool)> {
        let file = SourceFile::new("t.yaml", text);
        let parsed = parse_text(text);
        let mut out = Vec::new();
        for (i, d) in parsed.documents.iter().enumerate() {
            let m = Manifest::from_root(d.root.as_ref().unwrap()).unwrap();
            for o in occurrences(&file, i, &m) {
                out.push((
                    format!("{:?}", o.symbol),
                    o.role,
                    file.slice(o.span).to_string(),
                    o.exact,
                ));
            }
        }
        out
    }

    fn names_of(text: &str, what: &str) -> Vec<String> {
        occ(text)
            .into_iter()
            .filter(|(s, ..)| s.starts_with(what))
            .map(|(_, r, t, _)| format!("{}{t}", if r == Role::Declaration { "+" } else { "" }))
            .collect()
    }

    const WF: &str = r#"apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: w-}
spec:
  entrypoint: main
  onExit: "bye"
  arguments:
    parameters: [{name: who, value: world}]
  templates:
    - name: main
      inputs:
        parameters: [{name: msg}]
      dag:
        tasks:
          - name: a
            template: print
            arguments:
              parameters: [{name: text, value: "{{inputs.parameters.msg}} {{workflow.parameters.who}}"}]
          - name: b
            depends: "a.Succeeded && (a || a)"
            templateRef: {name: shared, template: hello}
            arguments:
              parameters:
                - name: greeting
                  value: "{{tasks.a.outputs.result}}{{= tasks['a'].status + inputs.parameters.msg }}"
    - name: print
      inputs:
        parameters: [{name: text}]
      container: {image: alpine, args: ["{{ inputs.parameters.text }}", "{{inputs.parameters.json}}"]}
    - name: bye
      steps:
        - - name: s1
            template: print
            when: "{{steps.s1.status}} == x"
"#;

    #[test]
    fn templates_tasks_steps_and_parameters_are_found_with_exact_spans() {
        assert_eq!(
            names_of(WF, "Template { owner: Document"),
            ["main", "bye", "+main", "print", "+print", "+bye", "print"]
        );
        assert_eq!(names_of(WF, "Task"), ["+a", "+b", "a", "a", "a", "a", "a"]);
        assert_eq!(names_of(WF, "Step"), ["+s1", "s1"]);
        // `inputs.parameters.json` is not a parameter; spaces inside the tag are skipped.
        assert_eq!(
            names_of(WF, "Input { owner: Document(0), template: \"main\""),
            ["+msg", "msg", "msg"]
        );
        assert_eq!(
            names_of(WF, "Input { owner: Document(0), template: \"print\""),
            ["text", "+text", "text"]
        );
        assert_eq!(names_of(WF, "WorkflowParameter"), ["+who", "who"]);
        // The reference into a WorkflowTemplate is shared: its name, template and arguments.
        assert_eq!(names_of(WF, "Definition"), ["shared"]);
        assert_eq!(names_of(WF, "Template { owner: Shared"), ["hello"]);
        assert_eq!(names_of(WF, "Input { owner: Shared"), ["greeting"]);
        assert!(occ(WF).iter().all(|o| o.3), "every span is exact here");
    }

    #[test]
    fn a_workflow_template_shares_its_names_and_escapes_are_not_exact() {
        let wt = "apiVersion: argoproj.io/v1alpha1\nkind: ClusterWorkflowTemplate\nmetadata: {name: shared}\nspec:\n  templates:\n    - name: \"hel\\x6co\"\n      container: {image: alpine}\n    - name: '{{x}}'\n";
        let o = occ(wt);
        assert_eq!(o.len(), 2, "{o:?}");
        assert_eq!(o[0].0, "Definition { cluster: true, name: \"shared\" }");
        assert_eq!((o[0].2.as_str(), o[0].3), ("shared", true));
        assert!(o[1].0.contains("Shared { cluster: true"));
        assert!(o[1].0.contains("\"hello\""));
        assert!(!o[1].3, "written through an escape: not exact");
    }

    #[test]
    fn expression_references() {
        let r = expression_refs(
            "= steps.a.outputs + steps[\"b-c\"].x + xsteps.d + inputs.parameters['p'] + workflow.parameters.q",
            Some("t"),
        );
        let names: Vec<&str> = r.iter().map(|x| x.2.name()).collect();
        assert_eq!(names, ["p", "q", "a", "b-c"]);
        assert!(expression_refs("= tasks", Some("t")).is_empty());
        assert!(expression_refs("= tasks['unclosed", Some("t")).is_empty());
    }
}
