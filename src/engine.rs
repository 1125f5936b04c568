//! The engine: find files, read and parse them in parallel, then run every rule on every Argo
//! document. The CLI and (later) the LSP server are thin shells over [`lint_inputs`] and
//! [`lint_source`].

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::Manifest;
use crate::rules::{self, Context};
use crate::settings::Settings;
use crate::source::parse::{ParsedFile, parse_text};
use crate::source::{SourceFile, Span};
use crate::workspace::{Unit, Workspace};

/// Something to lint.
#[derive(Clone, Debug)]
pub enum Input {
    /// A file or a directory (walked for `*.yaml`, `*.yml`, `*.json`, honouring .gitignore).
    Path(PathBuf),
    /// Standard input, shown under `name`.
    Stdin { name: String },
}

/// The diagnostics of one file, and what it held.
#[derive(Debug)]
pub struct FileReport {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
    /// Non-empty YAML documents.
    pub documents: usize,
    /// Documents of the four Argo kinds, which the rules checked.
    pub argo_documents: usize,
}

#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    /// Paths that could not be read or walked: each message says which and why.
    pub io_errors: Vec<String>,
}

impl Report {
    pub fn diagnostics(&self) -> impl Iterator<Item = (&FileReport, &Diagnostic)> {
        self.files
            .iter()
            .flat_map(|f| f.diagnostics.iter().map(move |d| (f, d)))
    }
}

const EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// Expands directories into the manifest files below them. Files named explicitly are kept
/// whatever their extension. Returns the files (sorted, without duplicates) and the errors.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => errors.push(format!("{}: {}", path.display(), e)),
            Ok(m) if m.is_dir() => {
                let walker = ignore::WalkBuilder::new(path)
                    .require_git(false)
                    .follow_links(false)
                    .build();
                let mut found = Vec::new();
                for entry in walker {
                    match entry {
                        Ok(entry) => {
                            let p = entry.path();
                            let is_file = entry.file_type().is_some_and(|t| t.is_file());
                            let ext_ok = p
                                .extension()
                                .and_then(|e| e.to_str())
                                .is_some_and(|e| EXTENSIONS.contains(&e));
                            if is_file && ext_ok {
                                found.push(p.to_path_buf());
                            }
                        }
                        Err(e) => errors.push(e.to_string()),
                    }
                }
                found.sort();
                files.extend(found);
            }
            Ok(_) => files.push(path.clone()),
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    (files, errors)
}

/// A file read from disk or stdin, or the reason it will not be parsed.
enum Loaded {
    Text(SourceFile),
    /// Read, but not text (or too large): a diagnostic on an empty or partial source.
    Rejected(SourceFile, Diagnostic),
}

