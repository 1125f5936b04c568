//! Deterministic mutants of the inputs: each a named class of mistake (or near-mistake)
//! written into a real manifest by editing its text at the spans of argolint's own tree.
//!
//! Every origin file gets its own small PRNG, seeded from [`SEED`] and the file's case id and
//! name, so the set of mutants does not depend on the order of generation (it runs in
//! parallel) and changes only where an input changes.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use argolint::model::Manifest;
use argolint::source::{Entry, Node, NodeKind, parse_text};
use rayon::prelude::*;

use crate::differential::inputs::{Case, CaseFile, Mutation, Source};
use crate::differential::yamledit::{
    Edit, apply, delete_entry, end_of_content_line, insert_entry_after, line_start,
    next_line_start, own_entries, quote, replace_value, shape,
};

/// Fixed: change it only on purpose (every mutant id changes with it).
pub const SEED: u64 = 0x00A1_60C7_D1FF_2026;

/// The mutation classes, in report order.
pub const CLASSES: &[&str] = &[
    "rename-key",
    "delete-key",
    "retype-value",
    "null-value",
    "templated-name",
    "nested-tag",
    "collection-variable",
    "workflow-status",
    "undefined-reference",
    "cross-file",
    "cross-file-bad-ref",
    "cross-file-namespace",
];

/// How many mutants of each class one origin file may give (before duplicates are dropped).
fn budget(class: &str) -> usize {
    match class {
        "rename-key" => 14,
        "delete-key" => 11,
        "retype-value" => 13,
        "null-value" => 8,
        "templated-name" => 8,
        "nested-tag" => 4,
        "collection-variable" => 8,
        "workflow-status" => 5,
        "undefined-reference" => 12,
        _ => 8,
    }
}

/// SplitMix64: small, fast, and good enough to pick sites.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// Seeded from [`SEED`] and any number of strings (FNV-1a over them).
    pub fn for_parts(parts: &[&str]) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ SEED;
        for p in parts {
            for b in p.bytes().chain([0xff]) {
                h ^= b as u64;
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        Rng(h)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// One mutant before it becomes a case: the files, what was done and where.
struct Made {
    class: &'static str,
    files: Vec<CaseFile>,
    what: String,
    /// Index of the file holding the (first) edit, and the edit's byte offset there.
    file: usize,
    at: usize,
}

/// A mapping entry of an Argo document, with its generic path (`.spec.templates[].name`).
struct Site<'a> {
    map: &'a Node,
    index: usize,
    entry: &'a Entry,
    path: String,
}

fn collect_sites<'a>(node: &'a Node, path: &mut String, out: &mut Vec<Site<'a>>) {
    match &node.kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Seq(items) => {
            let mark = path.len();
            path.push_str("[]");
            for item in items.iter().filter(|i| node.span.contains(i.span)) {
                collect_sites(item, path, out);
            }
            path.truncate(mark);
        }
        NodeKind::Map(_) => {
            for (index, e) in own_entries(node).into_iter().enumerate() {
                let Some(k) = e.key_str() else { continue };
                let mark = path.len();
                path.push('.');
                path.push_str(k);
                out.push(Site {
                    map: node,
                    index,
                    entry: e,
                    path: path.clone(),
                });
                collect_sites(&e.value, path, out);
                path.truncate(mark);
            }
        }
    }
}

/// A typo of `word`: a letter dropped, two swapped, one doubled, or a letter's case changed.
pub fn typo(word: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = word.chars().collect();
    if chars.is_empty() {
        return "x".into();
    }
    for _ in 0..8 {
        let i = rng.below(chars.len());
        let mut c = chars.clone();
        match rng.below(4) {
            0 if chars.len() >= 3 => {
                c.remove(i);
            }
            1 if chars.len() >= 2 => {
                let j = if i + 1 < chars.len() { i + 1 } else { i - 1 };
                c.swap(i, j);
            }
            2 => c.insert(i, chars[i]),
            3 => {
                let ch = chars[i];
                c[i] = if ch.is_ascii_uppercase() {
                    ch.to_ascii_lowercase()
                } else if ch.is_ascii_lowercase() {
                    ch.to_ascii_uppercase()
                } else {
                    continue;
                };
            }
            _ => continue,
        }
        let out: String = c.into_iter().collect();
        if out != word && !out.is_empty() {
            return out;
        }
    }
    format!("{word}x")
}

/// Keys whose absence Argo (or the CRD) may reject, deleted first.
const REQUIRED_KEYS: &[&str] = &[
    "image",
    "name",
    "entrypoint",
    "source",
    "template",
    "templates",
    "steps",
    "tasks",
    "container",
    "value",
    "path",
    "from",
    "manifest",
    "action",
    "schedule",
    "schedules",
    "workflowSpec",
    "parameters",
    "key",
    "url",
];

/// Generates the mutants of every origin, drops byte-identical duplicates (and mutants equal
/// to their origin), and returns them as cases in a deterministic order.
pub fn generate(origins: &[(usize, &Case)], cap: Option<usize>) -> Vec<Case> {
    let made: Vec<(usize, &Case, Vec<Made>)> = origins
        .par_iter()
        .map(|&(idx, case)| (idx, case, mutate_case(case)))
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    for (_, case, _) in &made {
        seen.insert(joined(&case.files));
    }
    let mut out = Vec::new();
    for (idx, case, ms) in made {
        let mut counters = std::collections::HashMap::<&str, usize>::new();
        for m in ms {
            let n = counters.entry(m.class).or_default();
            *n += 1;
            if !seen.insert(joined(&m.files)) {
                continue;
            }
            out.push(Case {
                id: format!("mutant/{}/{}#{}", m.class, case.id, n),
                source: Source::Mutant,
                class: m.class.to_string(),
                files: m.files,
                mutation: Some(Mutation {
                    origin: idx,
                    what: m.what,
                    file: m.file,
                    at: m.at,
                }),
            });
        }
    }
    if let Some(cap) = cap {
        // A quick run: every class keeps its share.
        let mut rng = Rng::for_parts(&["cap"]);
        rng.shuffle(&mut out);
        out.truncate(cap);
        out.sort_by(|a, b| a.id.cmp(&b.id));
    }
    out
}

