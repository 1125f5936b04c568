//! The I/O of `argolint docs templates` and `argolint graph`: finding and reading the files,
//! the configuration's `docs:` block, writing pages, injecting, and `--check`. What the
//! documentation says is decided in `docgen`, which never touches the file system.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::api::Kind;
use crate::config::{Overrides, Resolver};
use crate::docgen::{self, inject, markdown};
use crate::fix;
use crate::model::Manifest;
use crate::source::{SourceFile, parse_text};
use crate::workspace::Unit;

const EXIT_STALE: u8 = 1;
const EXIT_TROUBLE: u8 = 2;

/// What `argolint docs templates` was asked for.
pub struct TemplateDocs {
    pub paths: Vec<PathBuf>,
    pub out: Option<PathBuf>,
    pub inject: Option<PathBuf>,
    pub check: bool,
    pub kinds: Vec<Kind>,
    pub config: Option<PathBuf>,
    pub isolated: bool,
}

fn trouble(messages: &[String]) -> ExitCode {
    for m in messages {
        eprintln!("error: {m}");
    }
    ExitCode::from(EXIT_TROUBLE)
}

fn display_name(path: &Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Reads and parses the manifests under `paths`. Walked files that the configuration
/// excludes are skipped. A file that cannot be read, is not UTF-8, or holds a document that
/// does not parse is an error: documenting the rest would silently drop its templates.
fn read_units(
    paths: &[PathBuf],
    excluded: &dyn Fn(&Path) -> bool,
) -> Result<Vec<Unit>, Vec<String>> {
    let named: BTreeSet<&PathBuf> = paths.iter().collect();
    let (files, mut errors) = crate::engine::discover(paths);
    let mut units = Vec::new();
    for path in files {
        if !named.contains(&path) && excluded(&path) {
            continue;
        }
        let name = display_name(&path);
        let text = match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    errors.push(format!("{name}: not UTF-8 text"));
                    continue;
                }
            },
            Err(e) => {
                errors.push(format!("{name}: {e}"));
                continue;
            }
        };
        match parse_source(&name, text) {
            Ok(unit) => units.push(unit),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(units)
    } else {
        Err(errors)
    }
}

/// Parses one text; a document that does not parse is an error naming its place.
fn parse_source(name: &str, text: String) -> Result<Unit, String> {
    let file = SourceFile::new(name, text);
    let parsed = parse_text(&file.text);
    if parsed.documents.iter().any(|d| d.broken) {
        let (line, col, message) = parsed
            .problems
            .iter()
            .find(|p| p.kind != crate::source::parse::ProblemKind::DuplicateKey)
            .map(|p| {
                let (l, c) = file.line_col(p.span.start);
                (l, c, p.message.clone())
            })
            .unwrap_or((1, 1, "the YAML does not parse".to_string()));
        return Err(format!(
            "{name}:{line}:{col}: {message}; fix the file, or leave it out (name other paths, or `exclude` it in .argolint.yaml)"
        ));
    }
    Ok(Unit { file, parsed })
}