fn display_name(path: &Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

fn load_bytes(name: String, bytes: Vec<u8>) -> Loaded {
    use crate::rules::source::not_text;
    let probe = &bytes[..bytes.len().min(8192)];
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if utf16 {
        let file = SourceFile::new(name, "");
        let d = Diagnostic::new(
            &not_text::META,
            Span::empty(0),
            "file is UTF-16 encoded; argolint reads UTF-8 manifests",
        )
        .with_help("re-save the file as UTF-8");
        return Loaded::Rejected(file, d);
    }
    if let Some(at) = probe.iter().position(|&b| b == 0) {
        let file = SourceFile::new(name, String::from_utf8_lossy(&bytes[..at]).into_owned());
        let d = Diagnostic::new(
            &not_text::META,
            Span::empty(file.text.len()),
            "file contains NUL bytes: it is binary, not a manifest; skipped",
        )
        .with_help("exclude binary files from the paths given to argolint");
        return Loaded::Rejected(file, d);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Loaded::Text(SourceFile::new(name, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile::new(name, text);
            let d = Diagnostic::new(
                &not_text::META,
                Span::new(at, at + 1),
                "file is not valid UTF-8 here; skipped",
            )
            .with_help("re-save the file as UTF-8 (Kubernetes manifests must be UTF-8)");
            Loaded::Rejected(file, d)
        }
    }
}

fn load_path(path: &Path, settings: &Settings) -> Result<Loaded, String> {
    let name = display_name(path);
    let meta = std::fs::metadata(path).map_err(|e| format!("{name}: {e}"))?;
    if meta.is_dir() {
        return Err(format!("{name}: is a directory"));
    }
    if meta.len() > settings.max_file_bytes {
        let file = SourceFile::new(name, "");
        let d = Diagnostic::new(
            &crate::rules::source::file_too_large::META,
            Span::empty(0),
            format!(
                "file is {:.1} MiB, over the {} MiB argolint parses; skipped",
                meta.len() as f64 / 1048576.0,
                settings.max_file_bytes / 1048576
            ),
        );
        return Ok(Loaded::Rejected(file, d));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(load_bytes(name, bytes))
}

/// Lints one text on its own: the single-file entry point (editors, tests).
pub fn lint_source(name: &str, text: &str, settings: &Settings) -> FileReport {
    let file = SourceFile::new(name, text);
    let parsed = parse_text(&file.text);
    let units = [Unit { file, parsed }];
    let workspace = Workspace::build(&units);
    check_unit(&units[0], settings, &workspace)
}

/// Lints everything the inputs name. I/O problems are collected, never fatal.
pub fn lint_inputs(inputs: &[Input], settings: &Settings) -> Report {
    let paths: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Path(p) => Some(p.clone()),
            Input::Stdin { .. } => None,
        })
        .collect();
    let (files, mut io_errors) = discover(&paths);

    let mut loaded: Vec<Loaded> = Vec::new();
    for input in inputs {
        if let Input::Stdin { name } = input {
            let mut bytes = Vec::new();
            match std::io::stdin()
                .take(settings.max_file_bytes + 1)
                .read_to_end(&mut bytes)
            {
                Ok(_) => loaded.push(load_bytes(name.clone(), bytes)),
                Err(e) => io_errors.push(format!("{name} (stdin): {e}")),
            }
        }
    }
    let results: Vec<Result<Loaded, String>> =
        files.par_iter().map(|p| load_path(p, settings)).collect();
    for r in results {
        match r {
            Ok(l) => loaded.push(l),
            Err(e) => io_errors.push(e),
        }
    }

    // Parse everything first: the workspace index needs every file before any check runs.
    let mut rejected = Vec::new();
    let mut texts = Vec::new();
    for (i, l) in loaded.into_iter().enumerate() {
        match l {
            Loaded::Text(file) => texts.push((i, file)),
            Loaded::Rejected(file, d) => rejected.push((
                i,
                FileReport {
                    file,
                    diagnostics: vec![d],
                    documents: 0,
                    argo_documents: 0,
                },
            )),
        }
    }
    let order: Vec<usize> = texts.iter().map(|(i, _)| *i).collect();
    let units: Vec<Unit> = texts
        .into_par_iter()
        .map(|(_, file)| {
            let parsed = parse_text(&file.text);
            Unit { file, parsed }
        })
        .collect();
    let workspace = Workspace::build(&units);
    let checked: Vec<FileReport> = units
        .par_iter()
        .map(|u| check_unit(u, settings, &workspace))
        .collect();
    let mut files: Vec<(usize, FileReport)> = order.into_iter().zip(checked).collect();
    files.extend(rejected);
    files.sort_by_key(|(i, _)| *i);
    Report {
        files: files.into_iter().map(|(_, f)| f).collect(),
        io_errors,
    }
}

fn check_unit(unit: &Unit, settings: &Settings, workspace: &Workspace<'_>) -> FileReport {
    let file = unit.file.clone();
    let parsed: &ParsedFile = &unit.parsed;
    let mut diagnostics: Vec<Diagnostic> = parsed
        .problems
        .iter()
        .map(|p| {
            let mut d = Diagnostic::new(rules::source::meta_for(p.kind), p.span, p.message.clone());
            for (span, msg) in &p.related {
                d = d.with_label(*span, msg.clone());
            }
            d.help = p.help.clone();
            d
        })
        .collect();
    let mut documents = 0;
    let mut argo_documents = 0;
    for doc in &parsed.documents {
        let Some(root) = &doc.root else { continue };
        documents += 1;
        let Some(manifest) = Manifest::from_root(root) else {
            continue;
        };
        argo_documents += 1;
        let mut found = Vec::new();
        for rule in rules::RULES {
            let mut cx = Context::new(&file, doc, manifest, settings, workspace);
            rule.check(&mut cx);
            found.extend(cx.into_diagnostics());
        }
        for d in &mut found {
            if d.path.is_none() {
                d.path = root.path_to(d.span);
            }
        }
        diagnostics.extend(found);
    }
    // Paths for source problems (duplicate keys) too.
    for d in diagnostics.iter_mut().filter(|d| d.path.is_none()) {
        d.path = parsed
            .documents
            .iter()
            .filter(|doc| doc.span.contains(d.span))
            .find_map(|doc| doc.root.as_ref()?.path_to(d.span));
    }
    diagnostics.sort_by(|a, b| (a.span.start, a.rule.code).cmp(&(b.span.start, b.rule.code)));
    FileReport {
        file,
        diagnostics,
        documents,
        argo_documents,
    }
}
