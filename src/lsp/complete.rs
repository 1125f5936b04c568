//! Completion of names: `{{…}}` variables in scope, template names (`template:`,
//! `entrypoint:`, `onExit:`), `templateRef`s' WorkflowTemplates and their templates, task
//! names and results in `depends`, `apiVersion`/`kind` and a skeleton per kind in an empty
//! document. Everything else (keys, allowed values) is [`super::features::completion`]'s.
//!
//! Names come from the document's tree. While the user types, the document often does not
//! parse (`args: ["{{inputs.parameters.` leaves a quote and a bracket open); then the tree
//! of the same text with the cursor's line blanked from its colon on is used, and the place
//! is read from indentation ([`cursor::line_path`]). The variables in scope are those
//! `undefined-variable` accepts there ([`crate::rules::validation::scope`]).

use std::collections::HashSet;

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, InsertTextFormat,
    MarkupContent, MarkupKind, Position, Range, TextEdit,
};

use super::cursor;
use super::features::{self, Doc};
use crate::api::walk::Seg;
use crate::api::{ArgoVersion, Kind};
use crate::model::expr::TASK_RESULTS;
use crate::model::{Manifest, Template, TemplateType};
use crate::rules::validation::callee::Templates;
use crate::rules::validation::scope::{
    Call, Globals, Scope, dag_dependencies, dag_scope, outputs_scope, step_scope, task_scope,
    template_scope,
};
use crate::source::{Node, SourceFile, parse_text};
use crate::workspace::{Unit, Workspace};

/// Completion at `pos`: names where a name is expected, else keys and allowed values.
pub fn completion<'u>(
    doc: &Doc<'_>,
    pos: Position,
    version: ArgoVersion,
    others: impl IntoIterator<Item = &'u Unit>,
) -> Vec<CompletionItem> {
    let offset = doc.lines.offset(doc.text, pos, doc.enc);
    let lines: Vec<&str> = (0..doc.lines.count())
        .map(|l| doc.lines.line(doc.text, l))
        .collect();
    let line = doc.lines.line_of(offset);
    let line_start = doc.lines.start(line);
    let at = Place {
        doc,
        lines: &lines,
        line,
        line_start,
        col: (offset - line_start).min(lines.get(line).map_or(0, |l| l.len())),
    };
    if let Some(items) = names(&at, version, others) {
        return items;
    }
    features::completion(doc, pos, version)
}

/// The cursor's line and column (bytes).
struct Place<'d> {
    doc: &'d Doc<'d>,
    lines: &'d [&'d str],
    line: usize,
    line_start: usize,
    col: usize,
}