/// `argolint docs templates`.
pub fn templates(args: TemplateDocs) -> ExitCode {
    let resolver = if args.isolated {
        Resolver::fixed(crate::settings::Settings::default())
    } else {
        match Resolver::new(args.config.as_deref(), Overrides::default()) {
            Ok(r) => r,
            Err(errors) => {
                return trouble(&errors.iter().map(|e| e.to_string()).collect::<Vec<_>>());
            }
        }
    };
    let loaded = resolver.config_for(Path::new("./.argolint.yaml"));
    let config_errors: Vec<String> = resolver
        .take_errors()
        .iter()
        .map(|e| e.to_string())
        .collect();
    if !config_errors.is_empty() {
        return trouble(&config_errors);
    }
    let docs = loaded.as_ref().and_then(|l| l.config.docs.as_ref());
    let in_config_dir = |p: &str| -> PathBuf {
        match &loaded {
            Some(l) => {
                let abs = l.dir.join(p);
                // Relative to the current directory when it can be, for readable names.
                std::env::current_dir()
                    .ok()
                    .and_then(|cwd| abs.strip_prefix(cwd).ok().map(Path::to_path_buf))
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(abs)
            }
            None => PathBuf::from(p),
        }
    };
    let paths = if !args.paths.is_empty() {
        args.paths.clone()
    } else if let Some(d) = docs.filter(|d| !d.paths.is_empty()) {
        d.paths.iter().map(|p| in_config_dir(p)).collect()
    } else {
        vec![PathBuf::from(".")]
    };
    let out = args
        .out
        .clone()
        .or_else(|| docs.and_then(|d| d.out.as_deref()).map(in_config_dir));
    let inject_file = args
        .inject
        .clone()
        .or_else(|| docs.and_then(|d| d.inject.as_deref()).map(in_config_dir));
    let kinds: Vec<Kind> = if !args.kinds.is_empty() {
        args.kinds.clone()
    } else if let Some(k) = docs.and_then(|d| d.kinds.as_ref()) {
        k.iter().map(|k| k.kind()).collect()
    } else {
        docgen::DEFAULT_KINDS.to_vec()
    };
    if args.check && out.is_none() && inject_file.is_none() {
        return trouble(&[
            "--check compares the files of --out or --inject (or `docs.out` / `docs.inject` in .argolint.yaml); name one".to_string(),
        ]);
    }

    let excluded = |p: &Path| loaded.as_ref().is_some_and(|l| l.excludes(p));
    let units = match read_units(&paths, &excluded) {
        Ok(u) => u,
        Err(errors) => return trouble(&errors),
    };
    let catalog = docgen::collect(&units, &kinds);
    if catalog.manifests.is_empty() {
        let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
        eprintln!(
            "warning: no {} among {} files",
            names.join(" or "),
            units.len()
        );
    }

    if out.is_none() && inject_file.is_none() {
        return print(&markdown::section(&catalog));
    }
    let mut stale = false;
    let mut diff = String::new();
    if let Some(dir) = &out {
        match out_dir(dir, &markdown::pages(&catalog), args.check, &mut diff) {
            Ok(changed) => stale |= changed,
            Err(e) => return trouble(&[e]),
        }
    }
    if let Some(file) = &inject_file {
        match inject_into(file, &markdown::section(&catalog), args.check, &mut diff) {
            Ok(changed) => stale |= changed,
            Err(e) => return trouble(&[e]),
        }
    }
    if args.check {
        if stale {
            print(&diff);
            eprintln!(
                "the template documentation is stale: run `argolint docs templates` without --check to update it"
            );
            return ExitCode::from(EXIT_STALE);
        }
        eprintln!(
            "the template documentation is up to date ({} manifests)",
            catalog.manifests.len()
        );
    }
    ExitCode::SUCCESS
}

/// Brings `dir` up to date with `files` (or, with `check`, tells whether it is). Pages this
/// command wrote before and no longer writes are removed. Returns whether anything differed.
fn out_dir(
    dir: &Path,
    files: &[(String, String)],
    check: bool,
    diff: &mut String,
) -> Result<bool, String> {
    let shown = |name: &str| display_name(&dir.join(name));
    let mut changed = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        let before = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(format!("{}: {e}", shown(name))),
        };
        if before != *text {
            diff.push_str(&fix::unified_diff(&shown(name), &before, text));
            changed.push((path, Some(text)));
        }
    }
    let wanted: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut gone: Vec<(String, String)> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                if !name.ends_with(".md") || wanted.contains(name.as_str()) {
                    return None;
                }
                let text = std::fs::read_to_string(e.path()).ok()?;
                text.starts_with(markdown::GENERATED)
                    .then_some((name, text))
            })
            .collect();
        gone.sort();
        for (name, text) in gone {
            diff.push_str(&fix::unified_diff(&shown(&name), &text, ""));
            changed.push((dir.join(&name), None));
        }
    }
    if check || changed.is_empty() {
        return Ok(!changed.is_empty());
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let (mut written, mut removed) = (0, 0);
    for (path, text) in &changed {
        let result = match text {
            Some(t) => fix::write_atomic(path, t).map(|_| written += 1),
            None => std::fs::remove_file(path).map(|_| removed += 1),
        };
        result.map_err(|e| format!("{}: {e}", display_name(path)))?;
    }
    eprintln!(
        "wrote {written} and removed {removed} files in {} ({} up to date)",
        dir.display(),
        files.len() - written
    );
    Ok(true)
}

