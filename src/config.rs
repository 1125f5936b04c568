//! `.argolint.yaml`: the configuration file. Found by walking up from each linted file (the
//! nearest wins, without merging), or named with `--config`. Command-line flags override it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobSetBuilder};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::api::ArgoVersion;
use crate::diagnostic::Severity;
use crate::rules::{self, RuleMeta};
use crate::settings::Settings;
use crate::source::{Node, SourceFile, Span, parse_text};

/// The names a configuration file may have, in order of preference.
pub const CONFIG_NAMES: [&str; 2] = [".argolint.yaml", ".argolint.yml"];

/// argolint's configuration file (`.argolint.yaml`).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "argolint configuration")]
pub struct ConfigFile {
    /// The Argo Workflows release the manifests run on, as MAJOR.MINOR (3.4 to 4.1). Fields
    /// and limits are judged for that release. Default: the newest modelled release.
    pub argo_version: Option<String>,
    /// Which Argo CRDs the cluster has installed: `full` (the API server validates every
    /// workflow's `spec`; the default from Argo v4.0) or `minimal` (it checks nothing inside
    /// `spec`; the default of v3.4–v3.7). Decides which schema problems are errors.
    pub crds: Option<CrdsLevel>,
    /// `argolint check` exits with 1 when a finding has at least this severity.
    /// Default: error.
    pub fail_on: Option<Severity>,
    /// Globs of files not to lint, relative to this file's folder (e.g. `charts/**`). They
    /// apply to files found by walking directories, and to named files with `--force-exclude`.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Rules to turn off: rule names, codes (`AL602`), categories (`resources`) or `all`.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Rules to turn back on after `disable` (same selectors). `disable: [all]` with an
    /// `enable` list runs only the enabled rules.
    #[serde(default)]
    pub enable: Vec<String>,
    /// Severity per rule selector, in place of each rule's default.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Rules to ignore in files matching a glob (relative to this file's folder).
    #[serde(default)]
    pub per_path_ignores: BTreeMap<String, Vec<String>>,
    /// How to report `templateRef`s and `workflowTemplateRef`s to templates that none of the
    /// linted files define (they may live in the cluster): ignore, warn (default) or error.
    pub external_refs: Option<ExternalRefsLevel>,
    /// More folders of WorkflowTemplates and ClusterWorkflowTemplates to resolve references
    /// against, relative to this file's folder (read from the configuration of the current
    /// directory; `--templates` adds to them).
    #[serde(default)]
    pub template_paths: Vec<String>,
    /// Rule thresholds.
    #[serde(default)]
    pub options: RuleOptions,
    /// `argolint docs templates`: what to document and where to write it (read from the
    /// configuration of the current directory; command-line flags win).
    pub docs: Option<DocsConfig>,
}

/// The `docs` block: documentation of the workflow templates themselves.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DocsConfig {
    /// Files and folders to document when none are named on the command line, relative to
    /// this file's folder. Default: the current directory.
    #[serde(default)]
    pub paths: Vec<String>,
    /// A folder to write one Markdown page per manifest and a `README.md` index into,
    /// relative to this file's folder.
    pub out: Option<String>,
    /// A Markdown file, relative to this file's folder, whose text between
    /// `<!-- BEGIN_ARGOLINT_DOCS -->` and `<!-- END_ARGOLINT_DOCS -->` is replaced by the
    /// documentation.
    pub inject: Option<String>,
    /// The kinds to document. Default: WorkflowTemplate and ClusterWorkflowTemplate.
    pub kinds: Option<Vec<DocsKind>>,
}

/// The values of `docs.kinds`.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
pub enum DocsKind {
    WorkflowTemplate,
    ClusterWorkflowTemplate,
    Workflow,
    CronWorkflow,
}

impl DocsKind {
    pub fn kind(self) -> crate::api::Kind {
        match self {
            DocsKind::WorkflowTemplate => crate::api::Kind::WorkflowTemplate,
            DocsKind::ClusterWorkflowTemplate => crate::api::Kind::ClusterWorkflowTemplate,
            DocsKind::Workflow => crate::api::Kind::Workflow,
            DocsKind::CronWorkflow => crate::api::Kind::CronWorkflow,
        }
    }
}