impl Place<'_> {
    fn text(&self) -> &str {
        self.lines.get(self.line).copied().unwrap_or("")
    }

    fn before(&self) -> &str {
        &self.text()[..self.col]
    }

    fn range(&self, s: usize, e: usize) -> Range {
        self.doc.lines.range(
            self.doc.text,
            self.line_start + s,
            self.line_start + e,
            self.doc.enc,
        )
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

/// Bytes of a variable reference (`item.[0]`, `steps.a-b.outputs.result`).
fn is_ref_byte(b: u8) -> bool {
    is_name_byte(b) || matches!(b, b'[' | b']')
}

/// Start and end (byte columns) of the run of `is` bytes around `col`.
fn word(text: &str, col: usize, is: fn(u8) -> bool) -> (usize, usize) {
    let b = text.as_bytes();
    let s = b[..col].iter().rposition(|&c| !is(c)).map_or(0, |i| i + 1);
    let e = col + b[col..].iter().take_while(|&&c| is(c)).count();
    (s, e)
}

/// `None`: not a place for names; let the key and value completion answer.
fn names<'u>(
    at: &Place<'_>,
    version: ArgoVersion,
    others: impl IntoIterator<Item = &'u Unit>,
) -> Option<Vec<CompletionItem>> {
    if cursor::alone_in_document(at.lines, at.line) && !at.before().contains(':') {
        return Some(empty_document(at, version));
    }
    if let Some((start, typed, expression)) = open_tag(at.before()) {
        let tree = Tree::new(at, others);
        return Some(variables(at, tree.as_ref(), start, typed, expression));
    }
    let (kc, key, after_colon) = cursor::key_on_line(at.text())?;
    if at.col < after_colon {
        return None;
    }
    let path = cursor::line_path(at.lines, at.line);
    let parent = path.len().checked_sub(2).and_then(|i| match &path[i] {
        Seg::Key(k) => Some(k.as_str()),
        Seg::Index(_) => None,
    });
    // The value as typed so far: after the blanks and an opening quote.
    let rest = &at.text()[after_colon..];
    let value_start = after_colon + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    let quote = at.text()[value_start..].starts_with(['"', '\'']) as usize;
    let value_start = value_start + quote;
    if at.col < value_start {
        return None;
    }
    let space = if after_colon == at.col { " " } else { "" };
    let top = kc == 0 && path.len() == 1;
    match (key, parent) {
        ("apiVersion", _) if top => Some(vec![value_item(
            at,
            value_start,
            space,
            "argoproj.io/v1alpha1",
            "the API version of Argo's kinds",
        )]),
        ("kind", _) if top => Some(
            Kind::ALL
                .iter()
                .map(|k| value_item(at, value_start, space, k.as_str(), "an Argo kind"))
                .collect(),
        ),
        ("name", Some("templateRef" | "workflowTemplateRef"))
        | ("template", Some("templateRef")) => {
            let tree = Tree::new(at, others)?;
            Some(template_refs(at, &tree, &path, key, value_start, space))
        }
        ("template" | "entrypoint" | "onExit", _) => {
            let tree = Tree::new(at, others)?;
            let spec = tree.manifest()?.workflow_spec()?;
            let templates = Templates::of(Some(spec));
            Some(
                templates
                    .names
                    .iter()
                    .map(|n| value_item(at, value_start, space, n, "template of this document"))
                    .collect(),
            )
        }
        ("depends" | "dependencies", _) => {
            let tree = Tree::new(at, others)?;
            Some(depends(at, &tree, &path, key, value_start, space))
        }
        _ => None,
    }
}

/// An item that replaces the name-like word at the cursor (from `value_start` at most).
fn value_item(
    at: &Place<'_>,
    value_start: usize,
    space: &str,
    name: &str,
    detail: &str,
) -> CompletionItem {
    let (s, e) = word(at.text(), at.col, is_name_byte);
    let s = s.max(value_start);
    CompletionItem {
        label: name.to_string(),
        kind: Some(CompletionItemKind::REFERENCE),
        detail: Some(detail.to_string()),
        filter_text: Some(name.to_string()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            at.range(s, e),
            format!("{space}{name}"),
        ))),
        ..CompletionItem::default()
    }
}

/// Bytes of a name in an expression (`inputs.parameters.x`; a `-` is a minus there).
fn is_expr_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.')
}

/// A `{{` left open before the cursor: the column where the reference starts, what is
/// typed of it, and whether the tag is an expression (`{{= …`), where the name is the
/// identifier the cursor is in.
fn open_tag(before: &str) -> Option<(usize, &str, bool)> {
    let open = before.rfind("{{")?;
    let inner = &before[open + 2..];
    if inner.contains("}}") {
        return None;
    }
    let typed = inner.trim_start_matches(' ');
    if let Some(expr) = typed.strip_prefix('=') {
        let (s, _) = word(expr, expr.len(), is_expr_byte);
        let name = &expr[s..];
        // Not inside a string or an index (`['a-b']`), not a number.
        let prev = expr[..s].trim_end_matches(' ').bytes().last();
        if matches!(prev, Some(b'\'' | b'"' | b'`'))
            || name.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        {
            return None;
        }
        return Some((before.len() - name.len(), name, true));
    }
    let start = before.len() - typed.len();
    if !typed.bytes().all(is_ref_byte) {
        return None;
    }
    Some((start, typed, false))
}

