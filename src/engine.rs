//! The engine: find files, read and parse them in parallel, index the templates of the whole
//! run, then check every Argo document in parallel, under each file's own settings. The CLI
//! and the language server are thin shells over [`lint_with`] and [`lint_document`].

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Resolver;
use crate::diagnostic::Diagnostic;
use crate::model::Manifest;
use crate::rules::{self, Context, RuleMeta};
use crate::settings::Settings;
use crate::source::parse::parse_text;
use crate::source::{Document, SourceFile, Span};
use crate::suppress;
use crate::workspace::{Unit, Workspace};

/// Something to lint.
#[derive(Clone, Debug)]
pub enum Input {
    /// A file or a directory (walked for `*.yaml`, `*.yml`, `*.json`, honouring .gitignore).
    Path(PathBuf),
    /// Standard input, shown under `name`.
    Stdin { name: String },
}

pub use crate::report::{FileReport, Report};

/// How a run treats the files it is given.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Apply configuration `exclude` globs to files named on the command line too.
    pub force_exclude: bool,
    /// `--templates DIR`: folders (or files) read only for their WorkflowTemplates and
    /// ClusterWorkflowTemplates, so references to them resolve; they are not reported on.
    pub template_dirs: Vec<PathBuf>,
}

const EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// Expands directories into the manifest files below them. Files named explicitly are kept
/// whatever their extension. Returns the files (without duplicates, directory contents
/// sorted) with whether each was named explicitly, and the errors.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let (found, errors) = discover_marked(paths);
    (found.into_iter().map(|(p, _)| p).collect(), errors)
}

fn discover_marked(paths: &[PathBuf]) -> (Vec<(PathBuf, bool)>, Vec<String>) {
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
                                found.push((p.to_path_buf(), false));
                            }
                        }
                        Err(e) => errors.push(e.to_string()),
                    }
                }
                found.sort();
                files.extend(found);
            }
            Ok(_) => files.push((path.clone(), true)),
        }
    }
    let mut seen = HashSet::new();
    files.retain(|(f, _)| seen.insert(f.clone()));
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