/// The values of `crds`.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CrdsLevel {
    Full,
    Minimal,
}

/// The values of `external-refs`.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExternalRefsLevel {
    Ignore,
    Warn,
    Error,
}

/// Thresholds of the rules that have them.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleOptions {
    /// `oversized-parameter`.
    pub oversized_parameter: Option<OversizedParameterOptions>,
    /// `unbounded-fan-out`.
    pub unbounded_fan_out: Option<FanOutOptions>,
    /// `workflow-too-many-nodes`.
    pub workflow_too_many_nodes: Option<MaxNodesOptions>,
    /// `missing-pod-gc` and `missing-ttl-strategy`.
    pub cleanup: Option<CleanupOptions>,
    /// `chain-of-tiny-steps`.
    pub chain_of_tiny_steps: Option<TinyStepsOptions>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TinyStepsOptions {
    /// Report this many or more trivially short steps or tasks in a row (default 3, at least 2).
    pub min_steps: Option<usize>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FanOutOptions {
    /// Warn when one step or task may expand into more than this many items (default 100).
    pub max_items: Option<usize>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MaxNodesOptions {
    /// Warn when a workflow may create more than this many nodes (default 5000).
    pub max_nodes: Option<u64>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CleanupOptions {
    /// The controller's `workflowDefaults` already set `podGC` and `ttlStrategy`, so
    /// workflows need not (default false).
    pub controller_sets_gc_defaults: Option<bool>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OversizedParameterOptions {
    /// Warn when an inline value is larger than this many bytes (default 65536). Hard limits
    /// (128 KiB before Argo v3.6, 1 MiB always) are errors whatever this says.
    pub warn_bytes: Option<usize>,
}

/// A problem in a configuration file, at its place.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// The JSON Schema of the configuration file, for editors.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ConfigFile)).unwrap_or_default()
}

/// A configuration file as read: its typed content and its folder.
#[derive(Debug)]
pub struct Loaded {
    pub config: ConfigFile,
    pub dir: PathBuf,
    /// The settings it gives, worked out once per run (a `Resolver` has one set of
    /// overrides); resolving rule selectors for every file was a tenth of a run's work.
    resolved: std::sync::OnceLock<Settings>,
}

fn error_at(file: &SourceFile, span: Span, message: String) -> ConfigError {
    let (line, column) = file.line_col(span.start);
    ConfigError {
        file: file.name.to_string(),
        line,
        column,
        message,
    }
}

/// Finds keys the schema does not allow, with "did you mean".
fn check_keys(
    node: &Node,
    schema: &serde_json::Value,
    root: &serde_json::Value,
    file: &SourceFile,
    errors: &mut Vec<ConfigError>,
) {
    let schema = resolve(schema, root);
    let Some(entries) = node.as_map() else { return };
    let props = schema.get("properties").and_then(|p| p.as_object());
    let additional = schema.get("additionalProperties");
    for e in entries {
        let Some(key) = e.key_str() else { continue };
        match props.and_then(|p| p.get(key)) {
            Some(sub) => check_keys(&e.value, sub, root, file, errors),
            None if props.is_some() && additional != Some(&serde_json::Value::Bool(true)) => {
                if let Some(add) = additional.filter(|a| a.is_object()) {
                    check_keys(&e.value, add, root, file, errors);
                    continue;
                }
                let known: Vec<&str> = props.unwrap().keys().map(String::as_str).collect();
                let hint = crate::suggest::did_you_mean(key, &known)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                errors.push(error_at(
                    file,
                    e.key.span,
                    format!(
                        "unknown key `{key}`{hint}; allowed here: {}",
                        known.join(", ")
                    ),
                ));
            }
            None => {}
        }
    }
}

fn resolve<'a>(
    schema: &'a serde_json::Value,
    root: &'a serde_json::Value,
) -> &'a serde_json::Value {
    let mut s = schema;
    for _ in 0..8 {
        if let Some(r) = s.get("$ref").and_then(|r| r.as_str()) {
            let name = r.rsplit('/').next().unwrap_or("");
            match root.get("$defs").and_then(|d| d.get(name)) {
                Some(t) => s = t,
                None => break,
            }
        } else if let Some(any) = s.get("anyOf").and_then(|a| a.as_array()) {
            // Option<T>: the non-null branch.
            match any
                .iter()
                .find(|b| b.get("type") != Some(&serde_json::json!("null")))
            {
                Some(b) => s = b,
                None => break,
            }
        } else {
            break;
        }
    }
    s
}

/// Reads and checks a configuration file. All problems are reported, not just the first.
pub fn load(path: &Path) -> Result<Loaded, Vec<ConfigError>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![ConfigError {
            file: name.clone(),
            line: 1,
            column: 1,
            message: format!("cannot read the configuration file: {e}"),
        }]
    })?;
    load_text(path, text)
}