/// The document's tree, of the text as it is or with the cursor's line blanked from its
/// colon (or its list markers) on, and the workspace it resolves references in.
struct Tree<'u> {
    unit: Unit,
    others: Vec<&'u Unit>,
    /// Index of the document around the cursor.
    document: usize,
}

impl<'u> Tree<'u> {
    fn new(at: &Place<'_>, others: impl IntoIterator<Item = &'u Unit>) -> Option<Tree<'u>> {
        let text = at.doc.text;
        let offset = at.line_start + at.col;
        let line_end = at.line_start + at.text().len();
        let from = match cursor::key_on_line(at.text()) {
            Some((_, _, after_colon)) => after_colon,
            None => {
                let t = at.text();
                t.len() - t.trim_start_matches([' ', '-']).len()
            }
        };
        let candidates = [
            None,
            Some((at.line_start + from, line_end)),
            Some((at.line_start, line_end)),
        ];
        let others: Vec<&Unit> = others.into_iter().collect();
        for blank in candidates {
            let t = match blank {
                None => text.to_string(),
                Some((s, e)) => format!("{}{}{}", &text[..s], " ".repeat(e - s), &text[e..]),
            };
            let parsed = parse_text(&t);
            let Some(document) = parsed
                .documents
                .iter()
                .rposition(|d| d.span.start as usize <= offset)
            else {
                continue;
            };
            let d = &parsed.documents[document];
            if d.broken || d.root.as_ref().and_then(Manifest::from_root).is_none() {
                continue;
            }
            return Some(Tree {
                unit: Unit {
                    file: SourceFile::new("(completion)", t),
                    parsed,
                },
                others,
                document,
            });
        }
        None
    }

    fn manifest(&self) -> Option<Manifest<'_>> {
        self.unit.parsed.documents[self.document]
            .root
            .as_ref()
            .and_then(Manifest::from_root)
    }

    fn workspace(&self) -> Workspace<'_> {
        Workspace::build_from(std::iter::once(&self.unit).chain(self.others.iter().copied()))
    }
}

/// The nodes the path passes through, from the root, as far as the tree has them.
fn nodes_along<'a>(root: &'a Node, path: &[Seg]) -> Vec<&'a Node> {
    let mut out = vec![root];
    let mut node = root;
    for seg in path {
        let next = match seg {
            Seg::Key(k) => node.get(k),
            Seg::Index(i) => node.as_seq().and_then(|s| s.get(*i)),
        };
        let Some(n) = next else { break };
        out.push(n);
        node = n;
    }
    out
}

fn contains(chain: &[&Node], node: &Node) -> bool {
    chain.iter().any(|n| std::ptr::eq(*n, node))
}

