//! Navigation over the names of a workspace: definition, references, rename (and its
//! preparation), document highlight, document and workspace symbols, and hover on a name
//! that refers to something. Every answer comes from [`crate::model::xref`]'s occurrences;
//! this module only gathers files and turns spans into protocol types.

use std::collections::HashMap;

use tower_lsp_server::ls_types::*;

use super::text::{Encoding, Lines};
use crate::model::xref::{Occurrence, Owner, Role, Symbol, occurrences};
use crate::model::{Manifest, Template};
use crate::source::{Node, SourceFile, Span, parse_text};
use crate::workspace::Unit;

/// A file's parse, owned (an open document, a file read for this request) or the index's.
pub enum Held<'a> {
    Owned(Box<Unit>),
    Borrowed(&'a Unit),
}

impl Held<'_> {
    fn unit(&self) -> &Unit {
        match self {
            Held::Owned(u) => u,
            Held::Borrowed(u) => u,
        }
    }
}

/// Parses a text for navigation.
pub fn parse(name: &str, text: &str) -> Held<'static> {
    let file = SourceFile::new(name, text);
    let parsed = parse_text(&file.text);
    Held::Owned(Box::new(Unit { file, parsed }))
}

/// One file and every name written in it.
pub struct NavFile<'a> {
    pub uri: Uri,
    held: Held<'a>,
    lines: Lines,
    pub occ: Vec<Occurrence>,
}

impl<'a> NavFile<'a> {
    pub fn new(uri: Uri, held: Held<'a>) -> NavFile<'a> {
        let unit = held.unit();
        let lines = Lines::new(&unit.file.text);
        let mut occ = Vec::new();
        for (i, d) in unit.parsed.documents.iter().enumerate() {
            if let Some(m) = d.root.as_ref().and_then(Manifest::from_root) {
                occ.extend(occurrences(&unit.file, i, &m));
            }
        }
        NavFile {
            uri,
            held,
            lines,
            occ,
        }
    }

    fn unit(&self) -> &Unit {
        self.held.unit()
    }

    fn text(&self) -> &str {
        &self.unit().file.text
    }

    fn range(&self, span: Span, enc: Encoding) -> Range {
        self.lines
            .range(self.text(), span.start as usize, span.end as usize, enc)
    }

    fn location(&self, span: Span, enc: Encoding) -> Location {
        Location::new(self.uri.clone(), self.range(span, enc))
    }

    /// `file:line` for messages.
    fn place(&self, span: Span) -> String {
        let (line, _) = self.unit().file.line_col(span.start);
        format!("{}:{line}", self.unit().file.name)
    }

    fn manifest(&self, document: usize) -> Option<Manifest<'_>> {
        self.unit()
            .parsed
            .documents
            .get(document)?
            .root
            .as_ref()
            .and_then(Manifest::from_root)
    }

    /// A `{{…}}` tag under the cursor that names no declaration: what it is, known only when
    /// the workflow runs (a workflow variable, a loop item, a node's outputs, an expression).
    fn run_time_tag(&self, pos: Position, enc: Encoding) -> Option<Hover> {
        let text = self.text();
        let off = self.lines.offset(text, pos, enc);
        let line = self.lines.line_of(off);
        let start = self.lines.start(line);
        let l = self.lines.line(text, line);
        let tag = crate::model::expr::scan_tags(l)
            .tags
            .into_iter()
            .filter(|t| start + t.start <= off && off <= start + t.end)
            .min_by_key(|t| t.end - t.start)?;
        let r = tag.reference();
        let what = if tag.expression {
            "an expression, evaluated when the step runs".to_string()
        } else if tag.dynamic {
            "a name that holds another tag: known only when the workflow runs".to_string()
        } else if r == "item" || r.starts_with("item.") || r.starts_with("item[") {
            "the current item of the loop (`withItems`, `withParam` or `withSequence`), known when the loop expands".to_string()
        } else {
            "known only when the workflow runs: Argo substitutes it then".to_string()
        };
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: format!("**`{{{{{}}}}}`**: {what}", r.replace('`', "'")),
            }),
            range: Some(self.range(Span::new(start + tag.start, start + tag.end), enc)),
        })
    }

    /// The name under the cursor: the narrowest occurrence holding it.
    fn at(&self, pos: Position, enc: Encoding) -> Option<&Occurrence> {
        let off = self.lines.offset(self.text(), pos, enc) as u32;
        self.occ
            .iter()
            .filter(|o| o.span.start <= off && off <= o.span.end)
            .min_by_key(|o| o.span.end - o.span.start)
    }
}