/// Checks the text of the configuration file at `path` (which only names it and gives its
/// folder; nothing is read).
pub fn load_text(path: &Path, text: String) -> Result<Loaded, Vec<ConfigError>> {
    let name = path.display().to_string();
    let file = SourceFile::new(name, text);
    let parsed = parse_text(&file.text);
    if let Some(p) = parsed.problems.first() {
        return Err(vec![error_at(&file, p.span, p.message.clone())]);
    }
    let root = parsed.documents.iter().find_map(|d| d.root.clone());
    let Some(root) = root else {
        return Ok(Loaded {
            config: ConfigFile::default(),
            dir: dir_of(path),
            resolved: Default::default(),
        });
    };
    if root.as_map().is_none() {
        return Err(vec![error_at(
            &file,
            root.span,
            "the configuration must be a mapping of keys".into(),
        )]);
    }
    let schema = json_schema();
    let mut errors = Vec::new();
    check_keys(&root, &schema, &schema, &file, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let json = root.to_json();
    let config: ConfigFile = serde_path_to_error::deserialize(&json).map_err(|e| {
        let keys: Vec<String> = e
            .path()
            .iter()
            .filter_map(|seg| match seg {
                serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                _ => None,
            })
            .collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let span = root.get_path(&keys).map(|n| n.span).unwrap_or(root.span);
        vec![error_at(
            &file,
            span,
            format!("`{}`: {}", e.path(), e.inner()),
        )]
    })?;
    // Selectors must name real rules.
    let mut errors = Vec::new();
    let mut check_selector = |sel: &str, at: &[&str]| {
        if resolve_selector(sel).is_none() {
            let span = root.get_path(at).map_or(root.span, |n| {
                n.as_seq()
                    .and_then(|items| items.iter().find(|i| i.as_str() == Some(sel)))
                    .or_else(|| n.entry(sel).map(|e| &e.key))
                    .map_or(n.span, |x| x.span)
            });
            errors.push(error_at(&file, span, unknown_selector(sel)));
        }
    };
    for s in &config.disable {
        check_selector(s, &["disable"]);
    }
    for s in &config.enable {
        check_selector(s, &["enable"]);
    }
    for s in config.severity.keys() {
        check_selector(s, &["severity"]);
    }
    for (glob, sels) in &config.per_path_ignores {
        for s in sels {
            check_selector(s, &["per-path-ignores", glob]);
        }
    }
    if let Some(v) = &config.argo_version
        && let Err(e) = v.parse::<ArgoVersion>()
    {
        let span = root.get("argo-version").map_or(root.span, |n| n.span);
        errors.push(error_at(&file, span, e));
    }
    for (glob, at) in config
        .per_path_ignores
        .keys()
        .map(|g| (g, "per-path-ignores"))
        .chain(config.exclude.iter().map(|g| (g, "exclude")))
    {
        if let Err(e) = Glob::new(glob) {
            let span = root.get(at).map_or(root.span, |n| n.span);
            errors.push(error_at(&file, span, format!("bad glob `{glob}`: {e}")));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Loaded {
        config,
        dir: dir_of(path),
        resolved: Default::default(),
    })
}

fn dir_of(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    abs.parent().map(Path::to_path_buf).unwrap_or_default()
}

fn unknown_selector(sel: &str) -> String {
    let mut names: Vec<&str> = rules::all().iter().map(|m| m.name).collect();
    names.extend(rules::CATEGORIES.iter().map(|c| c.as_str()));
    let hint = crate::suggest::did_you_mean(sel, &names)
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    format!("`{sel}` is not a rule name, code or category{hint}")
}

/// The rules a selector names: a rule name, a code, a category, or `all`.
pub fn resolve_selector(sel: &str) -> Option<Vec<&'static RuleMeta>> {
    if sel == "all" {
        return Some(rules::all());
    }
    if let Some(m) = rules::find(sel) {
        return Some(vec![m]);
    }
    let in_category: Vec<_> = rules::all()
        .into_iter()
        .filter(|m| m.category.as_str() == sel)
        .collect();
    (!in_category.is_empty()).then_some(in_category)
}

fn codes(selectors: &[String]) -> HashSet<&'static str> {
    selectors
        .iter()
        .filter_map(|s| resolve_selector(s))
        .flatten()
        .map(|m| m.code)
        .collect()
}