/// The variables in scope at the cursor, as `undefined-variable` sees them.
fn variables(
    at: &Place<'_>,
    tree: Option<&Tree<'_>>,
    start: usize,
    typed: &str,
    expression: bool,
) -> Vec<CompletionItem> {
    let (_, end) = word(
        at.text(),
        at.col,
        if expression {
            is_expr_byte
        } else {
            is_ref_byte
        },
    );
    // An expression goes on after the name: it is not closed for the user.
    let close = !expression && !at.text()[end..].trim_start_matches(' ').starts_with("}}");
    // What is typed up to its last dot: the client filters the last part. A cursor on the
    // last dot (an editor in normal mode cannot stand after the line's end) counts as after it.
    let full = at.text().get(start..end).unwrap_or(typed);
    let stem = match full.rfind('.') {
        Some(d) if at.col >= start + d => &full[..=d],
        _ => &typed[..typed.rfind('.').map_or(0, |i| i + 1)],
    };
    let mut layers: Vec<(Scope, &str)> = Vec::new();
    let mut loops = false;
    let workspace;
    if let Some(tree) = tree
        && let Some(manifest) = tree.manifest()
    {
        workspace = tree.workspace();
        let spec = manifest.workflow_spec();
        let path = cursor::line_path(at.lines, at.line);
        let chain = nodes_along(manifest.root, &path);
        match spec {
            Some(spec) => {
                let templates = Templates::of(Some(spec));
                let globals = Globals::of(&manifest, spec, &templates, &workspace);
                let here = spec.templates().find(|t| contains(&chain, t.node));
                match here {
                    Some(t) => {
                        template_layers(
                            t,
                            &chain,
                            &templates,
                            &manifest,
                            &workspace,
                            &mut layers,
                            &mut loops,
                        );
                        layers.push((globals.of_template(t).clone(), "workflow variable"));
                    }
                    None => layers.push((globals.entry, "workflow variable")),
                }
            }
            None => layers.push((
                crate::rules::validation::scope::global_scope(&manifest, None, &workspace),
                "workflow variable",
            )),
        }
    }
    if layers.is_empty() {
        // No tree to read: the variables every workflow has.
        let empty = Workspace::default();
        if let Some(m) = dummy_manifest() {
            layers.push((
                crate::rules::validation::scope::global_scope(&m.manifest(), None, &empty),
                "workflow variable",
            ));
        }
    }
    let mut seen = HashSet::new();
    let mut items = Vec::new();
    let mut add = |name: &str, detail: &str, rank: usize| {
        if !name.starts_with(stem)
            // In an expression, a name with `-` or `[` needs the index syntax.
            || expression && !name.bytes().all(is_expr_byte)
            || !seen.insert(name.to_string())
        {
            return;
        }
        // The label is what the list adds to what is typed; the edit writes the whole name.
        let label = match &name[stem.len()..] {
            "" => name,
            rest => rest,
        };
        items.push(CompletionItem {
            label: label.to_string(),
            kind: Some(CompletionItemKind::VARIABLE),
            detail: Some(detail.to_string()),
            sort_text: Some(format!("{rank}{name}")),
            filter_text: Some(name.to_string()),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                at.range(start, end),
                if close {
                    format!("{name}}}}}")
                } else {
                    name.to_string()
                },
            ))),
            ..CompletionItem::default()
        });
    };
    if loops {
        add("item", "the loop's current item", 0);
    }
    for (rank, (scope, detail)) in layers.iter().enumerate() {
        let mut names: Vec<&str> = scope.names().collect();
        names.sort_unstable();
        for n in names {
            add(n, detail, rank);
        }
    }
    items
}

/// The scopes inside template `t` at the place `chain` leads to, innermost first.
fn template_layers<'a>(
    t: Template<'a>,
    chain: &[&Node],
    templates: &Templates<'a>,
    manifest: &Manifest<'a>,
    workspace: &'a Workspace<'a>,
    layers: &mut Vec<(Scope, &'static str)>,
    loops: &mut bool,
) {
    let local = template_scope(t);
    let in_outputs = t.get("outputs").is_some_and(|o| contains(chain, o));
    match t.template_type() {
        Some(TemplateType::Steps) => {
            let calls: Vec<Call<'_>> = t
                .steps()
                .map(|s| Call::of(s.node, templates, manifest, workspace))
                .collect();
            if let Some(i) = calls.iter().position(|c| contains(chain, c.node)) {
                *loops = has_loop(calls[i].node);
                layers.push((step_scope(&calls, i), "steps"));
                layers.push((calls[i].inline_scope(), "inline template"));
            } else if in_outputs {
                layers.push((outputs_scope(&calls, false), "steps"));
            }
        }
        Some(TemplateType::Dag) => {
            let calls: Vec<Call<'_>> = t
                .dag_tasks()
                .map(|s| Call::of(s.node, templates, manifest, workspace))
                .collect();
            let nodes: Vec<&Node> = calls.iter().map(|c| c.node).collect();
            let deps = dag_dependencies(&nodes);
            let target = t.get("dag").and_then(|d| d.get("target"));
            if let Some(c) = calls.iter().find(|c| contains(chain, c.node)) {
                *loops = has_loop(c.node);
                layers.push((task_scope(c, &deps).0, "tasks"));
                layers.push((dag_scope(&calls), "tasks"));
                layers.push((c.inline_scope(), "inline template"));
            } else if in_outputs {
                layers.push((outputs_scope(&calls, true), "tasks"));
            } else if target.is_some_and(|n| contains(chain, n)) {
                layers.push((dag_scope(&calls), "tasks"));
            }
        }
        _ => {}
    }
    layers.push((local, "template input"));
}