/// The files a request looks at; the first is the document it was made in.
pub struct World<'a> {
    pub enc: Encoding,
    pub files: Vec<NavFile<'a>>,
}

/// Why a rename is refused, in words for the user.
pub type Refusal = String;

impl<'a> World<'a> {
    pub fn new(enc: Encoding, current: NavFile<'a>) -> World<'a> {
        World {
            enc,
            files: vec![current],
        }
    }

    /// The symbol under the cursor of the current document.
    pub fn symbol_at(&self, pos: Position) -> Option<&Symbol> {
        self.files[0].at(pos, self.enc).map(|o| &o.symbol)
    }

    /// Every occurrence of `symbol`: in every file when it is shared, else in the current one.
    fn all(&self, symbol: &Symbol) -> Vec<(&NavFile<'a>, &Occurrence)> {
        let files = if symbol.is_shared() {
            &self.files[..]
        } else {
            &self.files[..1]
        };
        files
            .iter()
            .flat_map(|f| f.occ.iter().map(move |o| (f, o)))
            .filter(|(_, o)| &o.symbol == symbol)
            .collect()
    }

    fn declarations(&self, symbol: &Symbol) -> Vec<(&NavFile<'a>, &Occurrence)> {
        let mut d = self.all(symbol);
        d.retain(|(_, o)| o.role == Role::Declaration);
        d
    }

    pub fn definition(&self, pos: Position) -> Vec<Location> {
        let Some(symbol) = self.symbol_at(pos) else {
            return Vec::new();
        };
        self.declarations(symbol)
            .into_iter()
            .map(|(f, o)| f.location(o.span, self.enc))
            .collect()
    }

    pub fn references(&self, pos: Position, include_declaration: bool) -> Vec<Location> {
        let Some(symbol) = self.symbol_at(pos) else {
            return Vec::new();
        };
        self.all(symbol)
            .into_iter()
            .filter(|(_, o)| include_declaration || o.role == Role::Reference)
            .map(|(f, o)| f.location(o.span, self.enc))
            .collect()
    }

    /// The occurrences of the name under the cursor in the current document.
    pub fn highlights(&self, pos: Position) -> Vec<DocumentHighlight> {
        let Some(symbol) = self.symbol_at(pos) else {
            return Vec::new();
        };
        let f = &self.files[0];
        f.occ
            .iter()
            .filter(|o| &o.symbol == symbol)
            .map(|o| DocumentHighlight {
                range: f.range(o.span, self.enc),
                kind: Some(match o.role {
                    Role::Declaration => DocumentHighlightKind::WRITE,
                    Role::Reference => DocumentHighlightKind::READ,
                }),
            })
            .collect()
    }

    /// The name under the cursor and its range, if it can be renamed safely.
    pub fn prepare_rename(&self, pos: Position) -> Result<(Range, String), Refusal> {
        let f = &self.files[0];
        let Some(o) = f.at(pos, self.enc) else {
            return Err("argolint renames templates, steps, DAG tasks, input parameters, workflow parameters and WorkflowTemplates; there is none under the cursor".into());
        };
        self.check_renamable(&o.symbol)?;
        Ok((f.range(o.span, self.enc), o.symbol.name().to_string()))
    }

    fn check_renamable(&self, symbol: &Symbol) -> Result<(), Refusal> {
        let what = symbol.what();
        let name = symbol.name();
        if self.declarations(symbol).is_empty() {
            return Err(match symbol {
                Symbol::Definition { .. }
                | Symbol::Template {
                    owner: Owner::Shared { .. },
                    ..
                }
                | Symbol::Input {
                    owner: Owner::Shared { .. },
                    ..
                } => format!(
                    "the {what} `{name}` is not declared in the workspace's files (it may live in the cluster); renaming only its uses would break them"
                ),
                _ => format!("the {what} `{name}` is not declared; declare it before renaming it"),
            });
        }
        if let Some((f, o)) = self.all(symbol).into_iter().find(|(_, o)| !o.exact) {
            return Err(format!(
                "`{name}` is written through escapes or a folded line at {}; rename it there by hand first",
                f.place(o.span)
            ));
        }
        Ok(())
    }

    /// Every occurrence renamed, as one edit of the workspace.
    pub fn rename(&self, pos: Position, new_name: &str) -> Result<WorkspaceEdit, Refusal> {
        let Some(o) = self.files[0].at(pos, self.enc) else {
            return Err("nothing to rename under the cursor".into());
        };
        let symbol = &o.symbol;
        self.check_renamable(symbol)?;
        let what = symbol.what();
        if !symbol.accepts(new_name) {
            return Err(format!(
                "`{new_name}` is not a valid {what} name for Argo ({})",
                match symbol {
                    Symbol::Definition { .. } =>
                        "lowercase letters, digits, `-` and `.`, starting and ending alphanumeric",
                    Symbol::Input { .. } | Symbol::WorkflowParameter { .. } =>
                        "letters, digits, `-` and `_`",
                    _ => "letters, digits and `-`, starting with a letter or digit, at most 128",
                }
            ));
        }
        if new_name == symbol.name() {
            return Ok(WorkspaceEdit::default());
        }
        if let Some((f, d)) = self.declarations(&symbol.renamed(new_name)).first() {
            return Err(format!(
                "a {what} named `{new_name}` already exists here ({})",
                f.place(d.span)
            ));
        }
        let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
        for (f, o) in self.all(symbol) {
            changes
                .entry(f.uri.clone())
                .or_default()
                .push(TextEdit::new(
                    f.range(o.span, self.enc),
                    new_name.to_string(),
                ));
        }
        Ok(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        })
    }