/// Command-line values that override every configuration file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub argo_version: Option<ArgoVersion>,
    /// `--crds`.
    pub crds: Option<crate::settings::Crds>,
    /// `--schema`: validate against this schema instead of argolint's own.
    pub schema: Option<Arc<dyn crate::settings::ExternalSchema>>,
    /// `--external-refs`.
    pub external_refs: Option<crate::settings::ExternalRefs>,
}

impl Loaded {
    /// Settings for files governed by this configuration.
    pub fn settings(&self, overrides: &Overrides) -> Settings {
        let c = &self.config;
        let mut s = Settings::default();
        if let Some(v) = c.argo_version.as_deref().and_then(|v| v.parse().ok()) {
            s.argo_version = v;
        }
        if let Some(c) = c.crds {
            s.crds = Some(match c {
                CrdsLevel::Full => crate::settings::Crds::Full,
                CrdsLevel::Minimal => crate::settings::Crds::Minimal,
            });
        }
        if let Some(o) = &c.options.oversized_parameter
            && let Some(b) = o.warn_bytes
        {
            s.parameter_warn_bytes = b;
        }
        if let Some(n) = c
            .options
            .unbounded_fan_out
            .as_ref()
            .and_then(|o| o.max_items)
        {
            s.fan_out_items_threshold = n;
        }
        if let Some(n) = c
            .options
            .workflow_too_many_nodes
            .as_ref()
            .and_then(|o| o.max_nodes)
        {
            s.max_nodes_threshold = n;
        }
        if let Some(b) = c
            .options
            .cleanup
            .as_ref()
            .and_then(|o| o.controller_sets_gc_defaults)
        {
            s.controller_sets_gc_defaults = b;
        }
        if let Some(n) = c
            .options
            .chain_of_tiny_steps
            .as_ref()
            .and_then(|o| o.min_steps)
        {
            s.tiny_steps_threshold = n.max(2);
        }
        if let Some(level) = c.external_refs {
            s.external_refs = match level {
                ExternalRefsLevel::Ignore => crate::settings::ExternalRefs::Ignore,
                ExternalRefsLevel::Warn => crate::settings::ExternalRefs::Warn,
                ExternalRefsLevel::Error => crate::settings::ExternalRefs::Error,
            };
        }
        let enabled = codes(&c.enable);
        s.rules.disabled = codes(&c.disable)
            .into_iter()
            .filter(|code| !enabled.contains(code))
            .collect();
        let mut severity = HashMap::new();
        // Broad selectors first, so a rule's own entry wins over its category's.
        let mut entries: Vec<(&String, &Severity)> = c.severity.iter().collect();
        entries.sort_by_key(|(sel, _)| {
            std::cmp::Reverse(resolve_selector(sel).map_or(0, |v| v.len()))
        });
        for (sel, sev) in entries {
            for m in resolve_selector(sel).unwrap_or_default() {
                severity.insert(m.code, *sev);
            }
        }
        s.rules.severity = severity;
        for (glob, sels) in &c.per_path_ignores {
            if let Ok(g) = Glob::new(glob) {
                let mut b = GlobSetBuilder::new();
                b.add(g);
                if let Ok(set) = b.build() {
                    s.rules.per_path.push((set, codes(sels)));
                }
            }
        }
        s.rules.root = Some(self.dir.clone());
        apply(&mut s, overrides);
        s
    }

