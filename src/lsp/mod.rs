//! `argolint lsp`: a Language Server over stdio, a thin shell over the engine `check` uses.
//!
//! - [`text`]: positions in the negotiated encoding (UTF-8 or UTF-16) ⇄ byte offsets.
//! - [`cursor`]: the document path under the cursor, from the tree or from indentation.
//! - [`index`]: the workspace's WorkflowTemplates, so `templateRef`s resolve across files.
//! - [`features`]: diagnostics, hover, completion and code actions as plain functions.
//!
//! The tokio runtime (one thread) exists only inside [`run`]; nothing here is touched by
//! `argolint check`. Every call into the engine runs under `catch_unwind`: a panic fails
//! that one request and the server goes on.

// `catch_unwind` catches nothing when panics abort: no build of the server may set
// `panic = "abort"` (Cargo.toml's release profile keeps "unwind").
#[cfg(panic = "abort")]
compile_error!(
    "argolint's language server needs panic = \"unwind\" (it catches panics per request)"
);

pub mod complete;
pub mod cursor;
pub mod features;
pub mod index;
pub mod log;
pub mod nav;
pub mod text;
pub mod transport;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tower_lsp_server::jsonrpc::{Error as RpcError, Result as RpcResult};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use crate::config::{self, Overrides, Resolver};
use crate::engine::{self, FileReport};
use crate::settings::Settings;
use features::Doc;
use text::{Encoding, Lines};

/// How long a lint waits for the start-up index before going ahead without it (it is
/// re-run when the index is complete).
const INDEX_WAIT: Duration = Duration::from_secs(4);

/// Set by the integration test: a hover on text holding this marker panics, to prove that
/// a panic fails one request and not the server. Debug builds only: a release binary has
/// no way to be made to panic.
const TEST_PANIC_ENV: &str = "ARGOLINT_LSP_TEST_PANIC";
const TEST_PANIC_MARKER: &str = "argolint-test-panic";

/// Serves the protocol on stdin/stdout until `exit`. Exit code 0 after `shutdown`, 1 when
/// the client exits (or goes away) without it, as the specification asks.
pub fn run() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the language server: {e}");
            return ExitCode::from(2);
        }
    };
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    // The transport's own errors (a message it cannot decode) go to stderr.
    let _log = tracing::subscriber::set_default(log::StderrLog::new());
    runtime.block_on(async move {
        let (service, socket) = LspService::new(move |client| Backend::new(client, flag));
        // One message at a time, in order: handlers are short and synchronous (a lint takes
        // well under a millisecond), and ordering keeps didChange before the hover after it.
        // The client's frames pass through a filter that drops (and reports) what the
        // protocol layer would stop at.
        let (to_server, from_client) = tokio::io::duplex(1 << 16);
        tokio::spawn(transport::filter_frames(tokio::io::stdin(), to_server));
        Server::new(from_client, tokio::io::stdout(), socket)
            .concurrency_level(1)
            .serve(service)
            .await;
    });
    // tokio's stdin reads on a blocking thread that may wait forever for input the client
    // never sends; do not wait for it.
    runtime.shutdown_background();
    if shutdown.load(Ordering::SeqCst) {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "argolint lsp: the client closed the connection (or sent `exit`) without `shutdown`; exit code 1"
        );
        ExitCode::from(1)
    }
}

/// Runs `f`, turning a panic into `None` (the panic message still goes to stderr).
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok()
}

struct OpenDoc {
    version: i32,
    text: String,
    lines: Lines,
    path: Option<PathBuf>,
    /// Index key: the path, or the URI for a document not on disk.
    key: String,
    /// The name in messages: relative to its workspace folder.
    name: String,
    /// The last lint, for code actions.
    report: Option<FileReport>,
}

struct State {
    enc: Encoding,
    roots: Vec<PathBuf>,
    docs: HashMap<Uri, OpenDoc>,
    resolver: Resolver,
    /// Configuration files we published problems on.
    config_uris: Vec<Uri>,
    watch_files: bool,
}

struct Inner {
    state: Mutex<State>,
    index: index::Index,
    started: Instant,
    /// A lint ran before the start-up index was complete: lint again once it is.
    early: AtomicBool,
    shutdown: Arc<AtomicBool>,
}

#[derive(Clone)]
struct Backend {
    client: Client,
    inner: Arc<Inner>,
}

