//! The crate's layers, kept one-way: every `crate::…` path in `src/` names a top-level module
//! that its own top-level module may use, by the table below (ARCHITECTURE.md explains it).
//! A new module, or a new edge, is a decision: add it to the table, which must stay acyclic.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module of `src/`, lowest layers first, with the modules it may use.
const LAYERS: &[(&str, &[&str])] = &[
    // Leaves: the YAML tree, rule identity (with severities and URLs), "did you mean".
    ("source", &[]),
    ("rule", &[]),
    ("suggest", &[]),
    ("diagnostic", &["source", "rule"]),
    ("report", &["source", "diagnostic"]),
    // The Argo API and the typed views over documents.
    ("api", &["source", "suggest"]),
    ("model", &["source", "api"]),
    ("workspace", &["source", "api", "model"]),
    ("settings", &["source", "rule", "diagnostic", "api"]),
    // Checks: the rules, then schema validation (which reports under the schema rules).
    (
        "rules",
        &[
            "source",
            "rule",
            "suggest",
            "diagnostic",
            "api",
            "model",
            "workspace",
            "settings",
        ],
    ),
    (
        "validate",
        &[
            "source",
            "rule",
            "suggest",
            "diagnostic",
            "api",
            "model",
            "settings",
            "rules",
        ],
    ),
    (
        "suppress",
        &["source", "rule", "suggest", "diagnostic", "rules"],
    ),
    (
        "config",
        &[
            "source",
            "rule",
            "suggest",
            "diagnostic",
            "api",
            "settings",
            "rules",
            "validate",
        ],
    ),
    // The engine runs the checks over files and makes the report.
    (
        "engine",
        &[
            "source",
            "rule",
            "diagnostic",
            "report",
            "api",
            "model",
            "workspace",
            "settings",
            "rules",
            "validate",
            "suppress",
            "config",
        ],
    ),
    // Consumers of reports, rules and the model: none of them is used by the engine.
    ("emit", &["source", "rule", "diagnostic", "report"]),
    ("baseline", &["source", "rule", "diagnostic", "report"]),
    (
        "fix",
        &[
            "source",
            "rule",
            "diagnostic",
            "report",
            "settings",
            "engine",
        ],
    ),
    ("reference", &["source", "rule", "suggest", "api", "rules"]),
    ("docgen", &["source", "api", "model", "workspace"]),
    // The two shells.
    (
        "lsp",
        &[
            "source",
            "rule",
            "suggest",
            "diagnostic",
            "report",
            "api",
            "model",
            "workspace",
            "settings",
            "rules",
            "validate",
            "config",
            "engine",
            "emit",
            "fix",
            "reference",
        ],
    ),
    (
        "cli",
        &[
            "source",
            "rule",
            "suggest",
            "diagnostic",
            "report",
            "api",
            "model",
            "workspace",
            "settings",
            "rules",
            "validate",
            "suppress",
            "config",
            "engine",
            "emit",
            "baseline",
            "fix",
            "reference",
            "docgen",
            "lsp",
            "cli_docs",
        ],
    ),
    (
        "cli_docs",
        &[
            "source",
            "rule",
            "api",
            "model",
            "workspace",
            "settings",
            "config",
            "engine",
            "fix",
            "docgen",
        ],
    ),
];

/// Files at the crate root that are not layers: they only declare or start the others.
const ROOTS: &[&str] = &["lib", "main"];

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to.
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(src_dir()).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_str()
        .unwrap();
    first.trim_end_matches(".rs").to_string()
}

/// Source text without `//` comments (doc links name modules without using them).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            // Keep `//` inside string literals such as URLs: only a comment starts a line or
            // follows code outside quotes (an odd number of quotes before it means inside).
            Some(i) if l[..i].matches('"').count() % 2 == 0 => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first segment of every `crate::` path in `text`, including each item of a
/// `crate::{a, b::c}` group.
fn crate_edges(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let mut depth = 1;
            let mut item_start = 0;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => {
                        out.insert(ident(&group[item_start..j]));
                        item_start = j + 1;
                    }
                    _ => {}
                }
                if depth == 0 {
                    out.insert(ident(&group[item_start..j]));
                    break;
                }
            }
        } else {
            out.insert(ident(after));
        }
        rest = after;
    }
    out.remove("");
    out
}