/// The one test for binary input, for files, stdin and the editor's buffers alike: a NUL
/// byte in the first 8 KiB. The source keeps the text before it.
fn binary(name: &str, bytes: &[u8]) -> Option<(SourceFile, Diagnostic)> {
    let at = bytes[..bytes.len().min(8192)]
        .iter()
        .position(|&b| b == 0)?;
    let file = SourceFile::new(name, String::from_utf8_lossy(&bytes[..at]).into_owned());
    let d = Diagnostic::new(
        &crate::rules::source::not_text::META,
        Span::empty(file.text.len()),
        "file contains NUL bytes: it is binary, not a manifest; skipped",
    )
    .with_help("exclude binary files from the paths given to argolint");
    Some((file, d))
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
    if let Some((file, d)) = binary(&name, probe) {
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

/// `file-too-large` for a text of `len` bytes, at the start of the file.
fn too_large(len: u64, settings: &Settings) -> Diagnostic {
    Diagnostic::new(
        &crate::rules::source::file_too_large::META,
        Span::empty(0),
        format!(
            "file is {:.1} MiB, over the {} MiB argolint parses; skipped",
            len as f64 / 1048576.0,
            settings.max_file_bytes / 1048576
        ),
    )
}

fn load_path(path: &Path, settings: &Settings) -> Result<Loaded, String> {
    let name = display_name(path);
    let meta = std::fs::metadata(path).map_err(|e| format!("{name}: {e}"))?;
    if meta.is_dir() {
        return Err(format!("{name}: is a directory"));
    }
    if meta.len() > settings.max_file_bytes {
        let file = SourceFile::new(name, "");
        return Ok(Loaded::Rejected(file, too_large(meta.len(), settings)));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(load_bytes(name, bytes))
}

/// Reads standard input as a file named `name`: past the size limit the rest is read
/// into nothing (to learn its size, holding no more of it) and the input is rejected
/// with `file-too-large`, as a file on disk is.
fn read_stdin(name: &str, settings: &Settings) -> std::io::Result<Loaded> {
    let mut stdin = std::io::stdin().lock();
    let mut bytes = Vec::new();
    (&mut stdin)
        .take(settings.max_file_bytes + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > settings.max_file_bytes {
        let rest = std::io::copy(&mut stdin, &mut std::io::sink())?;
        let file = SourceFile::new(name, "");
        let len = bytes.len() as u64 + rest;
        return Ok(Loaded::Rejected(file, too_large(len, settings)));
    }
    Ok(load_bytes(name.to_string(), bytes))
}

/// Lints one text on its own with the given settings: the single-file entry point
/// (editors, tests).
pub fn lint_source(name: &str, text: &str, settings: &Settings) -> FileReport {
    let file = SourceFile::new(name, text);
    let parsed = parse_text(&file.text);
    let units = [Unit { file, parsed }];
    let workspace = Workspace::build(&units);
    check_unit(&units[0], None, settings, &workspace)
}

/// Lints texts held in memory as one run, as if the files `(name, text)` were named together
/// on the command line: `templateRef`s and `workflowTemplateRef`s resolve across all of them,
/// every file under the same settings. One report per file, in order. Texts are not vetted
/// for size or NUL bytes, and there are no per-path ignores (no path).
pub fn lint_texts(files: &[(&str, &str)], settings: &Settings) -> Vec<FileReport> {
    let units: Vec<Unit> = files
        .iter()
        .map(|(name, text)| {
            let file = SourceFile::new(*name, *text);
            let parsed = parse_text(&file.text);
            Unit { file, parsed }
        })
        .collect();
    let workspace = Workspace::build(&units);
    units
        .iter()
        .map(|u| check_unit(u, None, settings, &workspace))
        .collect()
}

/// Lints one document held in memory (an editor's buffer), as `check` would lint the file at
/// `path` (per-path ignores need it): the same rejection of binary and oversized text, and
/// `templateRef`s resolved against `others` (the other files of the workspace; the
/// document's own templates come first).
pub fn lint_document<'a>(
    name: &str,
    path: Option<&Path>,
    text: &str,
    settings: &Settings,
    others: impl IntoIterator<Item = &'a Unit>,
) -> FileReport {
    if text.len() as u64 > settings.max_file_bytes {
        let d = too_large(text.len() as u64, settings);
        return rejected(SourceFile::new(name, text), path, settings, d);
    }
    if let Some((file, d)) = binary(name, text.as_bytes()) {
        return rejected(file, path, settings, d);
    }
    let file = SourceFile::new(name, text);
    let parsed = parse_text(&file.text);
    let unit = Unit { file, parsed };
    let others = others.into_iter().map(|u| -> &Unit { u });
    let workspace = Workspace::build_from(std::iter::once(&unit).chain(others));
    check_unit(&unit, path, settings, &workspace)
}

fn rejected(
    file: SourceFile,
    path: Option<&Path>,
    settings: &Settings,
    d: Diagnostic,
) -> FileReport {
    FileReport {
        file,
        path: path.map(Path::to_path_buf),
        diagnostics: apply_policy(settings, path, vec![d]),
        documents: 0,
        argo_documents: 0,
    }
}

/// Lints everything the inputs name, every file under the same settings.
pub fn lint_inputs(inputs: &[Input], settings: &Settings) -> Report {
    lint_with(
        inputs,
        &Resolver::fixed(settings.clone()),
        RunOptions::default(),
    )
}

/// Lints everything the inputs name, each file under the configuration that governs it.
/// I/O and configuration problems are collected in the report, never fatal.
pub fn lint_with(inputs: &[Input], resolver: &Resolver, options: RunOptions) -> Report {
    let paths: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Path(p) => Some(p.clone()),
            Input::Stdin { .. } => None,
        })
        .collect();
    let (files, mut io_errors) = discover_marked(&paths);
    let extra = load_template_dirs(&options.template_dirs, &files, &mut io_errors);
    let files: Vec<(PathBuf, Settings)> = files
        .into_iter()
        .filter(|(p, explicit)| {
            (*explicit && !options.force_exclude)
                || !resolver.config_for(p).is_some_and(|c| c.excludes(p))
        })
        .map(|(p, _)| {
            let s = resolver.settings_for(&p);
            (p, s)
        })
        .collect();

    // (order, path, settings, loaded)
    let mut loaded: Vec<(Option<PathBuf>, Settings, Loaded)> = Vec::new();
    for input in inputs {
        if let Input::Stdin { name } = input {
            let settings = resolver.settings_for(&PathBuf::from(name));
            match read_stdin(name, &settings) {
                Ok(l) => loaded.push((None, settings, l)),
                Err(e) => io_errors.push(format!("{name} (stdin): {e}")),
            }
        }
    }
    let results: Vec<_> = files
        .into_par_iter()
        .map(|(p, s)| match load_path(&p, &s) {
            Ok(l) => Ok((Some(p), s, l)),
            Err(e) => Err(e),
        })
        .collect();
    for r in results {
        match r {
            Ok(l) => loaded.push(l),
            Err(e) => io_errors.push(e),
        }
    }
    io_errors.extend(resolver.take_errors().into_iter().map(|e| e.to_string()));

    // Parse everything first: the workspace index needs every file before any check runs.
    let mut reports: Vec<Option<FileReport>> = Vec::with_capacity(loaded.len());
    let mut pending = Vec::new();
    for (i, (path, settings, l)) in loaded.into_iter().enumerate() {
        match l {
            Loaded::Text(file) => {
                reports.push(None);
                pending.push((i, path, settings, file));
            }
            Loaded::Rejected(file, d) => {
                let diagnostics = apply_policy(&settings, path.as_deref(), vec![d]);
                reports.push(Some(FileReport {
                    file,
                    path,
                    diagnostics,
                    documents: 0,
                    argo_documents: 0,
                }))
            }
        }
    }
    // Memory that does not grow with the number of files: only the files that can define
    // templates for others (a WorkflowTemplate or ClusterWorkflowTemplate) are parsed up
    // front and kept, for the workspace index; every other file is parsed, checked and its
    // tree dropped in one step, after the index is complete.
    let (providers, others): (Vec<_>, Vec<_>) = pending
        .into_iter()
        .partition(|(_, _, _, file)| may_define_templates(&file.text));
    let parsed: Vec<(usize, Option<PathBuf>, Settings, Unit)> = providers
        .into_par_iter()
        .map(|(i, path, settings, file)| {
            let parsed = parse_text(&file.text);
            (i, path, settings, Unit { file, parsed })
        })
        .collect();
    let mut meta = Vec::with_capacity(parsed.len());
    let mut units = Vec::with_capacity(parsed.len());
    for (i, path, settings, unit) in parsed {
        meta.push((i, path, settings));
        units.push(unit);
    }
    let workspace = Workspace::build_with(&units, &extra);
    let checked: Vec<FileReport> = units
        .par_iter()
        .zip(meta.par_iter())
        .map(|(u, (_, path, settings))| check_unit(u, path.as_deref(), settings, &workspace))
        .collect();
    for ((i, _, _), report) in meta.into_iter().zip(checked) {
        reports[i] = Some(report);
    }
    let checked: Vec<(usize, FileReport)> = others
        .into_par_iter()
        .map(|(i, path, settings, file)| {
            let parsed = parse_text(&file.text);
            let unit = Unit { file, parsed };
            (i, check_unit(&unit, path.as_deref(), &settings, &workspace))
        })
        .collect();
    for (i, report) in checked {
        reports[i] = Some(report);
    }
    // Freeing the kept trees is a few percent of a run; a pool thread does it while the
    // caller renders the report (a CLI process may exit first, which frees them anyway).
    drop(workspace);
    rayon::spawn(move || drop((units, extra)));
    Report {
        files: reports.into_iter().flatten().collect(),
        io_errors,
    }
}

/// Whether a text can hold a WorkflowTemplate or ClusterWorkflowTemplate document: its kind
/// written out. (A kind spelled through YAML escapes is not found here, and such a template
/// is not indexed for other files' references; it is still linted.)
fn may_define_templates(text: &str) -> bool {
    text.contains("WorkflowTemplate")
}

/// Reads and parses the files under `--templates` folders that are not linted themselves.
fn load_template_dirs(
    dirs: &[PathBuf],
    linted: &[(PathBuf, bool)],
    io_errors: &mut Vec<String>,
) -> Vec<Unit> {
    if dirs.is_empty() {
        return Vec::new();
    }
    let (found, errors) = discover(dirs);
    io_errors.extend(errors);
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let linted: HashSet<PathBuf> = linted.iter().map(|(p, _)| canonical(p)).collect();
    let settings = Settings::default();
    found
        .into_par_iter()
        .filter(|p| !linted.contains(&canonical(p)))
        .filter_map(|p| match load_path(&p, &settings) {
            Ok(Loaded::Text(file)) => {
                let parsed = parse_text(&file.text);
                Some(Ok(Unit { file, parsed }))
            }
            Ok(Loaded::Rejected(..)) => None,
            Err(e) => Some(Err(e)),
        })
        .collect::<Vec<_>>()
        .into_iter()
        .filter_map(|r| r.map_err(|e| io_errors.push(e)).ok())
        .collect()
}

/// Drops findings of rules turned off (globally or for this path) and applies severity
/// overrides: an override replaces the default severity; a finding a rule raised above its
/// default (a hard limit crossed) keeps at least that, one it lowered (a deprecation rather
/// than a removal) keeps at most that.
fn apply_policy(
    settings: &Settings,
    path: Option<&Path>,
    mut ds: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let policy = &settings.rules;
    let ignored = path.map(|p| policy.ignored_for(p)).unwrap_or_default();
    ds.retain(|d| policy.enabled(d.rule) && !ignored.contains(d.rule.code));
    for d in &mut ds {
        let Some(&wanted) = policy.severity.get(d.rule.code) else {
            continue;
        };
        d.severity = match d.severity.cmp(&d.rule.severity) {
            std::cmp::Ordering::Equal => wanted,
            std::cmp::Ordering::Greater => d.severity.max(wanted),
            std::cmp::Ordering::Less => d.severity.min(wanted),
        };
    }
    ds.retain(|d| policy.shows(d.severity));
    ds
}

fn check_unit(
    unit: &Unit,
    path: Option<&Path>,
    settings: &Settings,
    workspace: &Workspace<'_>,
) -> FileReport {
    let file = &unit.file;
    let parsed = &unit.parsed;
    let policy = &settings.rules;
    let ignored = path.map(|p| policy.ignored_for(p)).unwrap_or_default();
    let active = |m: &RuleMeta| policy.enabled(m) && !ignored.contains(m.code);

    let mut diagnostics: Vec<Diagnostic> = parsed
        .problems
        .iter()
        .map(|p| {
            let mut d = Diagnostic::new(rules::source::meta_for(p.kind), p.span, p.message.clone());
            for (span, msg) in &p.related {
                d = d.with_label(*span, msg.clone());
            }
            d.help = p.help.clone();
            if let Some(span) = p.remove {
                // What the cluster sees is kept, but what was written first is lost.
                d.fix = Some(crate::diagnostic::Fix::unsafe_(
                    "delete the earlier occurrence, which Kubernetes ignores",
                    vec![crate::diagnostic::Edit::replace(span, "")],
                ));
            }
            d
        })
        .collect();
    let validate_schema = rules::schema::METAS.iter().any(|m| active(m));
    let mut documents = 0;
    let mut argo_documents = 0;
    for doc in &parsed.documents {
        let Some(root) = &doc.root else { continue };
        documents += 1;
        let Some(manifest) = Manifest::from_root(root) else {
            continue;
        };
        argo_documents += 1;
        // Native validation runs first: it also finds the keys that Argo's lenient decoding
        // of step bodies reads as another field, which the rules must read that way too.
        let native =
            (validate_schema && settings.schema.is_none() || !settings.full_crds()).then(|| {
                crate::validate::check_reading(
                    root,
                    manifest.kind,
                    settings.argo_version,
                    settings.full_crds(),
                )
            });
        let read_as_argo;
        let (doc, manifest) = match &native {
            Some(n) if !n.folded.is_empty() => {
                let mut folded = root.clone();
                folded.rename_keys(&n.folded);
                read_as_argo = Document {
                    root: Some(folded),
                    ..doc.clone()
                };
                let root = read_as_argo.root.as_ref().expect("just set");
                (&read_as_argo, Manifest::from_root(root).unwrap_or(manifest))
            }
            _ => (doc, manifest),
        };
        let mut found = Vec::new();
        for rule in rules::RULES.iter().filter(|r| active(r.meta())) {
            let mut cx = Context::new(rule.meta, file, doc, manifest, settings, workspace);
            (rule.check)(&mut cx);
            found.extend(cx.into_diagnostics());
        }
        if validate_schema {
            let schema_findings = match (&settings.schema, native) {
                (Some(external), _) => external.check(root),
                (None, Some(n)) => n.findings,
                (None, None) => Vec::new(),
            };
            crate::validate::merge_findings(schema_findings, &mut found);
        }
        diagnostics.extend(found);
    }

    let (mut directives, invalid) = suppress::collect(file, &parsed.comments, &parsed.documents);
    suppress::apply(&mut directives, &mut diagnostics);
    diagnostics.extend(invalid);
    diagnostics.extend(suppress::unused(&directives, |m| active(m)));

    let mut diagnostics = apply_policy(settings, path, diagnostics);
    for d in diagnostics.iter_mut().filter(|d| d.path.is_none()) {
        d.path = parsed
            .documents
            .iter()
            .filter(|doc| doc.span.contains(d.span))
            .find_map(|doc| doc.root.as_ref()?.path_to(d.span));
    }
    diagnostics.sort_by(|a, b| (a.span.start, a.rule.code).cmp(&(b.span.start, b.rule.code)));
    FileReport {
        file: file.clone(),
        path: path.map(Path::to_path_buf),
        diagnostics,
        documents,
        argo_documents,
    }
}