/// What a handler has to send once its synchronous work is done.
#[derive(Default)]
struct Outbox {
    publish: Vec<(Uri, Vec<Diagnostic>, Option<i32>)>,
    show: Vec<(MessageType, String)>,
    log: Vec<(MessageType, String)>,
}

fn new_resolver() -> Resolver {
    // Without `--config` a resolver cannot fail: problems surface per file.
    Resolver::new(None, Overrides::default())
        .unwrap_or_else(|_| Resolver::fixed(Settings::default()))
}

fn is_config(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| config::CONFIG_NAMES.contains(&n))
}

impl Backend {
    fn new(client: Client, shutdown: Arc<AtomicBool>) -> Backend {
        Backend {
            client,
            inner: Arc::new(Inner {
                state: Mutex::new(State {
                    enc: Encoding::Utf16,
                    roots: Vec::new(),
                    docs: HashMap::new(),
                    resolver: new_resolver(),
                    config_uris: Vec::new(),
                    watch_files: false,
                }),
                index: index::Index::default(),
                started: Instant::now(),
                early: AtomicBool::new(false),
                shutdown,
            }),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn send(&self, out: Outbox) {
        {
            // Configuration files with problems, to clear when configurations are reloaded.
            let mut state = self.state();
            for (uri, diags, version) in &out.publish {
                if version.is_none() && !diags.is_empty() && !state.config_uris.contains(uri) {
                    state.config_uris.push(uri.clone());
                }
            }
        }
        for (t, m) in out.show {
            self.client.show_message(t, m).await;
        }
        for (t, m) in out.log {
            self.client.log_message(t, m).await;
        }
        for (uri, diags, version) in out.publish {
            self.client.publish_diagnostics(uri, diags, version).await;
        }
    }

    /// Runs `f` on an open document with its target release, under [`guarded`]: `None` when
    /// the document is not open, `Some(None)` when `f` panicked.
    fn on_doc<R>(
        &self,
        uri: &Uri,
        out: &mut Outbox,
        f: impl FnOnce(&Doc<'_>, crate::api::ArgoVersion) -> R,
    ) -> Option<Option<R>> {
        let state = self.state();
        let doc = state.docs.get(uri)?;
        let version = Self::settings_for(&state, doc.path.as_deref(), out).argo_version;
        let view = Doc {
            uri,
            text: &doc.text,
            lines: &doc.lines,
            enc: state.enc,
        };
        Some(guarded(|| f(&view, version)))
    }

    /// Settings for a document, and the configuration problems met finding them.
    fn settings_for(state: &State, path: Option<&Path>, out: &mut Outbox) -> Settings {
        let fallback = state.roots.first().map(|r| r.join("untitled.yaml"));
        let settings = match path.or(fallback.as_deref()) {
            Some(p) => state.resolver.settings_for(p),
            None => Settings::default(),
        };
        Self::config_problems(state, out);
        settings
    }

    /// Broken configuration files: said once (the resolver remembers a file it could not
    /// load), as a message and as diagnostics on the file itself; the documents it governs
    /// are linted with the defaults meanwhile.
    fn config_problems(state: &State, out: &mut Outbox) {
        let errors = state.resolver.take_errors();
        if errors.is_empty() {
            return;
        }
        let mut by_file: HashMap<String, Vec<config::ConfigError>> = HashMap::new();
        for e in errors {
            by_file.entry(e.file.clone()).or_default().push(e);
        }
        for (file, errs) in by_file {
            out.show.push((
                MessageType::ERROR,
                format!(
                    "argolint: {file} is not a valid configuration ({}); files under it are linted with the defaults until it is fixed",
                    errs[0].message
                ),
            ));
            let Some(uri) = Uri::from_file_path(&file) else {
                continue;
            };
            // An open configuration has the diagnostics of its buffer, not of the disk.
            if state.docs.contains_key(&uri) {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let lines = Lines::new(&text);
            let diags = errs
                .iter()
                .map(|e| config_diagnostic(&text, &lines, state.enc, e))
                .collect();
            out.publish.push((uri, diags, None));
        }
    }

    /// Lints one open document and queues its diagnostics.
    fn lint(&self, state: &mut State, uri: &Uri, out: &mut Outbox) {
        let Some(doc) = state.docs.get(uri) else {
            return;
        };
        if doc.path.as_deref().is_some_and(is_config) {
            Self::check_config(state, uri, out);
            return;
        }
        let settings = Self::settings_for(state, doc.path.as_deref(), out);
        let doc = state.docs.get_mut(uri).expect("present above");
        let index = self.inner.index.wait(self.inner.started + INDEX_WAIT);
        if !index.ready {
            self.inner.early.store(true, Ordering::SeqCst);
        }
        let report = guarded(|| {
            engine::lint_document(
                &doc.name,
                doc.path.as_deref(),
                &doc.text,
                &settings,
                index.others(&doc.key),
            )
        });
        drop(index);
        let Some(report) = report else {
            out.log.push((
                MessageType::ERROR,
                format!(
                    "argolint: linting {} failed (a bug: please report it)",
                    doc.name
                ),
            ));
            return;
        };
        let view = Doc {
            uri,
            text: &doc.text,
            lines: &doc.lines,
            enc: state.enc,
        };
        let diags = guarded(|| features::diagnostics(&view, &report)).unwrap_or_default();
        doc.report = Some(report);
        out.publish.push((uri.clone(), diags, Some(doc.version)));
    }

    /// An open configuration file: every problem of its buffer, with its version (it is
    /// not a manifest: not linted, not indexed). They stay until the text is fixed.
    fn check_config(state: &State, uri: &Uri, out: &mut Outbox) {
        let Some(doc) = state.docs.get(uri) else {
            return;
        };
        let Some(path) = doc.path.as_deref() else {
            return;
        };
        let diags = guarded(|| match config::load_text(path, doc.text.clone()) {
            Ok(_) => Vec::new(),
            Err(errs) => errs
                .iter()
                .map(|e| config_diagnostic(&doc.text, &doc.lines, state.enc, e))
                .collect(),
        });
        match diags {
            Some(diags) => out.publish.push((uri.clone(), diags, Some(doc.version))),
            None => out.log.push((
                MessageType::ERROR,
                format!(
                    "argolint: checking {} failed (a bug: please report it)",
                    doc.name
                ),
            )),
        }
    }

    fn lint_all(&self, state: &mut State, out: &mut Outbox, except: Option<&Uri>) {
        let uris: Vec<Uri> = state
            .docs
            .keys()
            .filter(|u| Some(*u) != except)
            .cloned()
            .collect();
        for uri in uris {
            self.lint(state, &uri, out);
        }
    }

    /// A configuration file changed: read configurations afresh and lint everything again.
    fn reload_config(&self, state: &mut State, out: &mut Outbox) {
        state.resolver = new_resolver();
        for uri in std::mem::take(&mut state.config_uris) {
            if !state.docs.contains_key(&uri) {
                out.publish.push((uri, Vec::new(), None));
            }
        }
        self.lint_all(state, out, None);
    }

    /// A document's text changed (opened or edited): index it, lint it, and lint the other
    /// open documents too when it defines templates they may refer to.
    fn changed(&self, uri: &Uri) -> Outbox {
        let mut out = Outbox::default();
        let mut state = self.state();
        let Some(doc) = state.docs.get(uri) else {
            return out;
        };
        if doc.path.as_deref().is_some_and(is_config) {
            Self::check_config(&state, uri, &mut out);
            return out;
        }
        let (key, name) = (doc.key.clone(), doc.name.clone());
        let text = doc.text.clone();
        let templates =
            guarded(|| self.inner.index.update_open(&key, &name, &text)).unwrap_or(false);
        self.lint(&mut state, uri, &mut out);
        if templates {
            self.lint_all(&mut state, &mut out, Some(uri));
        }
        out
    }

    /// Runs `f` on the names of the workspace, under [`guarded`]: the current document
    /// first, then (with `whole`, or when the name under the cursor is shared with other
    /// files) every other open document, the index's template files and the files that may
    /// refer to them. `None` when the document is not open.
    fn navigate<R>(
        &self,
        uri: &Uri,
        pos: Option<Position>,
        whole: bool,
        f: impl FnOnce(&nav::World<'_>) -> R,
    ) -> Option<Option<R>> {
        let state = self.state();
        let doc = state.docs.get(uri)?;
        let index = self.inner.index.wait(self.inner.started + INDEX_WAIT);
        Some(guarded(|| {
            let current = nav::NavFile::new(uri.clone(), nav::parse(&doc.name, &doc.text));
            let mut world = nav::World::new(state.enc, current);
            let shared = pos
                .and_then(|p| world.symbol_at(p))
                .is_some_and(crate::model::xref::Symbol::is_shared);
            if whole || shared {
                let open: HashMap<&str, (&Uri, &OpenDoc)> = state
                    .docs
                    .iter()
                    .map(|(u, d)| (d.key.as_str(), (u, d)))
                    .collect();
                for (key, unit) in &index.units {
                    if key == &doc.key {
                        continue;
                    }
                    let u = match open.get(key.as_str()) {
                        Some((u, _)) => Some((*u).clone()),
                        None => Uri::from_file_path(key),
                    };
                    if let Some(u) = u {
                        world
                            .files
                            .push(nav::NavFile::new(u, nav::Held::Borrowed(unit)));
                    }
                }
                for (key, (u, d)) in &open {
                    if *key != doc.key && !index.units.contains_key(*key) {
                        world.files.push(nav::NavFile::new(
                            (*u).clone(),
                            nav::parse(&d.name, &d.text),
                        ));
                    }
                }
                for key in &index.referrers {
                    if open.contains_key(key.as_str()) || index.units.contains_key(key) {
                        continue;
                    }
                    let path = Path::new(key);
                    let (Some(u), Ok(text)) =
                        (Uri::from_file_path(path), std::fs::read_to_string(path))
                    else {
                        continue;
                    };
                    let name = index::display_name(path, &state.roots);
                    world
                        .files
                        .push(nav::NavFile::new(u, nav::parse(&name, &text)));
                }
            }
            f(&world)
        }))
    }

    /// The start-up walk, on its own thread; when it is done, lint the open documents again.
    fn start_index(&self, dirs: Vec<PathBuf>, roots: Vec<PathBuf>) {
        if dirs.is_empty() {
            self.inner.index.mark_ready();
            return;
        }
        let me = self.clone();
        let handle = tokio::runtime::Handle::current();
        let spawned = std::thread::Builder::new()
            .name("argolint-index".into())
            .spawn(move || {
                let summary = guarded(|| me.inner.index.build(&dirs, &roots, index::Limits::default()));
                me.inner.index.mark_ready();
                handle.spawn(async move {
                    let mut out = Outbox::default();
                    let message = match summary {
                        Some(s) => format!(
                            "argolint: indexed {} templates in {} files in {} ms{}",
                            s.templates,
                            s.files,
                            s.elapsed.as_millis(),
                            s.stopped
                                .map(|why| format!(" (stopped early: {why}; references to templates past that point are not resolved)"))
                                .unwrap_or_default()
                        ),
                        None => "argolint: indexing the workspace failed".into(),
                    };
                    out.log.push((MessageType::INFO, message));
                    if me.inner.early.swap(false, Ordering::SeqCst) {
                        let mut state = me.state();
                        me.lint_all(&mut state, &mut out, None);
                    }
                    me.send(out).await;
                });
            });
        if spawned.is_err() {
            self.inner.index.mark_ready();
        }
    }
}

/// Quick fixes for the "did you mean"s of an open configuration file in `range`.
fn config_fixes(
    doc: &OpenDoc,
    path: &Path,
    uri: &Uri,
    enc: Encoding,
    range: Range,
) -> Vec<CodeActionOrCommand> {
    let Err(errs) = config::load_text(path, doc.text.clone()) else {
        return Vec::new();
    };
    let before = |a: Position, b: Position| (a.line, a.character) < (b.line, b.character);
    errs.iter()
        .filter_map(|e| {
            let s = e.suggestion.as_deref()?;
            // Keys, values and rule names are plain words: written as they are.
            let plain = s
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
                && s.starts_with(|c: char| c.is_ascii_alphabetic())
                && !matches!(
                    s.to_ascii_lowercase().as_str(),
                    "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
                );
            if !plain {
                return None;
            }
            let d = config_diagnostic(&doc.text, &doc.lines, enc, e);
            if before(d.range.end, range.start) || before(range.end, d.range.start) {
                return None;
            }
            let edit = TextEdit::new(d.range, s.to_string());
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Replace with `{s}`"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(false),
                ..CodeAction::default()
            }))
        })
        .collect()
}

/// A configuration problem (1-based line and column in characters) as a diagnostic on the
/// word it points at.
fn config_diagnostic(
    text: &str,
    lines: &Lines,
    enc: Encoding,
    e: &config::ConfigError,
) -> Diagnostic {
    let line = e
        .line
        .saturating_sub(1)
        .min(lines.count().saturating_sub(1));
    let l = lines.line(text, line);
    let col: usize = l
        .chars()
        .take(e.column.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    // To the end of the word there: a key stops at its colon.
    let word = l[col..]
        .find(|c: char| c.is_whitespace() || c == ':' || c == ',' || c == ']' || c == '}')
        .unwrap_or(l.len() - col);
    let at = lines.start(line) + col;
    Diagnostic {
        range: Range::new(
            lines.position(text, at, enc),
            lines.position(text, at + word, enc),
        ),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("argolint".into()),
        message: e.message.clone(),
        ..Diagnostic::default()
    }
}

fn key_and_name(uri: &Uri, roots: &[PathBuf]) -> (Option<PathBuf>, String, String) {
    match uri.to_file_path() {
        Some(p) => {
            let p = p.into_owned();
            let name = index::display_name(&p, roots);
            (Some(p.clone()), p.display().to_string(), name)
        }
        None => (None, uri.as_str().to_string(), uri.as_str().to_string()),
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> RpcResult<InitializeResult> {
        let enc = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty()
            && let Some(p) = params.root_uri.as_ref().and_then(|u| u.to_file_path())
        {
            roots.push(p.into_owned());
        }
        let watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        let dirs = {
            let mut state = self.state();
            state.enc = enc;
            state.roots = roots.clone();
            state.watch_files = watch;
            // `template-paths` of each folder's configuration are indexed too.
            let mut dirs = roots.clone();
            for r in &roots {
                let probe = r.join(config::CONFIG_NAMES[0]);
                if let Some(c) = state.resolver.config_for(&probe) {
                    dirs.extend(c.config.template_paths.iter().map(|p| c.dir.join(p)));
                }
            }
            dirs
        };
        self.start_index(dirs, roots);
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(enc.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::FULL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![":".into(), "{".into(), ".".into()]),
                    ..CompletionOptions::default()
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::SOURCE_FIX_ALL,
                        ]),
                        ..CodeActionOptions::default()
                    },
                )),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "argolint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            ..InitializeResult::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let mut out = Outbox::default();
        {
            let state = self.state();
            Self::config_problems(&state, &mut out);
        }
        self.send(out).await;
        if self.state().watch_files {
            let watchers = ["**/*.yaml", "**/*.yml", "**/*.json"]
                .map(|g| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(g.into()),
                    kind: None,
                })
                .to_vec();
            let options = DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = Registration {
                id: "argolint-watch".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            let _ = self.client.register_capability(vec![registration]).await;
        }
    }

    async fn shutdown(&self) -> RpcResult<()> {
        self.inner.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        {
            let mut state = self.state();
            let (path, key, name) = key_and_name(&doc.uri, &state.roots);
            let lines = Lines::new(&doc.text);
            state.docs.insert(
                doc.uri.clone(),
                OpenDoc {
                    version: doc.version,
                    text: doc.text,
                    lines,
                    path,
                    key,
                    name,
                    report: None,
                },
            );
        }
        let out = self.changed(&doc.uri);
        self.send(out).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        {
            let mut state = self.state();
            let enc = state.enc;
            let Some(doc) = state.docs.get_mut(&uri) else {
                return;
            };
            if params.text_document.version < doc.version {
                return; // stale
            }
            doc.version = params.text_document.version;
            for change in params.content_changes {
                match change.range {
                    None => doc.text = change.text,
                    Some(r) => {
                        // We ask for whole texts; a client that sends ranges anyway still works.
                        let s = doc.lines.offset(&doc.text, r.start, enc);
                        let e = doc.lines.offset(&doc.text, r.end, enc).max(s);
                        doc.text.replace_range(s..e, &change.text);
                    }
                }
                doc.lines = Lines::new(&doc.text);
            }
        }
        let out = self.changed(&uri);
        self.send(out).await;
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        let mut out = Outbox::default();
        {
            let mut state = self.state();
            let saved_config = uri.to_file_path().is_some_and(|p| is_config(&p));
            if saved_config {
                self.reload_config(&mut state, &mut out);
            } else {
                self.lint(&mut state, &uri, &mut out);
            }
        }
        self.send(out).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let mut out = Outbox::default();
        {
            let mut state = self.state();
            if let Some(doc) = state.docs.remove(&uri) {
                let changed = guarded(|| {
                    self.inner
                        .index
                        .close(&doc.key, doc.path.as_deref(), &doc.name)
                })
                .unwrap_or(false);
                if changed {
                    self.lint_all(&mut state, &mut out, None);
                }
            }
        }
        out.publish.insert(0, (uri, Vec::new(), None));
        self.send(out).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut out = Outbox::default();
        {
            let mut state = self.state();
            let (mut config, mut templates) = (false, false);
            for change in &params.changes {
                let Some(path) = change.uri.to_file_path() else {
                    continue;
                };
                if is_config(&path) {
                    config = true;
                    continue;
                }
                let name = index::display_name(&path, &state.roots);
                let key = path.display().to_string();
                templates |=
                    guarded(|| self.inner.index.refresh(&key, &path, &name)).unwrap_or(false);
            }
            if config {
                self.reload_config(&mut state, &mut out);
            } else if templates {
                self.lint_all(&mut state, &mut out, None);
            }
        }
        self.send(out).await;
    }

    async fn hover(&self, params: HoverParams) -> RpcResult<Option<Hover>> {
        let p = params.text_document_position_params;
        // On a name that refers to something: what it refers to.
        if let Some(Some(Some(h))) =
            self.navigate(&p.text_document.uri, Some(p.position), false, |w| {
                w.hover(p.position)
            })
        {
            return Ok(Some(h));
        }
        let mut out = Outbox::default();
        let result = self.on_doc(&p.text_document.uri, &mut out, |view, version| {
            if cfg!(debug_assertions)
                && std::env::var_os(TEST_PANIC_ENV).is_some()
                && view.text.contains(TEST_PANIC_MARKER)
            {
                panic!("deliberate panic for the robustness test");
            }
            features::hover(view, p.position, version)
        });
        self.send(out).await;
        match result {
            None => Ok(None),
            Some(r) => r.ok_or_else(RpcError::internal_error),
        }
    }

    async fn completion(&self, params: CompletionParams) -> RpcResult<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let mut out = Outbox::default();
        let (key, config) = match self.state().docs.get(&p.text_document.uri) {
            Some(d) => (d.key.clone(), d.path.as_deref().is_some_and(is_config)),
            None => return Ok(None),
        };
        if config {
            // Not a manifest: nothing of the model applies.
            return Ok(None);
        }
        let result = self.on_doc(&p.text_document.uri, &mut out, |view, version| {
            // Names of templates in other files come from the index, as it is now.
            let index = self.inner.index.lock();
            complete::completion(view, p.position, version, index.others(&key))
        });
        self.send(out).await;
        match result {
            None => Ok(None),
            Some(Some(items)) if items.is_empty() => Ok(None),
            Some(Some(items)) => Ok(Some(CompletionResponse::Array(items))),
            Some(None) => Err(RpcError::internal_error()),
        }
    }

    async fn code_action(&self, params: CodeActionParams) -> RpcResult<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let mut out = Outbox::default();
        let result = {
            let state = self.state();
            let Some(doc) = state.docs.get(&uri) else {
                return Ok(None);
            };
            if let Some(path) = doc.path.as_deref().filter(|p| is_config(p)) {
                let actions = guarded(|| config_fixes(doc, path, &uri, state.enc, params.range))
                    .unwrap_or_default();
                return Ok((!actions.is_empty()).then_some(actions));
            }
            let Some(report) = &doc.report else {
                return Ok(None);
            };
            let settings = Self::settings_for(&state, doc.path.as_deref(), &mut out);
            let view = Doc {
                uri: &uri,
                text: &doc.text,
                lines: &doc.lines,
                enc: state.enc,
            };
            let fix_all = || {
                let fixed = crate::fix::fix_text(&doc.name, &doc.text, &settings, false);
                (fixed.applied > 0).then_some(fixed.text)
            };
            guarded(|| {
                features::code_actions(
                    &view,
                    report,
                    params.range,
                    params.context.only.as_deref(),
                    fix_all,
                )
            })
        };
        self.send(out).await;
        match result {
            Some(actions) if actions.is_empty() => Ok(None),
            Some(actions) => Ok(Some(actions)),
            None => Err(RpcError::internal_error()),
        }
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> RpcResult<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let r = self.navigate(&p.text_document.uri, Some(p.position), false, |w| {
            w.definition(p.position)
        });
        match r {
            None => Ok(None),
            Some(None) => Err(RpcError::internal_error()),
            Some(Some(locs)) if locs.is_empty() => Ok(None),
            Some(Some(mut locs)) if locs.len() == 1 => {
                Ok(Some(GotoDefinitionResponse::Scalar(locs.remove(0))))
            }
            Some(Some(locs)) => Ok(Some(GotoDefinitionResponse::Array(locs))),
        }
    }

    async fn references(&self, params: ReferenceParams) -> RpcResult<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let decl = params.context.include_declaration;
        let r = self.navigate(&p.text_document.uri, Some(p.position), false, |w| {
            w.references(p.position, decl)
        });
        match r {
            None => Ok(None),
            Some(None) => Err(RpcError::internal_error()),
            Some(Some(locs)) => Ok((!locs.is_empty()).then_some(locs)),
        }
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> RpcResult<Option<Vec<DocumentHighlight>>> {
        let p = params.text_document_position_params;
        // Highlights stay in the document: no other file is read.
        let r = self.navigate(&p.text_document.uri, None, false, |w| {
            w.highlights(p.position)
        });
        match r {
            None => Ok(None),
            Some(None) => Err(RpcError::internal_error()),
            Some(Some(h)) => Ok((!h.is_empty()).then_some(h)),
        }
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> RpcResult<Option<PrepareRenameResponse>> {
        let r = self.navigate(
            &params.text_document.uri,
            Some(params.position),
            false,
            |w| w.prepare_rename(params.position),
        );
        match r {
            None => Ok(None),
            Some(None) => Err(RpcError::internal_error()),
            Some(Some(Ok((range, placeholder)))) => {
                Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
                    range,
                    placeholder,
                }))
            }
            Some(Some(Err(why))) => Err(refused(why)),
        }
    }

    async fn rename(&self, params: RenameParams) -> RpcResult<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let r = self.navigate(&p.text_document.uri, Some(p.position), false, |w| {
            w.rename(p.position, &params.new_name)
        });
        match r {
            None => Ok(None),
            Some(None) => Err(RpcError::internal_error()),
            Some(Some(Ok(edit))) => Ok(Some(edit)),
            Some(Some(Err(why))) => Err(refused(why)),
        }
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> RpcResult<Option<DocumentSymbolResponse>> {
        let r = self.navigate(&params.text_document.uri, None, false, |w| {
            nav::document_symbols(&w.files[0], w.enc)
        });
        match r {
            None => Ok(None),
            Some(None) => Err(RpcError::internal_error()),
            Some(Some(s)) => Ok(Some(DocumentSymbolResponse::Nested(s))),
        }
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> RpcResult<Option<WorkspaceSymbolResponse>> {
        let r = {
            // The same order as everywhere else: the documents, then the index.
            let state = self.state();
            let index = self.inner.index.wait(self.inner.started + INDEX_WAIT);
            guarded(|| workspace_symbols(&state, &index, &params.query))
        };
        match r {
            None => Err(RpcError::internal_error()),
            Some(s) => Ok(Some(WorkspaceSymbolResponse::Flat(s))),
        }
    }
}

/// A request argolint declines, with the reason for the user.
fn refused(why: String) -> RpcError {
    RpcError {
        // -32803: RequestFailed in the specification (3.17).
        code: tower_lsp_server::jsonrpc::ErrorCode::ServerError(-32803),
        message: why.into(),
        data: None,
    }
}

/// Every template of every WorkflowTemplate of the index and of the open documents.
fn workspace_symbols(state: &State, index: &index::State, query: &str) -> Vec<SymbolInformation> {
    let mut files: Vec<nav::NavFile<'_>> = Vec::new();
    let open: HashMap<&str, &Uri> = state
        .docs
        .iter()
        .map(|(u, d)| (d.key.as_str(), u))
        .collect();
    for (key, unit) in &index.units {
        let u = match open.get(key.as_str()) {
            Some(u) => Some((*u).clone()),
            None => Uri::from_file_path(key),
        };
        if let Some(u) = u {
            files.push(nav::NavFile::new(u, nav::Held::Borrowed(unit)));
        }
    }
    let Some(first) = files.pop() else {
        return Vec::new();
    };
    let mut world = nav::World::new(state.enc, first);
    world.files.extend(files);
    world.workspace_symbols(query)
}
