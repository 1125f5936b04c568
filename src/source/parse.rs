//! YAML text → [`Document`]s of our spanned tree, built from granit-parser's event stream.
//!
//! The builder is iterative (no recursion on input depth), resolves aliases and `<<` merge
//! keys under an expansion budget, reports duplicate keys, keeps every comment, and recovers
//! at the next `---` after a syntax error so one broken document does not hide the others.

use std::collections::HashMap;

use granit_parser::{Event, Options, Parser, ScanError, StructureStyle};

use super::Span;
use super::tree::{Comment, Document, Entry, Node, NodeKind, Scalar, ScalarStyle};

/// How much alias and merge-key expansion may add to one document: each node copied costs
/// one, and each [`BYTES_PER_UNIT`] bytes of scalar text copied another. A real manifest
/// stays far below; a "billion laughs" document (many nodes, or a long string copied many
/// times) hits it quickly. Charged before anything is copied.
pub const ALIAS_EXPANSION_BUDGET: usize = 100_000;

/// Scalar bytes that cost as much as one node in the expansion budget (so at most about
/// 6 MiB of text is copied).
const BYTES_PER_UNIT: usize = 64;

/// What copying `node` costs in the expansion budget.
fn expansion_cost(node: &Node) -> usize {
    let mut cost = 0;
    node.walk(&mut |n| {
        cost += 1 + n.as_scalar().map_or(0, |s| s.value.len() / BYTES_PER_UNIT);
    });
    cost
}

/// Something wrong with the text itself, found before any Argo check runs.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceProblem {
    pub kind: ProblemKind,
    pub span: Span,
    pub message: String,
    pub related: Vec<(Span, String)>,
    pub help: Option<String>,
    /// Text whose removal resolves the problem, if there is such a text.
    pub remove: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The text is not YAML (or JSON).
    Syntax,
    /// The same key twice in one mapping.
    DuplicateKey,
    /// Aliases expand past [`ALIAS_EXPANSION_BUDGET`], or refer to themselves.
    AliasExpansion,
    /// Unrendered Helm / Go template syntax.
    Template,
}

#[derive(Debug, Default)]
pub struct ParsedFile {
    pub documents: Vec<Document>,
    pub comments: Vec<Comment>,
    pub problems: Vec<SourceProblem>,
}

fn parser_options() -> Options {
    let mut o = Options::default();
    o.emit_unresolved_aliases = true;
    o.max_buffered_comment_events = 4096;
    o
}

/// Parses a whole file. Never panics; every problem found is in `problems`.
pub fn parse_text(text: &str) -> ParsedFile {
    let mut b = Builder::new(text);
    let mut parser = Parser::new_from_str_with_options(text, parser_options());
    let mut last_error_at = usize::MAX;
    loop {
        match parser.next_event() {
            None => break,
            Some(Ok((event, span))) => {
                let start = span.start.byte_offset().unwrap_or(0);
                let end = span.end.byte_offset().unwrap_or(start);
                if b.event(event, Span::new(start, end)) {
                    break;
                }
            }
            Some(Err(e)) => {
                let at = b.error_offset(&e);
                b.syntax_error(&e, at);
                if at == last_error_at {
                    break; // no progress: stop rather than loop
                }
                last_error_at = at;
                match parser.proceed_next_document() {
                    Ok(true) => continue,
                    Ok(false) => break,
                    Err(e) => {
                        let at = b.error_offset(&e);
                        b.syntax_error(&e, at);
                        break;
                    }
                }
            }
        }
    }
    b.finish()
}

enum FrameKind {
    Seq(Vec<Node>),
    Map {
        entries: Vec<Entry>,
        key: Option<Node>,
    },
}

struct Frame {
    kind: FrameKind,
    start: usize,
    anchor: usize,
    flow: bool,
}