fn has_loop(node: &Node) -> bool {
    ["withItems", "withParam", "withSequence"]
        .iter()
        .any(|k| node.get(k).is_some())
}

/// A document to ask for the variables every workflow has.
fn dummy_manifest() -> Option<Unit> {
    let text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n";
    Some(Unit {
        file: SourceFile::new("(completion)", text),
        parsed: parse_text(text),
    })
}

trait UnitManifest {
    fn manifest(&self) -> Manifest<'_>;
}

impl UnitManifest for Unit {
    fn manifest(&self) -> Manifest<'_> {
        self.parsed.documents[0]
            .root
            .as_ref()
            .and_then(Manifest::from_root)
            .expect("a fixed, valid document")
    }
}

/// `templateRef.name` (or `workflowTemplateRef.name`): the WorkflowTemplates (with
/// `clusterScope: true`, ClusterWorkflowTemplates) of the workspace; `templateRef.template`:
/// the templates of the one `name` names.
fn template_refs(
    at: &Place<'_>,
    tree: &Tree<'_>,
    path: &[Seg],
    key: &str,
    value_start: usize,
    space: &str,
) -> Vec<CompletionItem> {
    let Some(manifest) = tree.manifest() else {
        return Vec::new();
    };
    let workspace = tree.workspace();
    let chain = nodes_along(manifest.root, path);
    // The templateRef mapping itself (the chain starts at the root, the path below it).
    let Some(holder) = path.len().checked_sub(1).and_then(|i| chain.get(i)) else {
        return Vec::new();
    };
    let cluster = holder.get("clusterScope").and_then(Node::as_bool) == Some(true);
    let wanted = if cluster {
        Kind::ClusterWorkflowTemplate
    } else {
        Kind::WorkflowTemplate
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    if key == "name" {
        for def in workspace.all() {
            if def.manifest.kind == wanted && seen.insert(def.name) {
                out.push(value_item(
                    at,
                    value_start,
                    space,
                    def.name,
                    &format!("{} ({})", def.describe(), def.location()),
                ));
            }
        }
        return out;
    }
    let Some(name) = holder.get("name").and_then(Node::as_str) else {
        return out;
    };
    for def in workspace.all() {
        if def.manifest.kind != wanted || def.name != name {
            continue;
        }
        let Some(spec) = def.manifest.workflow_spec() else {
            continue;
        };
        for t in spec.templates() {
            if let Some(n) = t.name()
                && seen.insert(n)
            {
                out.push(value_item(
                    at,
                    value_start,
                    space,
                    n,
                    &format!("template of {}", def.describe()),
                ));
            }
        }
    }
    out
}

/// `depends`: after a task name and a dot, the results a task can have; elsewhere, the
/// other tasks of the same DAG (and those in a `dependencies` list).
fn depends(
    at: &Place<'_>,
    tree: &Tree<'_>,
    path: &[Seg],
    key: &str,
    value_start: usize,
    space: &str,
) -> Vec<CompletionItem> {
    let (s, e) = word(at.text(), at.col, is_name_byte);
    let s = s.max(value_start);
    let typed = &at.text()[s..at.col];
    // `dependencies` lists names alone; `depends` may name a result after a dot.
    if let Some(dot) = typed.rfind('.').filter(|_| key == "depends") {
        let from = s + dot + 1;
        return TASK_RESULTS
            .iter()
            .enumerate()
            .map(|(i, r)| CompletionItem {
                label: r.to_string(),
                kind: Some(CompletionItemKind::ENUM_MEMBER),
                detail: Some(format!("task result: {}.{r}", &typed[..dot])),
                sort_text: Some(format!("{i}")),
                filter_text: Some(r.to_string()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    at.range(from, e),
                    r.to_string(),
                ))),
                ..CompletionItem::default()
            })
            .collect();
    }
    let Some(manifest) = tree.manifest() else {
        return Vec::new();
    };
    let chain = nodes_along(manifest.root, path);
    let Some(spec) = manifest.workflow_spec() else {
        return Vec::new();
    };
    let Some(t) = spec.templates().find(|t| contains(&chain, t.node)) else {
        return Vec::new();
    };
    let tasks: Vec<&Node> = t.dag_tasks().map(|s| s.node).collect();
    let me = tasks
        .iter()
        .find(|n| contains(&chain, n))
        .and_then(|n| n.get("name"))
        .and_then(Node::as_str);
    let mut seen = HashSet::new();
    tasks
        .iter()
        .filter_map(|n| n.get("name").and_then(Node::as_str))
        .filter(|n| Some(*n) != me && seen.insert(*n))
        .map(|n| value_item(at, value_start, space, n, "task of this DAG"))
        .collect()
}