#[test]
fn crate_edge_parsing_sees_groups_and_paths() {
    let edges = crate_edges(
        "use crate::diagnostic::{Diagnostic, Severity};\nuse crate::{api::Kind, model::{Step, Template}};\nlet x = crate::suggest::did_you_mean(a, b);",
    );
    let want: BTreeSet<String> = ["diagnostic", "api", "model", "suggest"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(edges, want);
}

#[test]
fn the_layer_table_is_acyclic_and_names_only_its_modules() {
    let table: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    assert_eq!(table.len(), LAYERS.len(), "a module is listed twice");
    for (m, deps) in &table {
        for d in *deps {
            assert!(
                table.contains_key(d),
                "`{m}` may use `{d}`, which is not in the table"
            );
        }
    }
    // Depth-first search for a cycle.
    fn visit<'a>(
        m: &'a str,
        table: &BTreeMap<&'a str, &'a [&'a str]>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if done.contains(m) {
            return;
        }
        if let Some(at) = path.iter().position(|p| *p == m) {
            panic!("the layer table has a cycle: {}", path[at..].join(" → "));
        }
        path.push(m);
        for d in table[m] {
            visit(d, table, path, done);
        }
        path.pop();
        done.insert(m);
    }
    let mut done = BTreeSet::new();
    for m in table.keys() {
        visit(m, &table, &mut Vec::new(), &mut done);
    }
}

#[test]
fn every_use_of_crate_follows_the_layer_table() {
    let table: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let mut files = Vec::new();
    rust_files(&src_dir(), &mut files);
    files.sort();
    assert!(
        files.len() > 50,
        "found only {} files under src/",
        files.len()
    );
    let mut violations = Vec::new();
    let mut unknown = BTreeSet::new();
    for path in &files {
        let module = module_of(path);
        if ROOTS.contains(&module.as_str()) {
            continue;
        }
        let Some(allowed) = table.get(module.as_str()) else {
            unknown.insert(module);
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        for used in crate_edges(&code(&text)) {
            if used != module && !allowed.contains(&used.as_str()) {
                let rel = path.strip_prefix(src_dir()).unwrap().display().to_string();
                violations.push(format!("src/{rel}: `{module}` uses `crate::{used}`"));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "modules missing from the layer table in tests/architecture.rs: {unknown:?}"
    );
    assert!(
        violations.is_empty(),
        "uses that run against the layers (ARCHITECTURE.md, \"Layers\"):\n{}",
        violations.join("\n")
    );
}

/// A rule's declared `fields` (what `explain` and the field docs say it checks) are fields
/// the rule reads: each field's key appears as a string in the rule's own file (or, for the
/// rules that read through shared helpers, in the helper modules of its category).
#[test]
fn every_declared_field_is_read_by_its_rule() {
    let mut missing = Vec::new();
    for rule in argolint::rules::RULES {
        let meta = rule.meta();
        let file_name = format!("{}.rs", meta.name.replace('-', "_"));
        let dir = src_dir().join("rules").join(meta.category.as_str());
        let path = dir.join(&file_name);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut texts = vec![code(&text)];
        // Helpers the category's rules share (scope, callee, …) and the typed views read
        // for the rules too.
        for shared in ["mod.rs", "helpers.rs", "callee.rs", "scope.rs"] {
            for d in [dir.clone(), src_dir().join("rules")] {
                if let Ok(t) = std::fs::read_to_string(d.join(shared)) {
                    texts.push(code(&t));
                }
            }
        }
        for m in ["mod.rs", "resources.rs", "values.rs", "inputs.rs"] {
            if let Ok(t) = std::fs::read_to_string(src_dir().join("model").join(m)) {
                texts.push(code(&t));
            }
        }
        for field in meta.fields {
            let key = field.rsplit('.').next().unwrap();
            let quoted = format!("\"{key}\"");
            if !texts.iter().any(|t| t.contains(&quoted)) {
                missing.push(format!(
                    "{}: declares `{field}` but never reads `{key}`",
                    meta.name
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
