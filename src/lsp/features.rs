//! What the server answers, as plain functions of a document's text (no I/O, no async):
//! diagnostics in LSP form, hover, completion and code actions. `mod.rs` wires them to the
//! protocol.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use tower_lsp_server::ls_types::{
    self as lsp, CodeAction, CodeActionKind, CodeActionOrCommand, CodeDescription, CompletionItem,
    CompletionItemKind, CompletionItemLabelDetails, CompletionItemTag, CompletionTextEdit,
    DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Documentation, Hover,
    HoverContents, Location, MarkupContent, MarkupKind, NumberOrString, Position, Range, TextEdit,
    Uri, WorkspaceEdit,
};

use super::cursor::{self, Completion, Hit, Target};
use super::text::{Encoding, Lines};
use crate::api::walk::{Place, follow};
use crate::api::{ArgoVersion, FieldDef, Kind, Ty};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::FileReport;
use crate::model::Manifest;
use crate::reference::explain::FieldDoc;
use crate::source::parse_text;

/// A document as the features see it.
pub struct Doc<'a> {
    pub uri: &'a Uri,
    pub text: &'a str,
    pub lines: &'a Lines,
    pub enc: Encoding,
}

impl Doc<'_> {
    fn range(&self, start: u32, end: u32) -> Range {
        self.lines
            .range(self.text, start as usize, end as usize, self.enc)
    }

    fn offset(&self, pos: Position) -> usize {
        self.lines.offset(self.text, pos, self.enc)
    }

    fn all_lines(&self) -> Vec<&str> {
        (0..self.lines.count())
            .map(|l| self.lines.line(self.text, l))
            .collect()
    }
}

/// Whether a file gets diagnostics: it holds an Argo document, or mentions Argo's API group
/// (a manifest too broken to parse). Other YAML is not argolint's business, as in `check`.
pub fn is_argo(report: &FileReport, text: &str) -> bool {
    report.argo_documents > 0 || text.contains("argoproj.io/")
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// One finding in LSP form: range, severity, the rule's name as code with a link to its
/// page, the help on a second line, labelled places as related information.
pub fn diagnostic(doc: &Doc<'_>, d: &Diagnostic) -> lsp::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|l| DiagnosticRelatedInformation {
            location: Location::new(doc.uri.clone(), doc.range(l.span.start, l.span.end)),
            message: l.message.clone(),
        })
        .collect();
    let tags = match d.rule.name {
        "deprecated-field" => Some(vec![DiagnosticTag::DEPRECATED]),
        "unused-suppression" => Some(vec![DiagnosticTag::UNNECESSARY]),
        _ => None,
    };
    lsp::Diagnostic {
        range: doc.range(d.span.start, d.span.end),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.name.to_string())),
        code_description: Uri::from_str(&d.rule.url())
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("argolint".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags,
        data: None,
    }
}

pub fn diagnostics(doc: &Doc<'_>, report: &FileReport) -> Vec<lsp::Diagnostic> {
    if !is_argo(report, doc.text) {
        return Vec::new();
    }
    report
        .diagnostics
        .iter()
        .map(|d| diagnostic(doc, d))
        .collect()
}

/// The Argo kind of the document around `offset`, and the key or value under it.
fn locate(doc: &Doc<'_>, offset: usize) -> Option<(Kind, Hit)> {
    let parsed = parse_text(doc.text);
    let document = parsed
        .documents
        .iter()
        .rev()
        .find(|d| d.span.start as usize <= offset)?;
    if let Some(root) = document.root.as_ref().filter(|_| !document.broken) {
        let kind = Manifest::from_root(root)?.kind;
        return Some((kind, cursor::hit_in_tree(root, offset as u32)?));
    }
    // Not parsed (half-typed): read the structure from indentation.
    let lines = doc.all_lines();
    let line = doc.lines.line_of(offset);
    let start = doc.lines.start(line);
    let kind = cursor::kind_in_text(&lines, line)?;
    Some((
        kind,
        cursor::hit_in_text(&lines, line, offset - start, start)?,
    ))
}

