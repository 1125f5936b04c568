//! The cases: sets of files linted together (`templateRef`s resolve across a case's files).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use argolint::model::Manifest;
use argolint::source::{Node, parse_text};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    Examples,
    Testdata,
    Mutant,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Examples => "examples",
            Source::Testdata => "testdata",
            Source::Mutant => "mutants",
        }
    }
}

#[derive(Clone, Debug)]
pub struct CaseFile {
    /// Unique within the case; what the oracle and argolint are told.
    pub name: String,
    pub text: String,
}

/// What a mutant changed.
#[derive(Clone, Debug)]
pub struct Mutation {
    /// Index of the case it was derived from.
    pub origin: usize,
    /// What was done, with the line:column of the edit in the original text.
    pub what: String,
    /// The file holding the edit, and the edit's byte offset in the mutated text.
    pub file: usize,
    pub at: usize,
}

#[derive(Clone, Debug)]
pub struct Case {
    pub id: String,
    pub source: Source,
    /// `example`, `testdata`, or the mutation class.
    pub class: String,
    pub files: Vec<CaseFile>,
    pub mutation: Option<Mutation>,
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| Some(e.ok()?.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn is_manifest(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext_ok = [".yaml", ".yml", ".json"].iter().any(|e| name.ends_with(e));
    ext_ok && !name.starts_with(".argolint.") && !name.ends_with(".schema.json")
}

/// Reads manifest files under `dir` as `(relative name, text)`; files that are not UTF-8 text
/// are left out and named in `skipped`.
fn read_manifests(dir: &Path, skipped: &mut Vec<String>) -> Vec<(String, String)> {
    let mut paths = Vec::new();
    walk(dir, &mut paths);
    let mut out = Vec::new();
    for p in paths.into_iter().filter(|p| is_manifest(p)) {
        let rel = p
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        match std::fs::read(&p).map(String::from_utf8) {
            Ok(Ok(text)) if !text.contains('\0') => out.push((rel, text)),
            _ => skipped.push(format!("{} (not UTF-8 text)", p.display())),
        }
    }
    out
}

/// Upstream's examples: one case per file, then one case with all of them.
pub fn examples(dir: &Path, skipped: &mut Vec<String>) -> Vec<Case> {
    let files = read_manifests(dir, skipped);
    let mut cases: Vec<Case> = files
        .iter()
        .map(|(name, text)| Case {
            id: format!("examples/{name}"),
            source: Source::Examples,
            class: "example".into(),
            files: vec![CaseFile {
                name: name.clone(),
                text: text.clone(),
            }],
            mutation: None,
        })
        .collect();
    cases.push(Case {
        id: "examples/*".into(),
        source: Source::Examples,
        class: "example".into(),
        files: files
            .into_iter()
            .map(|(name, text)| CaseFile { name, text })
            .collect(),
        mutation: None,
    });
    cases
}

/// Names of the WorkflowTemplates and ClusterWorkflowTemplates a text defines, and the names
/// its `templateRef`s and `workflowTemplateRef`s use.
fn defs_and_refs(text: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let parsed = parse_text(text);
    let mut defs = BTreeSet::new();
    let mut refs = BTreeSet::new();
    for root in parsed.documents.iter().filter_map(|d| d.root.as_ref()) {
        let Some(m) = Manifest::from_root(root) else {
            continue;
        };
        if matches!(
            m.kind,
            argolint::api::Kind::WorkflowTemplate | argolint::api::Kind::ClusterWorkflowTemplate
        ) {
            defs.extend(m.name().map(str::to_string));
        }
        root.walk(&mut |n: &Node| {
            for e in n.as_map().unwrap_or(&[]) {
                if matches!(e.key_str(), Some("templateRef" | "workflowTemplateRef")) {
                    refs.extend(
                        e.value
                            .get("name")
                            .and_then(Node::as_str)
                            .map(str::to_string),
                    );
                }
            }
        });
    }
    (defs, refs)
}

/// Every manifest under `testdata/` (but this harness's own folder, and `fuzz/`, whose saved
/// inputs aim at argolint's own limits: nesting, aliasing and sizes past what any manifest
/// has, where the API server's request-size limit decides before Argo): one case per file,
/// except that files of one folder (the first two levels under testdata) that reference each
/// other's templates are one case.
pub fn testdata(dir: &Path, skipped: &mut Vec<String>) -> Vec<Case> {
    let files: Vec<(String, String)> = read_manifests(dir, skipped)
        .into_iter()
        .filter(|(n, _)| !n.starts_with("differential/") && !n.starts_with("fuzz/"))
        .collect();
    let group_of = |n: &str| n.split('/').take(2).collect::<Vec<_>>().join("/");
    // Union-find over the files of each folder, by references that resolve to a sibling.
    let info: Vec<_> = files.iter().map(|(_, t)| defs_and_refs(t)).collect();
    let mut parent: Vec<usize> = (0..files.len()).collect();
    fn find(p: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for a in 0..files.len() {
        for b in 0..files.len() {
            if a != b
                && group_of(&files[a].0) == group_of(&files[b].0)
                && info[a].1.iter().any(|r| info[b].0.contains(r))
            {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                parent[ra] = rb;
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..files.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut cases: Vec<Case> = groups
        .into_values()
        .map(|members| {
            let id = if members.len() == 1 {
                format!("testdata/{}", files[members[0]].0)
            } else {
                format!("testdata/{}/", group_of(&files[members[0]].0))
            };
            Case {
                id,
                source: Source::Testdata,
                class: "testdata".into(),
                files: members
                    .iter()
                    .map(|&i| CaseFile {
                        name: files[i].0.clone(),
                        text: files[i].1.clone(),
                    })
                    .collect(),
                mutation: None,
            }
        })
        .collect();
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    cases
}