fn joined(files: &[CaseFile]) -> String {
    let mut s = String::new();
    for f in files {
        s.push_str(&f.name);
        s.push('\0');
        s.push_str(&f.text);
        s.push('\0');
    }
    s
}

fn mutate_case(case: &Case) -> Vec<Made> {
    let mut out = Vec::new();
    for (fi, f) in case.files.iter().enumerate() {
        let parsed = parse_text(&f.text);
        if !parsed.problems.is_empty() {
            continue; // mutate only what parses cleanly
        }
        let roots: Vec<&Node> = parsed
            .documents
            .iter()
            .filter_map(|d| d.root.as_ref())
            .filter(|r| Manifest::from_root(r).is_some())
            .collect();
        if roots.is_empty() {
            continue;
        }
        let m = FileMutator {
            case,
            fi,
            text: &f.text,
            roots: &roots,
        };
        for &class in CLASSES {
            let mut rng = Rng::for_parts(&[&case.id, &f.name, class]);
            let mut found = m.run(class, &mut rng);
            found.truncate(budget(class));
            out.extend(found);
        }
    }
    out
}

struct FileMutator<'a> {
    case: &'a Case,
    fi: usize,
    text: &'a str,
    roots: &'a [&'a Node],
}

/// Names a template's `{{…}}` references may use, gathered per template.
fn input_names(template: &Node, kind: &str) -> Vec<String> {
    template
        .get("inputs")
        .map(|i| i.seq(kind))
        .unwrap_or(&[])
        .iter()
        .filter_map(|p| p.get("name")?.as_str().map(str::to_string))
        .collect()
}

fn templates_of(root: &Node) -> Vec<&Node> {
    Manifest::from_root(root)
        .and_then(|m| m.workflow_spec())
        .map(|s| s.templates().map(|t| t.node).collect())
        .unwrap_or_default()
}

/// The steps of a steps template: (group index, step map).
fn steps_of(template: &Node) -> Vec<(usize, &Node)> {
    template
        .seq("steps")
        .iter()
        .enumerate()
        .flat_map(|(g, group)| {
            group
                .as_seq()
                .unwrap_or(&[])
                .iter()
                .filter(|s| s.as_map().is_some() && template.span.contains(s.span))
                .map(move |s| (g, s))
        })
        .collect()
}

fn tasks_of(template: &Node) -> Vec<&Node> {
    template
        .get("dag")
        .map(|d| d.seq("tasks"))
        .unwrap_or(&[])
        .iter()
        .filter(|t| t.as_map().is_some() && template.span.contains(t.span))
        .collect()
}

fn own_index<'n>(map: &'n Node, key: &str) -> Option<(usize, &'n Entry)> {
    own_entries(map)
        .into_iter()
        .enumerate()
        .rev()
        .find(|(_, e)| e.key_str() == Some(key))
}

const LEAF_FIELDS: &[&str] = &[
    "container",
    "script",
    "resource",
    "suspend",
    "data",
    "http",
    "containerSet",
    "plugin",
];

impl<'a> FileMutator<'a> {
    fn made(&self, class: &'static str, edits: &[Edit], what: String) -> Option<Made> {
        let text = apply(self.text, edits)?;
        if text == self.text {
            return None;
        }
        let at = edits.iter().map(|e| e.start).min().unwrap_or(0);
        let mut files = self.case.files.clone();
        files[self.fi].text = text;
        Some(Made {
            class,
            files,
            what,
            file: self.fi,
            at,
        })
    }