struct Builder<'t> {
    text: &'t str,
    out: ParsedFile,
    stack: Vec<Frame>,
    /// Anchored nodes with what copying each costs in the expansion budget.
    anchors: HashMap<usize, (Node, usize)>,
    root: Option<Node>,
    doc_start: Option<usize>,
    doc_broken: bool,
    budget: usize,
    budget_reported: bool,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str) -> Self {
        Builder {
            text,
            out: ParsedFile::default(),
            stack: Vec::new(),
            anchors: HashMap::new(),
            root: None,
            doc_start: None,
            doc_broken: false,
            budget: ALIAS_EXPANSION_BUDGET,
            budget_reported: false,
        }
    }

    /// Handles one event; returns true at the end of the stream.
    fn event(&mut self, event: Event<'t>, span: Span) -> bool {
        match event {
            Event::StreamStart => {}
            Event::StreamEnd => {
                self.end_document(span.end as usize);
                return true;
            }
            Event::DocumentStart(..) => {
                self.end_document(span.start as usize);
                self.doc_start = Some(span.start as usize);
            }
            Event::DocumentEnd => self.end_document(span.end as usize),
            Event::Comment(text, _) => self.out.comments.push(Comment {
                span,
                text: text.as_ref().into(),
            }),
            Event::Scalar(value, style, anchor, tag) => {
                let style = match style {
                    granit_parser::ScalarStyle::Plain => ScalarStyle::Plain,
                    granit_parser::ScalarStyle::SingleQuoted => ScalarStyle::SingleQuoted,
                    granit_parser::ScalarStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
                    granit_parser::ScalarStyle::Literal => ScalarStyle::Literal,
                    _ => ScalarStyle::Folded,
                };
                let node = Node {
                    span,
                    kind: NodeKind::Scalar(Scalar {
                        value: value.as_ref().into(),
                        style,
                        tag: tag.map(|t| t.original().into_boxed_str()),
                    }),
                    flow: false,
                };
                if anchor != 0 {
                    self.anchors
                        .insert(anchor, (node.clone(), expansion_cost(&node)));
                }
                self.complete(node);
            }
            Event::SequenceStart(style, anchor, _) => self.open(span, anchor, style, true),
            Event::MappingStart(style, anchor, _) => self.open(span, anchor, style, false),
            Event::SequenceEnd | Event::MappingEnd => self.close(span),
            Event::Alias(id) => self.alias(id, span),
            Event::UnresolvedAlias(name) => {
                self.problem(
                    ProblemKind::Syntax,
                    span,
                    format!("alias `*{name}` refers to no anchor defined before it"),
                    Some("define the anchor (`&name`) earlier in the same document".into()),
                );
                self.complete(Node::null(span));
            }
            _ => {}
        }
        false
    }

    fn open(&mut self, span: Span, anchor: usize, style: StructureStyle, seq: bool) {
        self.stack.push(Frame {
            kind: if seq {
                FrameKind::Seq(Vec::new())
            } else {
                FrameKind::Map {
                    entries: Vec::new(),
                    key: None,
                }
            },
            start: span.start as usize,
            anchor,
            flow: style == StructureStyle::Flow,
        });
    }

    fn close(&mut self, span: Span) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let span = Span::new(frame.start, (span.end as usize).max(frame.start));
        let kind = match frame.kind {
            FrameKind::Seq(items) => NodeKind::Seq(items),
            FrameKind::Map { entries, .. } => NodeKind::Map(self.finish_map(entries, frame.flow)),
        };
        let node = Node {
            span,
            kind,
            flow: frame.flow,
        };
        if frame.anchor != 0 {
            self.anchors
                .insert(frame.anchor, (node.clone(), expansion_cost(&node)));
        }
        self.complete(node);
    }

    fn alias(&mut self, id: usize, span: Span) {
        let Some(&(_, cost)) = self.anchors.get(&id) else {
            // An anchor on a collection that is still open: the alias refers to itself.
            self.problem(
                ProblemKind::AliasExpansion,
                span,
                "this alias refers to the collection that contains it".into(),
                Some("a recursive structure cannot be written as JSON; remove the alias".into()),
            );
            self.complete(Node::null(span));
            return;
        };
        if !self.spend(cost, span) {
            self.complete(Node::null(span));
            return;
        }
        let mut node = self.anchors[&id].0.clone();
        node.span = span;
        self.complete(node);
    }

    /// Takes `size` nodes from the expansion budget; reports once when it runs out.
    fn spend(&mut self, size: usize, span: Span) -> bool {
        if size <= self.budget {
            self.budget -= size;
            return true;
        }
        self.budget = 0;
        if !self.budget_reported {
            self.budget_reported = true;
            self.problem(
                ProblemKind::AliasExpansion,
                span,
                format!(
                    "aliases in this document expand past {ALIAS_EXPANSION_BUDGET} nodes \
                     (or {} MiB of text); expansion stopped here",
                    (ALIAS_EXPANSION_BUDGET * BYTES_PER_UNIT) >> 20
                ),
                Some(
                    "this looks like an alias bomb; write the data out or reduce the aliasing"
                        .into(),
                ),
            );
            self.doc_broken = true;
        }
        false
    }

    /// Reports duplicate keys and resolves `<<` merge keys.
    fn finish_map(&mut self, entries: Vec<Entry>, flow: bool) -> Vec<Entry> {
        // Each key's latest entry so far (an index, so a duplicate costs no search).
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
        let mut dups: Vec<(String, Span, Span, Option<Span>)> = Vec::new();
        let mut merges = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            if is_merge_key(&e.key) {
                merges.push(e.value.clone());
                continue;
            }
            if let Some(k) = e.key.as_str() {
                if let Some(earlier) = seen.insert(k, i) {
                    let earlier = &entries[earlier];
                    let remove = self.entry_lines(earlier);
                    dups.push((k.to_string(), e.key.span, earlier.key.span, remove));
                }
            } else if flow
                && self
                    .text
                    .get(e.key.span.range())
                    .is_some_and(|t| t.starts_with('{'))
            {
                self.template_problem(e.key.span);
            }
        }
        let keys: Vec<String> = seen.keys().map(|k| k.to_string()).collect();
        for (k, span, first, remove) in dups {
            self.out.problems.push(SourceProblem {
                remove,
                kind: ProblemKind::DuplicateKey,
                span,
                message: format!("duplicate key `{k}`: this mapping already has it"),
                related: vec![(first, format!("`{k}` first defined here"))],
                help: Some(format!(
                    "Kubernetes keeps only the last `{k}` and silently drops the first; merge them into one"
                )),
            });
        }
        if merges.is_empty() {
            return entries;
        }
        let mut out: Vec<Entry> = entries
            .into_iter()
            .filter(|e| !is_merge_key(&e.key))
            .collect();
        let mut present: std::collections::HashSet<String> = keys.into_iter().collect();
        for m in merges {
            let sources: Vec<&Node> = match &m.kind {
                NodeKind::Map(_) => vec![&m],
                NodeKind::Seq(items) => items.iter().collect(),
                NodeKind::Scalar(_) => vec![],
            };
            for src in sources {
                let Some(src_entries) = src.as_map() else {
                    self.problem(
                        ProblemKind::Syntax,
                        m.span,
                        "a `<<` merge key needs a mapping or a list of mappings".into(),
                        None,
                    );
                    continue;
                };
                for e in src_entries {
                    let Some(k) = e.key.as_str() else { continue };
                    if present.insert(k.to_string()) {
                        if self.budget_reported || !self.spend(expansion_cost(&e.value) + 1, m.span)
                        {
                            return out;
                        }
                        let mut e = e.clone();
                        e.merged = true;
                        out.push(e);
                    }
                }
            }
        }
        out
    }

    fn template_problem(&mut self, span: Span) {
        if self
            .out
            .problems
            .iter()
            .any(|p| p.kind == ProblemKind::Template)
        {
            return;
        }
        self.doc_broken = true;
        self.problem(
            ProblemKind::Template,
            span,
            "`{{ … }}` outside quotes is template syntax (Helm or Go), not YAML: it parses as a nested mapping".into(),
            Some("lint the rendered output (`helm template … | argolint check -`), or quote the value if it is an Argo expression".into()),
        );
    }

    fn complete(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame {
                kind: FrameKind::Seq(items),
                ..
            }) => items.push(node),
            Some(Frame {
                kind: FrameKind::Map { entries, key },
                ..
            }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push(Entry {
                    key: k,
                    value: node,
                    merged: false,
                }),
            },
        }
    }

    fn end_document(&mut self, end: usize) {
        let Some(start) = self.doc_start.take() else {
            return;
        };
        let broken = self.doc_broken || !self.stack.is_empty();
        self.stack.clear();
        self.anchors.clear();
        let root = self.root.take().filter(|_| !broken);
        self.out.documents.push(Document {
            index: self.out.documents.len(),
            span: Span::new(start, end),
            root,
            broken,
        });
        self.doc_broken = false;
        self.budget = ALIAS_EXPANSION_BUDGET;
        self.budget_reported = false;
    }

    fn error_offset(&self, e: &ScanError) -> usize {
        let m = e.marker();
        m.byte_offset()
            .or_else(|| self.text.char_indices().nth(m.index()).map(|(i, _)| i))
            .unwrap_or(self.text.len())
            .min(self.text.len())
    }

    fn syntax_error(&mut self, e: &ScanError, at: usize) {
        let mut help = None;
        let line_start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i);
        let line = &self.text[line_start..line_end];
        if looks_like_go_template(line) || looks_like_go_template(self.text) {
            help = Some(
                "this file holds Helm or Go template syntax; lint the rendered output \
                 (`helm template … | argolint check -`) or exclude the file"
                    .into(),
            );
        } else if line.contains('\t') {
            help = Some("YAML does not allow tabs for indentation; use spaces".into());
        }
        let info = e.info();
        let info = if info.is_empty() {
            "invalid YAML".into()
        } else {
            info
        };
        self.problem(
            ProblemKind::Syntax,
            Span::new(at, (at + 1).min(line_end.max(at))),
            format!("YAML syntax error: {info}"),
            help,
        );
        self.doc_broken = true;
        if self.doc_start.is_none() {
            self.doc_start = Some(line_start);
        }
        self.end_document(at);
    }

    /// The whole lines of a block mapping entry (key line to the value's last line), when
    /// the entry starts its line.
    fn entry_lines(&self, e: &Entry) -> Option<Span> {
        let start = e.key.span.start as usize;
        // Only blanks may precede the key on its line (looking back no further than them).
        let before = &self.text.as_bytes()[..start];
        let blanks = before
            .iter()
            .rev()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        let line_start = start - blanks;
        if line_start > 0 && before[line_start - 1] != b'\n' {
            return None;
        }
        let end = e.value.content_end().max(e.key.span.end) as usize;
        let line_end = self.text[end..]
            .find('\n')
            .map_or(self.text.len(), |i| end + i + 1);
        Some(Span::new(line_start, line_end))
    }

    fn problem(&mut self, kind: ProblemKind, span: Span, message: String, help: Option<String>) {
        self.out.problems.push(SourceProblem {
            remove: None,
            kind,
            span,
            message,
            related: Vec::new(),
            help,
        });
    }

    fn finish(mut self) -> ParsedFile {
        self.end_document(self.text.len());
        self.out
    }
}