    /// Matches files this configuration excludes.
    pub fn excludes(&self, path: &Path) -> bool {
        if self.config.exclude.is_empty() {
            return false;
        }
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let rel = abs.strip_prefix(&self.dir).unwrap_or(&abs);
        let mut b = GlobSetBuilder::new();
        for g in &self.config.exclude {
            if let Ok(g) = Glob::new(g) {
                b.add(g);
            }
        }
        b.build().is_ok_and(|set| set.is_match(rel))
    }
}

/// Puts the command line's values over `s`.
pub(crate) fn apply(s: &mut Settings, o: &Overrides) {
    if let Some(v) = o.argo_version {
        s.argo_version = v;
    }
    if let Some(c) = o.crds {
        s.crds = Some(c);
    }
    if let Some(schema) = &o.schema {
        s.schema = Some(schema.clone());
    }
    if let Some(e) = o.external_refs {
        s.external_refs = e;
    }
}

/// Finds the configuration for each file: `--config`, or the nearest `.argolint.yaml` above
/// the file. Directory look-ups are cached.
pub struct Resolver {
    /// The same settings for every file, no configuration read (library use, tests).
    fixed: Option<Settings>,
    explicit: Option<Arc<Loaded>>,
    overrides: Overrides,
    cache: Mutex<HashMap<PathBuf, Option<Arc<Loaded>>>>,
    errors: Mutex<Vec<ConfigError>>,
}

impl Resolver {
    pub fn new(
        explicit: Option<&Path>,
        overrides: Overrides,
    ) -> Result<Resolver, Vec<ConfigError>> {
        let explicit = match explicit {
            Some(p) => Some(Arc::new(load(p)?)),
            None => None,
        };
        Ok(Resolver {
            fixed: None,
            explicit,
            overrides,
            cache: Mutex::new(HashMap::new()),
            errors: Mutex::new(Vec::new()),
        })
    }

    /// A resolver that never reads a file and gives every file `settings`.
    pub fn fixed(settings: Settings) -> Resolver {
        Resolver {
            fixed: Some(settings),
            explicit: None,
            overrides: Overrides::default(),
            cache: Mutex::new(HashMap::new()),
            errors: Mutex::new(Vec::new()),
        }
    }

    /// The configuration governing `path`, if any.
    pub fn config_for(&self, path: &Path) -> Option<Arc<Loaded>> {
        if self.fixed.is_some() {
            return None;
        }
        if let Some(e) = &self.explicit {
            return Some(e.clone());
        }
        let abs = std::path::absolute(path).ok()?;
        let mut dir = abs.parent()?.to_path_buf();
        let mut visited = Vec::new();
        let found = loop {
            if let Some(hit) = self.cache.lock().ok()?.get(&dir) {
                break hit.clone();
            }
            visited.push(dir.clone());
            if let Some(p) = CONFIG_NAMES
                .iter()
                .map(|n| dir.join(n))
                .find(|p| p.is_file())
            {
                match load(&p) {
                    Ok(l) => break Some(Arc::new(l)),
                    Err(errs) => {
                        self.errors.lock().ok()?.extend(errs);
                        break None;
                    }
                }
            }
            if !dir.pop() {
                break None;
            }
        };
        let mut cache = self.cache.lock().ok()?;
        for d in visited {
            cache.insert(d, found.clone());
        }
        found
    }

    pub fn settings_for(&self, path: &Path) -> Settings {
        if let Some(s) = &self.fixed {
            return s.clone();
        }
        match self.config_for(path) {
            Some(l) => l
                .resolved
                .get_or_init(|| l.settings(&self.overrides))
                .clone(),
            None => {
                let mut s = Settings::default();
                apply(&mut s, &self.overrides);
                s
            }
        }
    }

    /// Configuration files that failed to load while resolving.
    pub fn take_errors(&self) -> Vec<ConfigError> {
        let mut errs = self
            .errors
            .lock()
            .map(|mut e| std::mem::take(&mut *e))
            .unwrap_or_default();
        errs.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        errs.dedup_by(|a, b| a.file == b.file && a.line == b.line && a.message == b.message);
        errs
    }
}