    fn sites(&self) -> Vec<Site<'a>> {
        let mut out = Vec::new();
        for r in self.roots {
            let mut path = String::new();
            collect_sites(r, &mut path, &mut out);
        }
        out.retain(|s| !matches!(s.path.as_str(), ".apiVersion" | ".kind"));
        out
    }

    /// The document path of a key, as argolint writes it (`.spec.templates[0].name`).
    fn path_of(&self, span: argolint::source::Span) -> String {
        self.roots
            .iter()
            .find(|r| r.span.contains(span))
            .and_then(|r| r.path_to(span))
            .unwrap_or_default()
    }

    fn loc(&self, at: usize) -> String {
        let line = crate::differential::yamledit::line_of(self.text, at);
        let col = at - line_start(self.text, at) + 1;
        format!("{line}:{col}")
    }

    fn run(&self, class: &'static str, rng: &mut Rng) -> Vec<Made> {
        match class {
            "rename-key" => self.rename_key(rng),
            "delete-key" => self.delete_key(rng),
            "retype-value" => self.retype_value(rng),
            "null-value" => self.null_value(rng),
            "templated-name" => self.templated_name(rng),
            "nested-tag" => self.nested_tag(rng),
            "collection-variable" => self.collection_variable(rng),
            "workflow-status" => self.workflow_status(rng),
            "undefined-reference" => self.undefined_reference(rng),
            "cross-file" | "cross-file-bad-ref" | "cross-file-namespace" => {
                self.cross_file(class, rng)
            }
            _ => unreachable!("{class}"),
        }
    }

    fn rename_key(&self, rng: &mut Rng) -> Vec<Made> {
        let mut sites = self.sites();
        rng.shuffle(&mut sites);
        let mut out = Vec::new();
        for s in sites {
            let key = s.entry.key_str().unwrap_or_default();
            // Plain keys only: a quoted key's text is not its value.
            if &self.text[s.entry.key.span.range()] != key || key.is_empty() {
                continue;
            }
            let new = typo(key, rng);
            let what = format!(
                "renamed key `{}` to `{new}` at {} ({})",
                key,
                self.loc(s.entry.key.span.start as usize),
                self.path_of(s.entry.key.span)
            );
            out.extend(self.made("rename-key", &[Edit::replace(s.entry.key.span, new)], what));
            if out.len() >= budget("rename-key") {
                break;
            }
        }
        out
    }

    fn delete_key(&self, rng: &mut Rng) -> Vec<Made> {
        let mut sites = self.sites();
        rng.shuffle(&mut sites);
        // Required-looking keys first, then the others.
        sites.sort_by_key(|s| !REQUIRED_KEYS.contains(&s.entry.key_str().unwrap_or_default()));
        let mut out = Vec::new();
        let mut required = 0;
        for s in sites {
            let is_required = REQUIRED_KEYS.contains(&s.entry.key_str().unwrap_or_default());
            if is_required && required >= budget("delete-key") * 2 / 3 {
                continue;
            }
            let Some(edits) = delete_entry(self.text, s.map, s.index) else {
                continue;
            };
            let what = format!(
                "deleted `{}` at {} ({})",
                s.entry.key_str().unwrap_or_default(),
                self.loc(s.entry.key.span.start as usize),
                self.path_of(s.entry.key.span)
            );
            if let Some(m) = self.made("delete-key", &edits, what) {
                required += is_required as usize;
                out.push(m);
            }
            if out.len() >= budget("delete-key") {
                break;
            }
        }
        out
    }

    fn retype_value(&self, rng: &mut Rng) -> Vec<Made> {
        let mut sites = self.sites();
        rng.shuffle(&mut sites);
        let mut out = Vec::new();
        for s in sites {
            let v = &s.entry.value;
            let from = shape(v);
            let raw = &self.text[v.span.range()];
            let options: Vec<String> = match from {
                "string" => {
                    let q = quote(v.as_str().unwrap_or_default());
                    vec![
                        format!("[{q}]"),
                        format!("{{x: {q}}}"),
                        "1".into(),
                        "true".into(),
                        "yes".into(),
                        "\"yes\"".into(),
                        "0755".into(),
                        "\"0755\"".into(),
                        "1e3".into(),
                        "\"1e3\"".into(),
                        "3.5".into(),
                    ]
                }
                "number" => vec![
                    quote(raw),
                    format!("[{raw}]"),
                    format!("{{x: {raw}}}"),
                    "true".into(),
                    "1e3".into(),
                    "0755".into(),
                    "\"1e3\"".into(),
                    "on".into(),
                ],
                "bool" => vec![
                    quote(raw),
                    "yes".into(),
                    "no".into(),
                    "\"yes\"".into(),
                    "1".into(),
                    format!("[{raw}]"),
                ],
                "null" => vec!["[]".into(), "{}".into(), "x".into(), "0".into()],
                "list" => vec![
                    "x".into(),
                    "{}".into(),
                    "1".into(),
                    "{x: 1}".into(),
                    "[]".into(),
                ],
                _ => vec![
                    "x".into(),
                    "[]".into(),
                    "[x]".into(),
                    "1".into(),
                    "true".into(),
                ],
            };
            let new = rng.pick(&options).clone();
            let what = format!(
                "retyped `{}` at {} ({from} → `{new}`) ({})",
                s.entry.key_str().unwrap_or_default(),
                self.loc(s.entry.key.span.start as usize),
                self.path_of(s.entry.key.span)
            );
            out.extend(self.made(
                "retype-value",
                &replace_value(self.text, s.entry, &new),
                what,
            ));
            if out.len() >= budget("retype-value") {
                break;
            }
        }
        out
    }

    fn null_value(&self, rng: &mut Rng) -> Vec<Made> {
        let mut sites = self.sites();
        sites.retain(|s| !s.entry.value.is_null());
        rng.shuffle(&mut sites);
        let mut out = Vec::new();
        for s in sites {
            let variant = rng.below(if s.map.flow { 3 } else { 4 });
            let (value, label) = match variant {
                // In a flow mapping `{k:, …}`: YAML 1.1 (Kubernetes) reads the key `k:`.
                0 if s.map.flow => ("", "empty, `k:` right before `,` or `}` in a flow mapping"),
                0 => ("", "empty"),
                1 => ("~", "`~`"),
                2 => ("null", "`null`"),
                _ => ("", "a mapping holding only a comment"),
            };
            let mut edits = replace_value(self.text, s.entry, value);
            if variant == 3 {
                let indent = crate::differential::yamledit::sibling_indent(
                    self.text,
                    s.entry.key.span.start as usize,
                );
                let e = &mut edits[0];
                let nl = e.text.ends_with('\n');
                e.text = format!(":\n{indent}  # nothing here but a comment");
                if nl || e.end < self.text.len() && !self.text[e.end..].starts_with('\n') {
                    e.text.push('\n');
                }
            }
            let what = format!(
                "set `{}` at {} to null ({label}) ({})",
                s.entry.key_str().unwrap_or_default(),
                self.loc(s.entry.key.span.start as usize),
                self.path_of(s.entry.key.span)
            );
            out.extend(self.made("null-value", &edits, what));
            if out.len() >= budget("null-value") {
                break;
            }
        }
        out
    }

    fn templated_name(&self, rng: &mut Rng) -> Vec<Made> {
        let mut out = Vec::new();
        let mut sites: Vec<(Site<'a>, Vec<String>)> = Vec::new();
        for r in self.roots {
            for t in templates_of(r) {
                let params = input_names(t, "parameters");
                let mut local = Vec::new();
                collect_sites(t, &mut String::from(".templates[]"), &mut local);
                for s in local {
                    let p = s.path.as_str();
                    let is_name = p.ends_with(".name")
                        && (p == ".templates[].name"
                            || p.ends_with(".steps[][].name")
                            || p.ends_with(".dag.tasks[].name")
                            || p.ends_with("parameters[].name")
                            || p.ends_with("artifacts[].name"));
                    if is_name
                        && s.entry.value.as_scalar().is_some()
                        && !s.entry.value.span.is_empty()
                    {
                        sites.push((s, params.clone()));
                    }
                }
            }
        }
        rng.shuffle(&mut sites);
        for (s, params) in sites {
            let old = s.entry.value.as_str().unwrap_or_default();
            let mut forms = vec![
                "{{inputs.parameters.x}}".to_string(),
                format!("{old}-{{{{workflow.name}}}}"),
                format!("{old}-{{{{item}}}}"),
                "{{item}}".to_string(),
            ];
            if let Some(p) = params.first() {
                forms.push(format!("{old}-{{{{inputs.parameters.{p}}}}}"));
            }
            let new = rng.pick(&forms).clone();
            let what = format!(
                "templated name `{old}` → `{new}` at {} ({})",
                self.loc(s.entry.value.span.start as usize),
                self.path_of(s.entry.key.span)
            );
            out.extend(self.made(
                "templated-name",
                &[Edit::replace(s.entry.value.span, quote(&new))],
                what,
            ));
            if out.len() >= budget("templated-name") {
                break;
            }
        }
        out
    }

    /// A `when:` written on (or replacing that of) a step or task.
    fn set_when(&self, item: &Node, when: &str) -> Option<Vec<Edit>> {
        if let Some((_, e)) = own_index(item, "when") {
            return Some(replace_value(self.text, e, &quote(when)));
        }
        let (_, anchor) = own_index(item, "name")?;
        Some(vec![insert_entry_after(
            self.text,
            item,
            anchor,
            &format!("when: {}", quote(when)),
        )?])
    }

    fn nested_tag(&self, rng: &mut Rng) -> Vec<Made> {
        let mut out = Vec::new();
        let mut cands: Vec<(Vec<Edit>, String)> = Vec::new();
        for r in self.roots {
            for t in templates_of(r) {
                let params = input_names(t, "parameters");
                let p = params.first().map(String::as_str).unwrap_or("x");
                let steps = steps_of(t);
                for &(g, step) in &steps {
                    let prev: Vec<&str> = steps
                        .iter()
                        .filter(|(pg, _)| *pg < g)
                        .filter_map(|(_, s)| s.get("name")?.as_str())
                        .collect();
                    let mut forms = vec![
                        format!(
                            "{{{{steps.run-{{{{inputs.parameters.{p}}}}}.status}}}} == Succeeded"
                        ),
                        format!("{{{{steps.{{{{inputs.parameters.{p}}}}}.status}}}} == Succeeded"),
                    ];
                    if let Some(prev) = prev.first() {
                        forms.push(format!(
                            "{{{{steps.{prev}.outputs.parameters.{{{{inputs.parameters.{p}}}}}}}}} == a"
                        ));
                    }
                    let when = rng.pick(&forms).clone();
                    if let Some(edits) = self.set_when(step, &when) {
                        let at = step.span.start as usize;
                        cands.push((
                            edits,
                            format!("when: `{when}` on the step at {}", self.loc(at)),
                        ));
                    }
                }
                for task in tasks_of(t) {
                    let deps: Vec<&str> = task
                        .seq("dependencies")
                        .iter()
                        .filter_map(|d| d.as_str())
                        .collect();
                    let dep = deps.first().copied().unwrap_or("a");
                    let forms = [
                        format!(
                            "{{{{tasks.{dep}-{{{{inputs.parameters.{p}}}}}.status}}}} == Succeeded"
                        ),
                        format!("{{{{tasks.{{{{inputs.parameters.{p}}}}}.status}}}} == Succeeded"),
                    ];
                    let when = rng.pick(&forms).clone();
                    if let Some(edits) = self.set_when(task, &when) {
                        let at = task.span.start as usize;
                        cands.push((
                            edits,
                            format!("when: `{when}` on the task at {}", self.loc(at)),
                        ));
                    }
                }
            }
        }
        rng.shuffle(&mut cands);
        for (edits, what) in cands {
            out.extend(self.made("nested-tag", &edits, what));
            if out.len() >= budget("nested-tag") {
                break;
            }
        }
        out
    }

    /// Puts `value` into a leaf template's main container or script: replaces one of its
    /// `args` (or `command`) items, or adds `args` after `image`.
    fn put_in_args(&self, t: &Node, value: &str, rng: &mut Rng) -> Option<Vec<Edit>> {
        let c = t.get("container").or_else(|| t.get("script"))?;
        if c.as_map().is_none() || !t.span.contains(c.span) {
            return None;
        }
        for key in ["args", "command"] {
            let items: Vec<&Node> = c
                .seq(key)
                .iter()
                .filter(|i| {
                    i.as_scalar().is_some() && c.span.contains(i.span) && !i.span.is_empty()
                })
                .collect();
            if !items.is_empty() {
                let item = items[rng.below(items.len())];
                return Some(vec![Edit::replace(
                    item.span,
                    quote(&format!("echo {value}")),
                )]);
            }
        }
        let (_, image) = own_index(c, "image")?;
        Some(vec![insert_entry_after(
            self.text,
            c,
            image,
            &format!("args: [{}]", quote(value)),
        )?])
    }

    fn collection_variable(&self, rng: &mut Rng) -> Vec<Made> {
        const WHOLE: &[&str] = &[
            "{{inputs.parameters}}",
            "{{inputs.artifacts}}",
            "{{inputs}}",
            "{{outputs.parameters}}",
            "{{workflow.parameters}}",
            "{{workflow.parameters.json}}",
            "{{workflow.labels}}",
            "{{workflow.annotations}}",
            "{{workflow.labels.json}}",
            "{{workflow.annotations.json}}",
            "{{workflow.outputs.parameters}}",
        ];
        let mut cands: Vec<(Vec<Edit>, String)> = Vec::new();
        for r in self.roots {
            for t in templates_of(r) {
                let tname = t.get("name").and_then(Node::as_str).unwrap_or("?");
                let var = *rng.pick(WHOLE);
                if let Some(edits) = self.put_in_args(t, var, rng) {
                    cands.push((edits, format!("`{var}` in the args of template `{tname}`")));
                }
                // `{{steps.X.outputs…}}` / `{{tasks.X.outputs…}}` in an argument value.
                let steps = steps_of(t);
                for &(g, step) in &steps {
                    let Some(prev) = steps
                        .iter()
                        .filter(|(pg, _)| *pg < g)
                        .find_map(|(_, s)| s.get("name")?.as_str())
                    else {
                        continue;
                    };
                    let var = *rng.pick(&[
                        "outputs.parameters",
                        "outputs",
                        "outputs.artifacts",
                        "outputs.result",
                    ]);
                    let var = format!("{{{{steps.{prev}.{var}}}}}");
                    if let Some(edits) = self.put_in_argument_value(step, &var, rng) {
                        cands.push((
                            edits,
                            format!("`{var}` as an argument value of a step of `{tname}`"),
                        ));
                    }
                }
                for task in tasks_of(t) {
                    let Some(dep) = task.seq("dependencies").iter().find_map(|d| d.as_str()) else {
                        continue;
                    };
                    let var = *rng.pick(&["outputs.parameters", "outputs", "outputs.artifacts"]);
                    let var = format!("{{{{tasks.{dep}.{var}}}}}");
                    if let Some(edits) = self.put_in_argument_value(task, &var, rng) {
                        cands.push((
                            edits,
                            format!("`{var}` as an argument value of a task of `{tname}`"),
                        ));
                    }
                }
            }
        }
        rng.shuffle(&mut cands);
        let mut out = Vec::new();
        for (edits, what) in cands {
            let what = format!("{what} at {}", self.loc(edits[0].start));
            out.extend(self.made("collection-variable", &edits, what));
            if out.len() >= budget("collection-variable") {
                break;
            }
        }
        out
    }

    /// Replaces the `value` of one of a step's (or task's) argument parameters.
    fn put_in_argument_value(&self, item: &Node, value: &str, rng: &mut Rng) -> Option<Vec<Edit>> {
        let params: Vec<&Node> = item
            .get("arguments")?
            .seq("parameters")
            .iter()
            .filter(|p| item.span.contains(p.span))
            .collect();
        let withv: Vec<&Entry> = params
            .iter()
            .filter_map(|p| own_index(p, "value").map(|(_, e)| e))
            .collect();
        if withv.is_empty() {
            return None;
        }
        let e = withv[rng.below(withv.len())];
        Some(replace_value(self.text, e, &quote(value)))
    }

    fn workflow_status(&self, rng: &mut Rng) -> Vec<Made> {
        let mut cands: Vec<(Vec<Edit>, String)> = Vec::new();
        for r in self.roots {
            // Exit handlers: `onExit` anywhere, `hooks.<x>.template`, and what their steps and
            // tasks call (one level).
            let mut handlers: BTreeSet<&str> = BTreeSet::new();
            r.walk(&mut |n| {
                if let Some(m) = n.as_map() {
                    for e in m {
                        if e.key_str() == Some("onExit")
                            && let Some(s) = e.value.as_str()
                        {
                            handlers.insert(s);
                        }
                        if e.key_str() == Some("hooks") {
                            for h in e.value.as_map().unwrap_or(&[]) {
                                if let Some(s) = h.value.get("template").and_then(Node::as_str) {
                                    handlers.insert(s);
                                }
                            }
                        }
                    }
                }
            });
            let templates = templates_of(r);
            let mut inside = handlers.clone();
            for t in &templates {
                if handlers.contains(t.get("name").and_then(Node::as_str).unwrap_or("")) {
                    for (_, s) in steps_of(t) {
                        inside.extend(s.get("template").and_then(Node::as_str));
                    }
                    for task in tasks_of(t) {
                        inside.extend(task.get("template").and_then(Node::as_str));
                    }
                }
            }
            for t in &templates {
                let tname = t.get("name").and_then(Node::as_str).unwrap_or("?");
                let place = if inside.contains(tname) {
                    "inside an exit handler"
                } else {
                    "outside exit handlers"
                };
                let var = *rng.pick(&["{{workflow.status}}", "{{workflow.failures}}"]);
                if let Some(edits) = self.put_in_args(t, var, rng) {
                    cands.push((edits, format!("`{var}` in the args of `{tname}` ({place})")));
                }
                for (_, step) in steps_of(t) {
                    let when = format!("{var} == Succeeded");
                    if let Some(edits) = self.set_when(step, &when) {
                        cands.push((
                            edits,
                            format!("when: `{when}` on a step of `{tname}` ({place})"),
                        ));
                    }
                }
            }
            // No exit handler: make one of a leaf template, and use the variable there.
            if handlers.is_empty() {
                let spec = Manifest::from_root(r).and_then(|m| m.workflow_spec());
                let entry =
                    spec.and_then(|sp| own_index(sp.node, "entrypoint").map(|(_, e)| (sp.node, e)));
                if let Some((spec, entrypoint)) = entry.filter(|(sp, _)| !sp.flow) {
                    let main = entrypoint.value.as_str().unwrap_or("");
                    let leaves: Vec<&&Node> = templates
                        .iter()
                        .filter(|t| {
                            let n = t.get("name").and_then(Node::as_str).unwrap_or("");
                            !n.is_empty()
                                && n != main
                                && (t.get("container").is_some() || t.get("script").is_some())
                        })
                        .collect();
                    if !leaves.is_empty() {
                        let t = leaves[rng.below(leaves.len())];
                        let tname = t.get("name").and_then(Node::as_str).unwrap_or("?");
                        let var = *rng.pick(&["{{workflow.status}}", "{{workflow.failures}}"]);
                        let add = insert_entry_after(
                            self.text,
                            spec,
                            entrypoint,
                            &format!("onExit: {tname}"),
                        );
                        if let (Some(mut edits), Some(add)) = (self.put_in_args(t, var, rng), add) {
                            edits.push(add);
                            cands.push((
                                edits,
                                format!("`{var}` in the args of `{tname}` (inside an exit handler: `onExit: {tname}` added)"),
                            ));
                        }
                    }
                }
            }
        }
        rng.shuffle(&mut cands);
        // Both places, when the file has an exit handler.
        cands.sort_by_key(|(_, w)| !w.contains("inside"));
        let mut out = Vec::new();
        let mut inside = 0;
        for (edits, what) in cands {
            if what.contains("inside") {
                if inside >= budget("workflow-status") / 2 {
                    continue;
                }
                inside += 1;
            }
            let what = format!("{what} at {}", self.loc(edits[0].start));
            out.extend(self.made("workflow-status", &edits, what));
            if out.len() >= budget("workflow-status") {
                break;
            }
        }
        out
    }

    fn undefined_reference(&self, rng: &mut Rng) -> Vec<Made> {
        // Candidates by kind of reference, so that rare kinds get their share.
        let mut cands: BTreeMap<String, Vec<(Edit, String)>> = BTreeMap::new();
        let mut name_edit = |rng: &mut Rng, at: usize, old: &str, kind: String| {
            let new = if rng.below(3) == 0 {
                "undeclared".to_string()
            } else {
                typo(old, rng)
            };
            let what = format!("{kind} `{old}` → `{new}`");
            cands.entry(kind).or_default().push((
                Edit {
                    start: at,
                    end: at + old.len(),
                    text: new,
                },
                what,
            ));
        };
        let word_len = |s: &str| {
            s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(s.len())
        };
        for s in self.sites() {
            let key = s.entry.key_str().unwrap_or_default();
            let v = &s.entry.value;
            let plain = |n: &Node| {
                let raw = &self.text[n.span.range()];
                n.as_str()
                    .filter(|o| !o.is_empty() && raw == *o)
                    .map(str::to_string)
            };
            match key {
                "template" | "entrypoint" | "onExit" if v.as_scalar().is_some() => {
                    if let Some(old) = plain(v) {
                        name_edit(rng, v.span.start as usize, &old, format!("`{key}`"));
                    }
                }
                "name"
                    if (s.path.ends_with("arguments.parameters[].name")
                        || s.path.ends_with("arguments.artifacts[].name"))
                        && (s.path.contains("steps[][]") || s.path.contains("tasks[]")) =>
                {
                    if let Some(old) = plain(v) {
                        name_edit(rng, v.span.start as usize, &old, "argument name".into());
                    }
                }
                "dependencies" => {
                    for d in v.as_seq().unwrap_or(&[]) {
                        if let Some(old) = plain(d) {
                            name_edit(rng, d.span.start as usize, &old, "dependency".into());
                        }
                    }
                }
                "depends" if v.as_scalar().is_some() => {
                    let raw = &self.text[v.span.range()];
                    // The first task name in the expression.
                    if let Some(b) = raw.find(|c: char| c.is_ascii_alphanumeric()) {
                        let n = word_len(&raw[b..]);
                        let old = &raw[b..b + n];
                        name_edit(rng, v.span.start as usize + b, old, "`depends` name".into());
                    }
                }
                _ => {}
            }
            // `{{…}}` references in any scalar.
            let Some(raw) = v.as_scalar().map(|_| &self.text[v.span.range()]) else {
                continue;
            };
            let base = v.span.start as usize;
            let mut from = 0;
            while let Some(i) = raw[from..].find("{{") {
                let tag = from + i + 2;
                from = tag;
                let inner = raw[tag..].trim_start();
                let at0 = tag + (raw[tag..].len() - inner.len());
                let end = inner.find("}}").unwrap_or(inner.len());
                for prefix in [
                    "inputs.parameters.",
                    "inputs.artifacts.",
                    "workflow.parameters.",
                    "steps.",
                    "tasks.",
                ] {
                    let Some(rest) = inner.strip_prefix(prefix) else {
                        continue;
                    };
                    let n = word_len(rest);
                    if n == 0 {
                        continue;
                    }
                    let kind = format!("`{{{{{prefix}…}}}}` reference");
                    name_edit(rng, base + at0 + prefix.len(), &rest[..n], kind);
                    // `{{steps.X.outputs.parameters.NAME}}`: the output's name too.
                    for out in [".outputs.parameters.", ".outputs.artifacts."] {
                        if let Some(j) = inner[..end].find(out) {
                            let name = &inner[j + out.len()..];
                            let n = word_len(name);
                            if n > 0 {
                                let kind = format!("`{{{{{prefix}X{out}…}}}}` reference");
                                name_edit(rng, base + at0 + j + out.len(), &name[..n], kind);
                            }
                        }
                    }
                }
            }
        }
        let mut groups: Vec<Vec<(Edit, String)>> = cands.into_values().collect();
        for g in &mut groups {
            rng.shuffle(g);
        }
        let mut out = Vec::new();
        // Round robin over the kinds.
        'outer: for round in 0.. {
            let mut any = false;
            for g in &groups {
                let Some((edit, what)) = g.get(round) else {
                    continue;
                };
                any = true;
                let what = format!("{what} at {}", self.loc(edit.start));
                out.extend(self.made("undefined-reference", std::slice::from_ref(edit), what));
                if out.len() >= budget("undefined-reference") {
                    break 'outer;
                }
            }
            if !any {
                break;
            }
        }
        out
    }

    fn cross_file(&self, class: &'static str, rng: &mut Rng) -> Vec<Made> {
        let mut out = Vec::new();
        for (ri, r) in self.roots.iter().enumerate() {
            let Some(m) = Manifest::from_root(r) else {
                continue;
            };
            if m.kind != argolint::api::Kind::Workflow {
                continue;
            }
            let lib = lib_name(&m, ri);
            let mut variants = Vec::new();
            for cluster in [false, true] {
                variants.extend(self.template_ref_variants(r, &lib, cluster, class, rng));
            }
            variants.extend(self.workflow_template_ref_variants(r, &lib, class, rng));
            out.extend(variants);
        }
        rng.shuffle(&mut out);
        out
    }

    /// The file list with file `fi` replaced by `a` and a second file `b` appended.
    fn two_files(&self, a: String, b: String) -> Vec<CaseFile> {
        let mut files = self.case.files.clone();
        files[self.fi].text = a;
        let stem = files[self.fi]
            .name
            .trim_end_matches(".yaml")
            .trim_end_matches(".yml")
            .to_string();
        files.push(CaseFile {
            name: format!("{stem}.lib.yaml"),
            text: b,
        });
        files
    }

    /// Moves the leaf templates that steps and tasks call into a WorkflowTemplate (or a
    /// ClusterWorkflowTemplate) of a second file and calls them with `templateRef`.
    fn template_ref_variants(
        &self,
        root: &Node,
        lib: &str,
        cluster: bool,
        class: &'static str,
        rng: &mut Rng,
    ) -> Vec<Made> {
        let text = self.text;
        let Some(spec) = root.get("spec") else {
            return vec![];
        };
        let Some(templates) = spec.get("templates") else {
            return vec![];
        };
        if templates.flow || !spec.span.contains(templates.span) {
            return vec![];
        }
        // Names the templates are used by other than `template:` (entrypoint, onExit).
        let mut pinned: BTreeSet<&str> = BTreeSet::new();
        pinned.extend(spec.get("entrypoint").and_then(Node::as_str));
        let mut refs: Vec<&Entry> = Vec::new();
        root.walk(&mut |n| {
            for e in n.as_map().unwrap_or(&[]) {
                if e.merged || !root.span.contains(e.key.span) {
                    continue;
                }
                match e.key_str() {
                    Some("onExit") => pinned.extend(e.value.as_str()),
                    Some("template") if e.value.as_scalar().is_some() => refs.push(e),
                    _ => {}
                }
            }
        });
        let leaves: Vec<&Node> = templates
            .as_seq()
            .unwrap_or(&[])
            .iter()
            .filter(|t| templates.span.contains(t.span) && !t.flow)
            .filter(|t| {
                let name = t.get("name").and_then(Node::as_str).unwrap_or("");
                !name.is_empty()
                    && !pinned.contains(name)
                    && LEAF_FIELDS.iter().any(|f| t.get(f).is_some())
                    && refs.iter().any(|e| e.value.as_str() == Some(name))
            })
            .collect();
        if leaves.is_empty() {
            return vec![];
        }
        let moved: BTreeSet<&str> = leaves
            .iter()
            .filter_map(|t| t.get("name").and_then(Node::as_str))
            .collect();
        // The moved templates' text, re-indented under the library's `templates:`.
        let mut lib_items = String::new();
        let mut edits = Vec::new();
        for t in &leaves {
            let start = line_start(text, t.span.start as usize);
            let end = end_of_content_line(text, t);
            let dash = text[start..].find('-').map(|i| start + i);
            let Some(dash) = dash.filter(|&d| d < t.span.start as usize) else {
                return vec![];
            };
            let col = dash - start;
            for line in text[start..end].lines() {
                let indent = line.len() - line.trim_start().len();
                if line.trim().is_empty() {
                    lib_items.push('\n');
                } else if indent >= col {
                    lib_items.push_str("  ");
                    lib_items.push_str(&line[col..]);
                    lib_items.push('\n');
                } else {
                    lib_items.push_str("  ");
                    lib_items.push_str(line.trim_start());
                    lib_items.push('\n');
                }
            }
            edits.push(Edit::delete(start, end));
        }
        let calls: Vec<&Entry> = refs
            .iter()
            .copied()
            .filter(|e| moved.contains(e.value.as_str().unwrap_or("")))
            .filter(|e| !leaves.iter().any(|t| t.span.contains(e.key.span)))
            .collect();
        let kind = if cluster {
            "ClusterWorkflowTemplate"
        } else {
            "WorkflowTemplate"
        };
        let scope = if cluster { ", clusterScope: true" } else { "" };
        let make = |bad: Option<(usize, bool)>,
                    lib_ns: Option<&str>,
                    wf_ns: Option<&str>,
                    rng: &mut Rng| {
            let mut edits = edits.clone();
            for (i, e) in calls.iter().enumerate() {
                let name = e.value.as_str().unwrap_or("");
                let (mut n, mut t) = (lib.to_string(), name.to_string());
                if let Some((which, misspell_lib)) = bad
                    && which == i
                {
                    if misspell_lib {
                        n = typo(lib, rng);
                    } else {
                        t = typo(name, rng);
                    }
                }
                edits.push(Edit {
                    start: e.key.span.start as usize,
                    end: e.value.span.end as usize,
                    text: format!("templateRef: {{name: {n}, template: {t}{scope}}}"),
                });
            }
            if let Some(ns) = wf_ns {
                edits.extend(self.set_namespace(root, ns));
            }
            let a = apply(text, &edits)?;
            let ns_line = lib_ns
                .map(|ns| format!("  namespace: {ns}\n"))
                .unwrap_or_default();
            let b = format!(
                "apiVersion: argoproj.io/v1alpha1\nkind: {kind}\nmetadata:\n  name: {lib}\n{ns_line}spec:\n  templates:\n{lib_items}"
            );
            Some((a, b))
        };
        let first_call = calls.first().map_or(0, |e| e.key.span.start as usize);
        let moved_list = moved.iter().copied().collect::<Vec<_>>().join(", ");
        let mut out = Vec::new();
        let mut push = |a_b: Option<(String, String)>, what: String| {
            if let Some((a, b)) = a_b {
                out.push(Made {
                    class,
                    files: self.two_files(a, b),
                    what,
                    file: self.fi,
                    at: first_call,
                });
            }
        };
        let what = format!(
            "templates {moved_list} moved into {kind} `{lib}` (second file), called with templateRef"
        );
        match class {
            "cross-file" => push(make(None, None, None, rng), what),
            "cross-file-bad-ref" if !calls.is_empty() => {
                let which = rng.below(calls.len());
                let lib_side = rng.below(2) == 0;
                let part = if lib_side { "name" } else { "template" };
                push(
                    make(Some((which, lib_side)), None, None, rng),
                    format!("{what}; templateRef #{} has a misspelled {part}", which + 1),
                );
            }
            "cross-file-namespace" if !cluster => {
                let wf_ns = m_namespace(root);
                let (lib_ns, wf_new) = match wf_ns {
                    Some(_) => (Some("other-ns"), None),
                    None if rng.below(2) == 0 => (Some("other-ns"), None),
                    None => (None, Some("argo")),
                };
                let desc = match (lib_ns, wf_new) {
                    (Some(l), _) => format!(
                        "{what}; the library is in namespace `{l}`, the Workflow in `{}`",
                        wf_ns.unwrap_or("")
                    ),
                    (_, Some(w)) => {
                        format!("{what}; the Workflow is in namespace `{w}`, the library in none")
                    }
                    _ => what.clone(),
                };
                push(make(None, lib_ns, wf_new, rng), desc);
            }
            _ => {}
        }
        out
    }

    /// `metadata.namespace: ns` on a document without one.
    fn set_namespace(&self, root: &Node, ns: &str) -> Vec<Edit> {
        let Some(meta) = root.get("metadata") else {
            return vec![];
        };
        let entries = own_entries(meta);
        let Some(last) = entries.last() else {
            return vec![];
        };
        insert_entry_after(self.text, meta, last, &format!("namespace: {ns}"))
            .into_iter()
            .collect()
    }

    /// The whole Workflow becomes a WorkflowTemplate in a second file; a minimal Workflow runs
    /// it with `workflowTemplateRef`.
    fn workflow_template_ref_variants(
        &self,
        root: &Node,
        lib: &str,
        class: &'static str,
        rng: &mut Rng,
    ) -> Vec<Made> {
        let text = self.text;
        let Some(kind) = root.get("kind") else {
            return vec![];
        };
        let Some(meta) = root.get("metadata") else {
            return vec![];
        };
        if meta.flow || root.flow {
            return vec![];
        }
        let Some((_, name_entry)) =
            own_index(meta, "name").or_else(|| own_index(meta, "generateName"))
        else {
            return vec![];
        };
        let start = root.span.start as usize;
        let end = end_of_content_line(text, root);
        let mut b_edits = vec![
            Edit::replace(kind.span, "WorkflowTemplate"),
            Edit {
                start: name_entry.key.span.start as usize,
                end: name_entry.value.span.end as usize,
                text: format!("name: {lib}"),
            },
        ];
        let (mut ref_name, mut wf_ns, mut what) = (
            lib.to_string(),
            None::<&str>,
            format!(
                "the Workflow moved into WorkflowTemplate `{lib}` (second file), run with workflowTemplateRef"
            ),
        );
        match class {
            "cross-file" => {}
            "cross-file-bad-ref" => {
                ref_name = typo(lib, rng);
                what.push_str(&format!("; the reference names `{ref_name}`"));
            }
            "cross-file-namespace" => {
                if m_namespace(root).is_some() || rng.below(2) == 0 {
                    wf_ns = Some("argo");
                    what.push_str("; the Workflow is in namespace `argo`, the template in none");
                    // The template keeps no namespace.
                    if let Some((_, ns)) = own_index(meta, "namespace") {
                        b_edits.push(Edit {
                            start: line_start(text, ns.key.span.start as usize),
                            end: next_line_start(text, ns.value.span.end as usize),
                            text: String::new(),
                        });
                    }
                } else {
                    b_edits.extend(self.set_namespace(root, "other-ns"));
                    what.push_str(
                        "; the template is in namespace `other-ns`, the Workflow in none",
                    );
                }
            }
            _ => return vec![],
        }
        let Some(b_full) = apply(text, &b_edits) else {
            return vec![];
        };
        let delta = b_full.len() as isize - text.len() as isize;
        let b = b_full[start..(end as isize + delta) as usize].to_string();
        let ns_line = wf_ns
            .map(|ns| format!("  namespace: {ns}\n"))
            .unwrap_or_default();
        let wf = format!(
            "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: {lib}-run-\n{ns_line}spec:\n  workflowTemplateRef:\n    name: {ref_name}\n"
        );
        let Some(a) = apply(
            text,
            &[Edit {
                start,
                end,
                text: wf,
            }],
        ) else {
            return vec![];
        };
        vec![Made {
            class,
            files: self.two_files(a, b),
            what,
            file: self.fi,
            at: start,
        }]
    }
}