    /// What the name under the cursor refers to, when it is a use of a name.
    pub fn hover(&self, pos: Position) -> Option<Hover> {
        let f0 = &self.files[0];
        let Some(o) = f0.at(pos, self.enc) else {
            return f0.run_time_tag(pos, self.enc);
        };
        if o.role != Role::Reference {
            return None;
        }
        let symbol = &o.symbol;
        let decl = self.declarations(symbol).into_iter().next();
        let text = match decl {
            None => format!(
                "**{} `{}`**\n\nNot declared in the workspace's files{}.",
                symbol.what(),
                symbol.name(),
                if symbol.is_shared() {
                    ": Argo looks it up in the cluster when the workflow runs"
                } else {
                    ""
                }
            ),
            Some((f, d)) => describe(f, d).unwrap_or_else(|| {
                format!(
                    "**{} `{}`**, declared at {}",
                    symbol.what(),
                    symbol.name(),
                    f.place(d.span)
                )
            }),
        };
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text,
            }),
            range: Some(f0.range(o.span, self.enc)),
        })
    }

    /// Every template of every WorkflowTemplate and ClusterWorkflowTemplate whose name
    /// matches `query` (letters in order, any case).
    #[allow(deprecated)] // `SymbolInformation::deprecated` must be written
    pub fn workspace_symbols(&self, query: &str) -> Vec<SymbolInformation> {
        let mut out = Vec::new();
        for f in &self.files {
            for o in &f.occ {
                if o.role != Role::Declaration {
                    continue;
                }
                let (kind, container) = match &o.symbol {
                    Symbol::Definition { cluster, .. } => (
                        SymbolKind::CLASS,
                        if *cluster {
                            "ClusterWorkflowTemplate"
                        } else {
                            "WorkflowTemplate"
                        }
                        .to_string(),
                    ),
                    Symbol::Template {
                        owner: Owner::Shared { name, .. },
                        ..
                    } => (SymbolKind::FUNCTION, name.clone()),
                    _ => continue,
                };
                let label = format!("{container}/{}", o.symbol.name());
                if !fuzzy(query, &label) {
                    continue;
                }
                out.push(SymbolInformation {
                    name: o.symbol.name().to_string(),
                    kind,
                    tags: None,
                    deprecated: None,
                    location: f.location(o.span, self.enc),
                    container_name: Some(container),
                });
            }
        }
        out.sort_by(|a, b| (&a.container_name, &a.name).cmp(&(&b.container_name, &b.name)));
        out.dedup_by(|a, b| {
            a.name == b.name && a.container_name == b.container_name && a.location == b.location
        });
        out
    }
}

/// `query`'s characters appear in `label` in order, ignoring case.
fn fuzzy(query: &str, label: &str) -> bool {
    let mut chars = label.chars().flat_map(char::to_lowercase);
    query
        .chars()
        .flat_map(char::to_lowercase)
        .all(|q| chars.any(|c| c == q))
}