/// Hover on a key: the model's documentation of the field there. On a value of a field
/// with allowed values: those values (and whether this one is among them), then the field.
pub fn hover(doc: &Doc<'_>, pos: Position, version: ArgoVersion) -> Option<Hover> {
    let offset = doc.offset(pos);
    let (kind, hit) = locate(doc, offset)?;
    let place = follow(kind, &hit.path, version)?;
    let (parent, field) = place.field?;
    let title = cursor::display(&hit.path);
    let fd = FieldDoc::new(title, parent, field, version).render_markdown();
    let value = match &hit.target {
        Target::Value(v) if !field.enum_values.is_empty() => {
            let verdict = if v.contains("{{") {
                "is an expression; once substituted it must be one of"
            } else if field.enum_values.contains(&v.as_str()) {
                "is one of"
            } else {
                "is **not** one of"
            };
            let list: Vec<String> = field
                .enum_values
                .iter()
                .map(|a| {
                    let mark = if *a == v.as_str() {
                        " ← this one"
                    } else {
                        ""
                    };
                    format!("- `{a}`{mark}")
                })
                .collect();
            format!(
                "`{v}` {verdict} the values `{}` allows:\n\n{}\n\n---\n\n",
                field.name,
                list.join("\n")
            )
        }
        _ => String::new(),
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: value + &fd,
        }),
        range: Some(doc.range(hit.span.start, hit.span.end)),
    })
}

/// The first sentence of a description, for one line of a completion list.
fn one_line(description: &str) -> String {
    let first = match description.find(". ") {
        Some(i) => &description[..=i],
        None => description,
    };
    let mut s: String = first.chars().take(120).collect();
    if s.len() < first.len() {
        s.push('…');
    }
    s
}

fn kind_at(doc: &Doc<'_>, offset: usize, lines: &[&str]) -> Option<Kind> {
    let parsed = parse_text(doc.text);
    let from_tree = parsed
        .documents
        .iter()
        .rev()
        .find(|d| d.span.start as usize <= offset)
        .and_then(|d| d.root.as_ref())
        .and_then(Manifest::from_root)
        .map(|m| m.kind);
    from_tree.or_else(|| cursor::kind_in_text(lines, doc.lines.line_of(offset)))
}

/// Completion: inside a mapping, the keys the model allows there in the target release that
/// are not written yet; after `key:`, the allowed values of that field.
pub fn completion(doc: &Doc<'_>, pos: Position, version: ArgoVersion) -> Vec<CompletionItem> {
    let offset = doc.offset(pos);
    let lines = doc.all_lines();
    let line = doc.lines.line_of(offset);
    let line_start = doc.lines.start(line);
    let Some(kind) = kind_at(doc, offset, &lines) else {
        return Vec::new();
    };
    let Some(what) = cursor::completion_at(&lines, line, offset - line_start) else {
        return Vec::new();
    };
    let word_range = |(s, e): (usize, usize)| {
        doc.lines
            .range(doc.text, line_start + s, line_start + e, doc.enc)
    };
    match what {
        Completion::Key {
            path,
            present,
            word,
            has_colon,
        } => {
            let Some(t) = follow(kind, &path, version)
                .as_ref()
                .and_then(Place::object)
            else {
                return Vec::new();
            };
            let present: HashSet<&str> = present.iter().map(String::as_str).collect();
            let prefix = cursor::display(&path);
            let mut seen = HashSet::new();
            t.fields_in(version)
                .filter(|f| !present.contains(f.name) && seen.insert(f.name))
                .map(|f| {
                    let title = if prefix.is_empty() {
                        f.name.to_string()
                    } else {
                        format!("{prefix}.{}", f.name)
                    };
                    key_item(f, t, &title, version, word_range(word), has_colon)
                })
                .collect()
        }
        Completion::Value { path, word } => {
            let Some((_, f)) = follow(kind, &path, version).and_then(|p| p.field) else {
                return Vec::new();
            };
            let values: Vec<&str> = if !f.enum_values.is_empty() {
                f.enum_values.to_vec()
            } else if f.ty == Ty::Bool {
                vec!["true", "false"]
            } else {
                return Vec::new();
            };
            // Right after the colon, the value needs its space.
            let space = if lines[line][..word.0].ends_with(':') {
                " "
            } else {
                ""
            };
            values
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    let shown = if v.is_empty() { "\"\"" } else { v };
                    CompletionItem {
                        label: shown.to_string(),
                        kind: Some(CompletionItemKind::ENUM_MEMBER),
                        detail: Some(if f.default == Some(v) {
                            format!("`{}` value (the default)", f.name)
                        } else {
                            format!("`{}` value", f.name)
                        }),
                        sort_text: Some(format!("{i:03}")),
                        filter_text: Some(shown.to_string()),
                        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                            word_range(word),
                            format!("{space}{shown}"),
                        ))),
                        ..CompletionItem::default()
                    }
                })
                .collect()
        }
    }
}