fn is_merge_key(key: &Node) -> bool {
    matches!(key.as_scalar(), Some(s) if s.style == ScalarStyle::Plain && &*s.value == "<<")
}

/// Helm and Go template actions: `{{ .Values.x }}`, `{{- if … }}`, `{{ include … }}`.
pub fn looks_like_go_template(text: &str) -> bool {
    [
        "{{ .",
        "{{.",
        "{{-",
        "{{ include",
        "{{ if",
        "{{ range",
        "{{ template",
        "{{/*",
    ]
    .iter()
    .any(|p| text.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(t: &str) -> ParsedFile {
        parse_text(t)
    }

    #[test]
    fn spans_distinguish_keys_and_values() {
        let t = "a:\n  bb: ccc\n";
        let p = parse(t);
        let root = p.documents[0].root.as_ref().unwrap();
        let e = root.get("a").unwrap().entry("bb").unwrap();
        assert_eq!(&t[e.key.span.range()], "bb");
        assert_eq!(&t[e.value.span.range()], "ccc");
    }

    #[test]
    fn resolves_aliases_and_merge_keys() {
        let t = "base: &b {x: 1, y: 2}\nuse: *b\nmerged:\n  <<: *b\n  y: 3\n";
        let p = parse(t);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let root = p.documents[0].root.as_ref().unwrap();
        assert_eq!(root.get_path(&["use", "x"]).unwrap().as_str(), Some("1"));
        let m = root.get("merged").unwrap();
        assert_eq!(m.get("x").unwrap().as_str(), Some("1"));
        assert_eq!(m.get("y").unwrap().as_str(), Some("3"));
        assert_eq!(m.as_map().unwrap().len(), 2);
    }

    #[test]
    fn reports_duplicate_keys_at_both_places() {
        let t = "a: 1\nb: 2\na: 3\n";
        let p = parse(t);
        assert_eq!(p.problems.len(), 1);
        let d = &p.problems[0];
        assert_eq!(d.kind, ProblemKind::DuplicateKey);
        assert_eq!(d.span.start, 10);
        assert_eq!(d.related[0].0.start, 0);
        // last one wins
        assert_eq!(
            p.documents[0]
                .root
                .as_ref()
                .unwrap()
                .get("a")
                .unwrap()
                .as_str(),
            Some("3")
        );
    }

    #[test]
    fn recovers_after_a_broken_document() {
        let t = "a: 1\n---\nb: [unclosed\n---\nc: 3\n";
        let p = parse(t);
        assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
        let roots: Vec<_> = p.documents.iter().map(|d| d.root.is_some()).collect();
        assert_eq!(roots, vec![true, false, true]);
        assert_eq!(
            p.documents[2]
                .root
                .as_ref()
                .unwrap()
                .get("c")
                .unwrap()
                .as_str(),
            Some("3")
        );
    }

    #[test]
    fn stops_an_alias_bomb() {
        let mut t = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            t.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let p = parse(&t);
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].kind, ProblemKind::AliasExpansion);
        assert!(p.documents[0].broken);
    }

    #[test]
    fn keeps_comments() {
        let p = parse("a: 1 # argolint: ignore[x]\n# own line\nb: 2\n");
        let texts: Vec<_> = p.comments.iter().map(|c| &*c.text).collect();
        assert_eq!(texts, vec![" argolint: ignore[x]", " own line"]);
    }

    #[test]
    fn accepts_json() {
        let p = parse("{\"apiVersion\": \"v1\",\n\t\"kind\": \"X\", \"n\": [1, 2]}");
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(
            p.documents[0]
                .root
                .as_ref()
                .unwrap()
                .get("kind")
                .unwrap()
                .as_str(),
            Some("X")
        );
    }

    #[test]
    fn flags_unrendered_helm_templates() {
        let p = parse("kind: Workflow\nmetadata:\n  name: {{ .Values.name }}\n");
        assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
        assert_eq!(p.problems[0].kind, ProblemKind::Template);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let t = "[".repeat(100_000);
        let p = parse(&t);
        assert_eq!(p.problems[0].kind, ProblemKind::Syntax);
        let t = (0..2000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect::<String>();
        let p = parse(&t);
        assert!(!p.problems.is_empty());
    }
}