/// A declaration in words: a template's kind, inputs and outputs; a parameter's value.
fn describe(f: &NavFile<'_>, d: &Occurrence) -> Option<String> {
    let m = f.manifest(d.document)?;
    let spec = m.workflow_spec()?;
    let place = f.place(d.span);
    let of = match &d.symbol {
        Symbol::Template {
            owner: Owner::Shared { cluster, name },
            ..
        }
        | Symbol::Input {
            owner: Owner::Shared { cluster, name },
            ..
        } => format!(
            " of {} `{name}`",
            if *cluster {
                "ClusterWorkflowTemplate"
            } else {
                "WorkflowTemplate"
            }
        ),
        _ => String::new(),
    };
    let template = |name: &str| spec.templates().find(|t| t.name() == Some(name));
    Some(match &d.symbol {
        Symbol::Template { name, .. } => {
            let t = template(name)?;
            let kind = template_field(t).unwrap_or("no kind set");
            let mut s = format!("**template `{name}`**{of} ({kind}), declared at {place}\n");
            s.push_str(&io_list(t));
            s
        }
        Symbol::Input {
            template: tn, name, ..
        } => {
            let t = template(tn)?;
            let p = t
                .input_parameters()
                .iter()
                .find(|p| p.get("name").and_then(Node::as_str) == Some(name))?;
            format!(
                "**input parameter `{name}`** of template `{tn}`{of}, declared at {place}\n\n{}",
                parameter_value(p, "the caller passes it (no default)")
            )
        }
        Symbol::WorkflowParameter { name, .. } => {
            let p = spec
                .argument_parameters()
                .iter()
                .find(|p| p.get("name").and_then(Node::as_str) == Some(name))?;
            format!(
                "**workflow parameter `{name}`**, declared at {place}\n\n{}",
                parameter_value(p, "given when the workflow is submitted")
            )
        }
        Symbol::Step {
            template: tn, name, ..
        }
        | Symbol::Task {
            template: tn, name, ..
        } => {
            let t = template(tn)?;
            let node = t.invocations().find(|s| s.name() == Some(name))?.node;
            let calls = match (node.get("templateRef"), node.get("template")) {
                (Some(r), _) => format!(
                    "template `{}` of `{}`",
                    r.get("template").and_then(Node::as_str).unwrap_or("?"),
                    r.get("name").and_then(Node::as_str).unwrap_or("?")
                ),
                (None, Some(tn)) => format!("template `{}`", tn.as_str().unwrap_or("?")),
                _ => "an inline template".into(),
            };
            format!(
                "**{} `{name}`** of template `{tn}`, declared at {place}: calls {calls}. Its status and outputs are known at run time.",
                d.symbol.what()
            )
        }
        Symbol::Definition { name, .. } => {
            let names: Vec<&str> = spec.templates().filter_map(|t| t.name()).collect();
            let entry = spec
                .get("entrypoint")
                .and_then(Node::as_str)
                .map(|e| format!(", entrypoint `{e}`"))
                .unwrap_or_default();
            format!(
                "**{} `{name}`**, declared at {place}{entry}\n\nTemplates: {}",
                m.kind,
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    })
}

/// A parameter's value, default or enum, or what supplies it.
fn parameter_value(p: &Node, otherwise: &str) -> String {
    let show = |k: &str| {
        p.get(k).map(|v| {
            format!(
                "{k}: `{}`",
                v.as_str()
                    .map_or_else(|| "…".to_string(), |s| s.replace('`', "'"))
            )
        })
    };
    let mut parts: Vec<String> = ["value", "default"].into_iter().filter_map(show).collect();
    if p.get("valueFrom").is_some() {
        parts.push("value from `valueFrom` (known at run time)".into());
    }
    if let Some(e) = p.get("enum").and_then(Node::as_seq) {
        let vals: Vec<String> = e
            .iter()
            .filter_map(Node::as_str)
            .map(|s| format!("`{s}`"))
            .collect();
        parts.push(format!("one of {}", vals.join(", ")));
    }
    if let Some(d) = p.get("description").and_then(Node::as_str) {
        parts.push(d.to_string());
    }
    if parts.is_empty() {
        otherwise.to_string()
    } else {
        parts.join("; ")
    }
}

/// The inputs and outputs of a template, as a Markdown list.
fn io_list(t: Template<'_>) -> String {
    let mut s = String::new();
    let names = |node: Option<&Node>, list: &str| -> Vec<String> {
        node.map(|n| n.seq(list))
            .unwrap_or(&[])
            .iter()
            .filter_map(|p| p.get("name").and_then(Node::as_str).map(str::to_string))
            .collect()
    };
    let inputs = t.get("inputs");
    for p in t.input_parameters() {
        if let Some(n) = p.get("name").and_then(Node::as_str) {
            let how = if crate::model::inputs::parameter_required(p) {
                "required".to_string()
            } else {
                parameter_value(p, "")
            };
            s.push_str(&format!("\n- input `{n}`: {how}"));
        }
    }
    for a in names(inputs, "artifacts") {
        s.push_str(&format!("\n- input artifact `{a}`"));
    }
    let outputs = t.get("outputs");
    for (list, what) in [("parameters", "output"), ("artifacts", "output artifact")] {
        for n in names(outputs, list) {
            s.push_str(&format!("\n- {what} `{n}`"));
        }
    }
    s
}

/// The outline of a document: each manifest, its templates, their steps, tasks and inputs.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written
pub fn document_symbols(f: &NavFile<'_>, enc: Encoding) -> Vec<DocumentSymbol> {
    let sym = |name: String,
               detail: Option<String>,
               kind,
               range: Span,
               sel: Span,
               children: Vec<DocumentSymbol>| DocumentSymbol {
        name: if name.is_empty() {
            "(unnamed)".into()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: f.range(range, enc),
        selection_range: f.range(
            if range.start <= sel.start && sel.end <= range.end {
                sel
            } else {
                range
            },
            enc,
        ),
        children: (!children.is_empty()).then_some(children),
    };
    let name_of = |n: &Node| {
        n.get("name")
            .map(|v| (v.as_str().unwrap_or("").to_string(), v.span))
            .unwrap_or_else(|| (String::new(), n.span))
    };
    let mut out = Vec::new();
    for d in &f.unit().parsed.documents {
        let Some(m) = d.root.as_ref().and_then(Manifest::from_root) else {
            continue;
        };
        let (name, sel) = m
            .metadata()
            .and_then(|md| md.get("name").or_else(|| md.get("generateName")))
            .map(|v| (v.as_str().unwrap_or("").to_string(), v.span))
            .unwrap_or_else(|| (String::new(), m.root.span));
        let mut children = Vec::new();
        if let Some(spec) = m.workflow_spec() {
            for p in spec.argument_parameters() {
                let (n, s) = name_of(p);
                children.push(sym(
                    n,
                    Some("workflow parameter".into()),
                    SymbolKind::CONSTANT,
                    p.span,
                    s,
                    vec![],
                ));
            }
            for t in spec.templates() {
                let mut inner = Vec::new();
                for p in t.input_parameters() {
                    let (n, s) = name_of(p);
                    inner.push(sym(
                        n,
                        Some("input".into()),
                        SymbolKind::VARIABLE,
                        p.span,
                        s,
                        vec![],
                    ));
                }
                for (steps, what) in [
                    (t.steps().collect::<Vec<_>>(), "step"),
                    (t.dag_tasks().collect(), "task"),
                ] {
                    for st in steps {
                        let (n, s) = name_of(st.node);
                        let detail = st
                            .template()
                            .or_else(|| {
                                st.get("templateRef")
                                    .and_then(|r| r.get("template"))
                                    .and_then(Node::as_str)
                            })
                            .map_or_else(|| what.to_string(), |c| format!("{what} → {c}"));
                        inner.push(sym(
                            n,
                            Some(detail),
                            SymbolKind::EVENT,
                            st.node.span,
                            s,
                            vec![],
                        ));
                    }
                }
                let (n, s) = name_of(t.node);
                let kind = template_field(t).map(str::to_string);
                children.push(sym(n, kind, SymbolKind::FUNCTION, t.node.span, s, inner));
            }
        }
        out.push(sym(
            name,
            Some(m.kind.to_string()),
            SymbolKind::CLASS,
            d.span,
            sel,
            children,
        ));
    }
    out
}

/// The field that makes a template the kind it is, as written (`container`, `dag`, …).
fn template_field(t: Template<'_>) -> Option<&'static str> {
    crate::model::TemplateType::FIELDS
        .iter()
        .find(|(f, _)| t.get(f).is_some())
        .map(|(f, _)| *f)
}