fn key_item(
    f: &'static FieldDef,
    parent: &'static crate::api::TypeDef,
    title: &str,
    version: ArgoVersion,
    range: Range,
    has_colon: bool,
) -> CompletionItem {
    let required = f.is_required_in(version);
    let desc = if f.description.is_empty() {
        format!("Kubernetes {} field", parent.name)
    } else {
        one_line(f.description)
    };
    CompletionItem {
        label: f.name.to_string(),
        label_details: Some(CompletionItemLabelDetails {
            detail: Some(format!(": {}", f.ty.display())),
            description: Some(f.versions.to_string()),
        }),
        kind: Some(CompletionItemKind::FIELD),
        detail: Some(format!("{desc} ({})", f.versions)),
        documentation: Some(Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: FieldDoc::new(title, parent, f, version).render_markdown(),
        })),
        tags: f.deprecated.map(|_| vec![CompletionItemTag::DEPRECATED]),
        // Required fields first.
        sort_text: Some(format!("{}{}", if required { 0 } else { 1 }, f.name)),
        filter_text: Some(f.name.to_string()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            range,
            if has_colon {
                f.name.to_string()
            } else {
                format!("{}: ", f.name)
            },
        ))),
        ..CompletionItem::default()
    }
}

fn edit(doc: &Doc<'_>, edits: &[crate::diagnostic::Edit]) -> WorkspaceEdit {
    let text_edits = edits
        .iter()
        .map(|e| TextEdit::new(doc.range(e.span.start, e.span.end), e.replacement.clone()))
        .collect();
    WorkspaceEdit {
        changes: Some(HashMap::from([(doc.uri.clone(), text_edits)])),
        ..WorkspaceEdit::default()
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Quick fixes for the findings in `range` (a rule's fix, preferred when safe, and
/// "Disable <rule> for this line"), plus "fix all safe problems" as `source.fixAll`.
pub fn code_actions(
    doc: &Doc<'_>,
    report: &FileReport,
    range: Range,
    only: Option<&[CodeActionKind]>,
    fix_all: impl FnOnce() -> Option<String>,
) -> Vec<CodeActionOrCommand> {
    let wants = |k: &CodeActionKind| {
        only.is_none_or(|o| {
            o.iter().any(|w| {
                k.as_str() == w.as_str() || k.as_str().starts_with(&format!("{}.", w.as_str()))
            })
        })
    };
    let mut out = Vec::new();
    if !is_argo(report, doc.text) {
        return out;
    }
    let (start, end) = (doc.offset(range.start), doc.offset(range.end));
    let parsed = parse_text(doc.text);
    let mut disabled = HashSet::new();
    if wants(&CodeActionKind::QUICKFIX) {
        for d in &report.diagnostics {
            let (s, e) = (d.span.start as usize, d.span.end as usize);
            if e < start || s > end {
                continue;
            }
            let ld = diagnostic(doc, d);
            if let Some(fix) = &d.fix {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: capitalized(&fix.message),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![ld.clone()]),
                    edit: Some(edit(doc, &fix.edits)),
                    is_preferred: Some(fix.safe),
                    ..CodeAction::default()
                }));
            }
            let line = doc.lines.line_of(s);
            if crate::fix::suppressible(d.rule) && disabled.insert((d.rule.name, line)) {
                let (edits, _) = crate::fix::suppression_edits(
                    &report.file,
                    &parsed,
                    &[(d.span.start, d.rule.name)],
                    "",
                );
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Disable {} for this line", d.rule.name),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![ld]),
                    edit: Some(edit(doc, &edits)),
                    ..CodeAction::default()
                }));
            }
        }
    }
    let any_safe = report
        .diagnostics
        .iter()
        .any(|d| d.fix.as_ref().is_some_and(|f| f.safe));
    if any_safe
        && only.is_some_and(|_| wants(&CodeActionKind::SOURCE_FIX_ALL))
        && let Some(fixed) = fix_all().filter(|t| t != doc.text)
    {
        let whole =
            crate::diagnostic::Edit::replace(crate::source::Span::new(0, doc.text.len()), fixed);
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: "Fix all safe argolint findings".into(),
            kind: Some(CodeActionKind::SOURCE_FIX_ALL),
            edit: Some(edit(doc, &[whole])),
            ..CodeAction::default()
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const WF: &str = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: w-}\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      retryStrategy:\n        limit: 2\n        retryPolicy: OnFailures\n        backoff: {duration: 1s, maxDuration: 1m}\n      container: {image: alpine:3.20}\n";

    fn doc<'a>(uri: &'a Uri, text: &'a str, lines: &'a Lines) -> Doc<'a> {
        Doc {
            uri,
            text,
            lines,
            enc: Encoding::Utf16,
        }
    }

    fn pos_of(text: &str, needle: &str, delta: usize) -> Position {
        let at = text.find(needle).unwrap() + delta;
        Lines::new(text).position(text, at, Encoding::Utf16)
    }

    #[test]
    fn hover_documents_keys_and_enum_values() {
        let uri = Uri::from_str("file:///w.yaml").unwrap();
        let lines = Lines::new(WF);
        let d = doc(&uri, WF, &lines);
        let v = ArgoVersion::LATEST;
        let h = hover(&d, pos_of(WF, "maxDuration", 3), v).unwrap();
        let HoverContents::Markup(m) = h.contents else {
            panic!()
        };
        assert!(
            m.value
                .contains("spec.templates[0].retryStrategy.backoff.maxDuration")
        );
        assert!(m.value.contains("retry-max-duration-overrides-deadline"));
        assert!(m.value.contains("FIRST attempt"));
        let h = hover(&d, pos_of(WF, "OnFailures", 2), v).unwrap();
        let HoverContents::Markup(m) = h.contents else {
            panic!()
        };
        assert!(
            m.value.starts_with("`OnFailures` is **not** one of"),
            "{}",
            m.value
        );
        assert!(m.value.contains("- `OnTransientError`"));
        // Not a field of the model, not Argo: nothing.
        assert!(hover(&d, pos_of(WF, "generateName", 0), v).is_some());
        let cm = "apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n";
        let lines = Lines::new(cm);
        assert!(hover(&doc(&uri, cm, &lines), pos_of(cm, "data", 1), v).is_none());
    }

    #[test]
    fn completion_respects_the_target_release() {
        let uri = Uri::from_str("file:///c.yaml").unwrap();
        let text = "apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nspec:\n  \n";
        let lines = Lines::new(text);
        let d = doc(&uri, text, &lines);
        let labels = |v| -> Vec<String> {
            completion(&d, Position::new(3, 2), v)
                .into_iter()
                .map(|i| i.label)
                .collect()
        };
        let new = labels(ArgoVersion::V4_1);
        let old = labels(ArgoVersion::V3_5);
        assert!(new.contains(&"schedules".to_string()) && !new.contains(&"schedule".to_string()));
        assert!(old.contains(&"schedule".to_string()));
        assert!(new.contains(&"workflowSpec".to_string()));
    }
}