/// A new document: `apiVersion`, `kind`, and a skeleton of each kind.
fn empty_document(at: &Place<'_>, version: ArgoVersion) -> Vec<CompletionItem> {
    let (s, e) = word(at.text(), at.col, is_name_byte);
    let range = at.range(s, e);
    let mut out = vec![CompletionItem {
        label: "apiVersion: argoproj.io/v1alpha1".into(),
        kind: Some(CompletionItemKind::FIELD),
        filter_text: Some("apiVersion".into()),
        sort_text: Some("0".into()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            range,
            "apiVersion: argoproj.io/v1alpha1".into(),
        ))),
        ..CompletionItem::default()
    }];
    for k in Kind::ALL {
        out.push(CompletionItem {
            label: format!("kind: {k}"),
            kind: Some(CompletionItemKind::FIELD),
            filter_text: Some("kind".into()),
            sort_text: Some(format!("1{k}")),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                range,
                format!("kind: {k}"),
            ))),
            ..CompletionItem::default()
        });
    }
    for (k, snippet) in skeletons(version) {
        out.push(CompletionItem {
            label: format!("{k} skeleton"),
            kind: Some(CompletionItemKind::SNIPPET),
            detail: Some(format!("a new {k}")),
            documentation: Some(Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: format!("```yaml\n{}```", placeholders_filled(&snippet)),
            })),
            filter_text: Some(k.to_string()),
            sort_text: Some(format!("2{k}")),
            insert_text_format: Some(InsertTextFormat::SNIPPET),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, snippet))),
            ..CompletionItem::default()
        });
    }
    out
}