/// Injects `content` between the markers of `file` (or, with `check`, tells whether it is
/// there already). Returns whether the file differed.
fn inject_into(file: &Path, content: &str, check: bool, diff: &mut String) -> Result<bool, String> {
    let name = display_name(file);
    let before = std::fs::read_to_string(file).map_err(|e| format!("{name}: {e}"))?;
    let after = inject::inject(&before, content).map_err(|e| format!("{name}: {e}"))?;
    if after == before {
        return Ok(false);
    }
    diff.push_str(&fix::unified_diff(&name, &before, &after));
    if !check {
        fix::write_atomic(file, &after).map_err(|e| format!("{name}: {e}"))?;
        eprintln!("updated {name}");
    }
    Ok(true)
}

/// `argolint graph`.
pub fn graph(file: &Path, template: Option<&str>, dot: bool) -> ExitCode {
    let (name, text) = if file.as_os_str() == "-" {
        let mut text = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            return trouble(&[format!("standard input: {e}")]);
        }
        ("<stdin>".to_string(), text)
    } else {
        let name = display_name(file);
        match std::fs::read_to_string(file) {
            Ok(t) => (name, t),
            Err(e) => return trouble(&[format!("{name}: {e}")]),
        }
    };
    let unit = match parse_source(&name, text) {
        Ok(u) => u,
        Err(e) => return trouble(&[e]),
    };
    struct Candidate {
        doc: String,
        template: String,
        entrypoint: bool,
        graph: docgen::Graph,
    }
    let mut candidates = Vec::new();
    for doc in &unit.parsed.documents {
        let Some(m) = doc.root.as_ref().and_then(Manifest::from_root) else {
            continue;
        };
        let Some(spec) = m.workflow_spec() else {
            continue;
        };
        let entry = spec.get("entrypoint").and_then(|e| e.as_str());
        for t in spec.templates() {
            if let (Some(tname), Some(g)) = (t.name(), docgen::graph::build(&t)) {
                candidates.push(Candidate {
                    doc: m.name().unwrap_or("?").to_string(),
                    template: tname.to_string(),
                    entrypoint: entry == Some(tname),
                    graph: g,
                });
            }
        }
    }
    let list = |cs: &[&Candidate]| {
        cs.iter()
            .map(|c| format!("{}/{}", c.doc, c.template))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let all: Vec<&Candidate> = candidates.iter().collect();
    if all.is_empty() {
        return trouble(&[format!("{name}: no DAG or steps template to draw")]);
    }
    let chosen: Vec<&Candidate> = match template {
        Some(t) => all
            .iter()
            .copied()
            .filter(|c| c.template == t || format!("{}/{}", c.doc, c.template) == t)
            .collect(),
        None if all.len() == 1 => all.clone(),
        None => all.iter().copied().filter(|c| c.entrypoint).collect(),
    };
    let c = match chosen.as_slice() {
        [c] => c,
        [] => {
            let why = match template {
                Some(t) => format!("no DAG or steps template `{t}`"),
                None => "several DAG or steps templates and no single entrypoint among them; pick one with --template".to_string(),
            };
            return trouble(&[format!("{name}: {why} (there are: {})", list(&all))]);
        }
        several => {
            return trouble(&[format!(
                "{name}: `{}` names several templates; pick one with --template DOCUMENT/NAME: {}",
                template.unwrap_or("the entrypoint"),
                list(several)
            )]);
        }
    };
    let text = if dot {
        c.graph.dot(&format!("{}/{}", c.doc, c.template))
    } else {
        c.graph.mermaid()
    };
    print(&text)
}

fn print(text: &str) -> ExitCode {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    ExitCode::SUCCESS
}