fn m_namespace(root: &Node) -> Option<&str> {
    root.get("metadata")?.get("namespace")?.as_str()
}

/// A valid, recognisable name for the library made of a Workflow.
fn lib_name(m: &Manifest, doc: usize) -> String {
    let base: String = m
        .name()
        .unwrap_or("wf")
        .trim_end_matches('-')
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    let base = if base.is_empty() {
        "wf".to_string()
    } else {
        base
    };
    let base: String = base.chars().take(40).collect();
    if doc == 0 {
        format!("{base}-lib")
    } else {
        format!("{base}-lib{doc}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prng_is_fixed() {
        let mut r = Rng::new(1);
        let got: Vec<u64> = (0..3).map(|_| r.next_u64() % 1000).collect();
        let mut r = Rng::new(1);
        let again: Vec<u64> = (0..3).map(|_| r.next_u64() % 1000).collect();
        assert_eq!(got, again);
        let mut a = Rng::for_parts(&["x", "y"]);
        let mut b = Rng::for_parts(&["xy"]);
        assert_ne!(a.next_u64(), b.next_u64());
    }

    #[test]
    fn typos_differ_from_the_word() {
        let mut r = Rng::new(7);
        for w in ["image", "a", "ab", "entrypoint", "name"] {
            for _ in 0..20 {
                assert_ne!(typo(w, &mut r), w);
            }
        }
    }
}