/// One snippet per kind (the ClusterWorkflowTemplate's is the WorkflowTemplate's with its
/// `kind`); `${n:default}` placeholders, the same default for the same `n` (`SCHEDULE`: see
/// [`skeletons`]).
const SKELETONS: [(&str, &str); 3] = [
    (
        "Workflow",
        "apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: ${1:hello}-
spec:
  entrypoint: ${2:main}
  templates:
    - name: ${2:main}
      container:
        image: ${3:alpine:3.20}
        command: [echo]
        args: [\"${4:hello}\"]
        resources:
          requests: {cpu: ${7:100m}, memory: ${8:64Mi}}
          limits: {memory: ${8:64Mi}}
",
    ),
    (
        "WorkflowTemplate",
        "apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: ${1:hello}
spec:
  entrypoint: ${2:main}
  templates:
    - name: ${2:main}
      inputs:
        parameters:
          - name: ${3:message}
            value: ${4:hello}
      container:
        image: ${5:alpine:3.20}
        command: [echo]
        args: [\"{{inputs.parameters.${3:message}}}\"]
        resources:
          requests: {cpu: ${7:100m}, memory: ${8:64Mi}}
          limits: {memory: ${8:64Mi}}
",
    ),
    (
        "CronWorkflow",
        "apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: ${1:hello}
spec:
  SCHEDULE
  concurrencyPolicy: ${3|Forbid,Allow,Replace|}
  workflowSpec:
    entrypoint: ${4:main}
    templates:
      - name: ${4:main}
        container:
          image: ${5:alpine:3.20}
          command: [echo]
          args: [\"${6:hello}\"]
          resources:
            requests: {cpu: ${7:100m}, memory: ${8:64Mi}}
            limits: {memory: ${8:64Mi}}
",
    ),
];

/// The skeletons for a target release: a CronWorkflow's schedule is `schedules` where the
/// release has it (v3.6 on; v4.0 removed `schedule`), else `schedule`.
pub fn skeletons(version: ArgoVersion) -> Vec<(&'static str, String)> {
    let list = crate::api::walk::follow(Kind::CronWorkflow, &[Seg::Key("spec".into())], version)
        .as_ref()
        .and_then(crate::api::walk::Place::object)
        .is_some_and(|t| t.fields_in(version).any(|f| f.name == "schedules"));
    let schedule = if list {
        "schedules: [\"${2:0 * * * *}\"]"
    } else {
        "schedule: \"${2:0 * * * *}\""
    };
    let mut out: Vec<(&'static str, String)> = SKELETONS
        .iter()
        .map(|(k, s)| (*k, s.replace("SCHEDULE", schedule)))
        .collect();
    let cluster = SKELETONS
        .iter()
        .find(|(k, _)| *k == "WorkflowTemplate")
        .map(|(_, s)| s.replacen("kind: WorkflowTemplate", "kind: ClusterWorkflowTemplate", 1));
    if let Some(s) = cluster {
        out.insert(2, ("ClusterWorkflowTemplate", s));
    }
    out
}

/// A snippet with each placeholder replaced by its default (a choice by its first option).
pub fn placeholders_filled(snippet: &str) -> String {
    let mut out = String::new();
    let mut rest = snippet;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let body = &after[..end];
        let value = if let Some((_, d)) = body.split_once(':') {
            d.to_string()
        } else if let Some((_, c)) = body.split_once('|') {
            c.trim_end_matches('|')
                .split(',')
                .next()
                .unwrap_or("")
                .to_string()
        } else {
            String::new()
        };
        out.push_str(&value);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::settings::Settings;

    #[test]
    fn each_skeleton_with_its_defaults_lints_clean() {
        for (version, (kind, snippet)) in ArgoVersion::ALL
            .into_iter()
            .flat_map(|v| skeletons(v).into_iter().map(move |s| (v, s)))
        {
            let text = placeholders_filled(&snippet);
            assert!(!text.contains('$'), "{text}");
            assert!(text.contains(&format!("kind: {kind}\n")));
            let report = crate::engine::lint_document(
                "skeleton.yaml",
                None,
                &text,
                &Settings {
                    argo_version: version,
                    ..Settings::default()
                },
                [],
            );
            assert_eq!(report.argo_documents, 1, "{kind}");
            let bad: Vec<String> = report
                .diagnostics
                .iter()
                .filter(|d| d.severity != Severity::Info)
                .map(|d| format!("{}: {}", d.rule.name, d.message))
                .collect();
            assert!(bad.is_empty(), "{kind} for {version}:\n{text}\n{bad:#?}");
        }
    }

    #[test]
    fn placeholders_take_their_defaults() {
        assert_eq!(
            placeholders_filled("a: ${1:x}\nb: ${2|P,Q|}\nc: \"{{i.${1:x}}}\"\n"),
            "a: x\nb: P\nc: \"{{i.x}}\"\n"
        );
    }

    fn labels_at(text: &str, needle: &str) -> Vec<String> {
        items_at(text, needle)
            .into_iter()
            .map(|i| i.label)
            .collect()
    }

    fn items_at(text: &str, needle: &str) -> Vec<CompletionItem> {
        use crate::lsp::text::{Encoding, Lines};
        use std::str::FromStr;
        let uri = tower_lsp_server::ls_types::Uri::from_str("file:///w.yaml").unwrap();
        let lines = Lines::new(text);
        let d = Doc {
            uri: &uri,
            text,
            lines: &lines,
            enc: Encoding::Utf16,
        };
        let at = text.find(needle).unwrap() + needle.len();
        let pos = lines.position(text, at, Encoding::Utf16);
        completion(&d, pos, ArgoVersion::LATEST, [])
    }

    const SCRIPT: &str = "apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: s-}
spec:
  entrypoint: main
  templates:
    - name: main
      inputs:
        parameters:
          - name: message
      script:
        image: python:3.12
        command: [python]
        ARGS
        source: |
          print(1)
    - name: other
      inputs:
        parameters:
          - name: elsewhere
      container: {image: alpine:3.20}
";

    #[test]
    fn inputs_complete_in_block_lists_block_scalars_and_broken_documents() {
        for (args, needle) in [
            // A block list item, the quote left open.
            (
                "args:\n          - \"{{inputs.parameters.",
                "- \"{{inputs.parameters.",
            ),
            // Plain, in a block list.
            (
                "args:\n          - {{inputs.parameters.",
                "- {{inputs.parameters.",
            ),
            // Inside the script's source, a block scalar.
            (
                "args: []\n        source: |\n          print(\"{{inputs.parameters.",
                "print(\"{{inputs.parameters.",
            ),
        ] {
            let text = SCRIPT.replace("ARGS", args);
            let got = labels_at(&text, needle);
            assert_eq!(got, ["message"], "{args}");
        }
        // In an expression: the identifier under the cursor, never closed for the user.
        let text = SCRIPT.replace("ARGS", "args: [\"{{=sprig.upper(inputs.par");
        let mut got = labels_at(&text, "upper(inputs.par");
        got.sort();
        assert_eq!(got, ["parameters", "parameters.message"]);
        let item = items_at(&text, "upper(inputs.par").pop().unwrap();
        let Some(CompletionTextEdit::Edit(e)) = item.text_edit else {
            panic!("{item:?}")
        };
        assert_eq!(
            e.new_text,
            format!("inputs.{}", item.label),
            "no `}}}}` inside an expression"
        );
        let text = SCRIPT.replace("ARGS", "args: [\"{{=inputs.parameters['");
        assert!(labels_at(&text, "parameters['").is_empty());
        // Elsewhere broken too (no tree): the variables every workflow has, never a panic.
        let text = SCRIPT.replace("ARGS", "args: [\"{{workflow.\n        env: [{");
        let got = labels_at(&text, "{{workflow.");
        assert!(got.contains(&"name".to_string()), "{got:?}");
    }

    #[test]
    fn every_position_of_odd_documents_answers_without_a_panic() {
        use crate::lsp::text::{Encoding, Lines};
        use std::str::FromStr;
        let uri = tower_lsp_server::ls_types::Uri::from_str("file:///w.yaml").unwrap();
        let texts = [
            SCRIPT.replace("ARGS", "args: [\"{{inputs.parameters.é{{ {{=  '}}\"]"),
            "é: {{\n  - {{steps.\n\t- depends: \"a && .\"\ntemplateRef: {name: 'x\n---\n{{".into(),
            "kind: Workflow\nspec:\n  templates:\n  - dag:\n      tasks:\n      - name: ü\n        depends: ü.\n        dependencies: [ü, \n".into(),
            String::new(),
        ];
        for text in &texts {
            let lines = Lines::new(text);
            let d = Doc {
                uri: &uri,
                text,
                lines: &lines,
                enc: Encoding::Utf16,
            };
            for l in 0..=lines.count() as u32 {
                for c in 0..40 {
                    let _ = completion(&d, Position::new(l, c), ArgoVersion::LATEST, []);
                }
            }
        }
    }
}
