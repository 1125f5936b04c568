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
    /// `3.6` may be written unquoted; `"3.10"` must be quoted (YAML reads 3.10 as 3.1).
    #[serde(default, deserialize_with = "string_or_number")]
    #[schemars(with = "Option<VersionText>")]
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
    /// The rules to run, in place of all of them: rule names, codes (`AL602`), code prefixes
    /// (`AL4`), categories (`resources`) or `all`. Default: every rule.
    pub select: Option<Vec<String>>,
    /// Rules to run in addition to `select` (same selectors).
    #[serde(default)]
    pub extend_select: Vec<String>,
    /// Rules not to run (same selectors); `disable` is the older name of the same list.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Drop findings below this severity (after `severity` overrides): `warning` hides
    /// infos. Default: info (every finding).
    pub min_severity: Option<Severity>,
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

/// How `argo-version` may be written: text, or a number YAML reads from `3.6`.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum VersionText {
    Text(String),
    Number(f64),
}

fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    use serde::de::Error;
    match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s)),
        Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(D::Error::custom(format!(
            "expected a release such as \"4.1\", found {}",
            describe_json(&other)
        ))),
    }
}

fn describe_json(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "nothing (null)",
        serde_json::Value::Bool(_) => "true/false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "text",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "a mapping",
    }
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
    /// What the message's "did you mean" proposes in place of the word at the place (a
    /// key, a value, a rule selector), for an editor's quick fix.
    pub suggestion: Option<String>,
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
        suggestion: None,
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
                let suggestion = crate::suggest::did_you_mean(key, &known);
                let hint = suggestion
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                let mut err = error_at(
                    file,
                    e.key.span,
                    format!(
                        "unknown key `{key}`{hint}; allowed here: {}",
                        known.join(", ")
                    ),
                );
                err.suggestion = suggestion.map(str::to_string);
                errors.push(err);
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
            suggestion: None,
        }]
    })?;
    load_text(path, text)
}

/// Checks the text of the configuration file at `path` (which only names it and gives its
/// folder; nothing is read). Every problem is reported at once: syntax, unknown keys, wrong
/// values, unknown rule selectors, bad globs.
pub fn load_text(path: &Path, text: String) -> Result<Loaded, Vec<ConfigError>> {
    let name = path.display().to_string();
    let file = SourceFile::new(name, text);
    let parsed = parse_text(&file.text);
    if !parsed.problems.is_empty() {
        return Err(parsed
            .problems
            .iter()
            .map(|p| {
                error_at(
                    &file,
                    p.span,
                    format!("the configuration is not valid YAML: {}", p.message),
                )
            })
            .collect());
    }
    let root = parsed.documents.iter().find_map(|d| d.root.clone());
    let Some(root) = root else {
        return Ok(Loaded {
            config: ConfigFile::default(),
            dir: dir_of(path),
            resolved: Default::default(),
        });
    };
    let Some(entries) = root.as_map() else {
        return Err(vec![error_at(
            &file,
            root.span,
            "the configuration must be a mapping of keys (`fail-on: warning`, …)".into(),
        )]);
    };
    let schema = json_schema();
    let mut errors = Vec::new();
    check_keys(&root, &schema, &schema, &file, &mut errors);
    // Each top-level key on its own, so that one wrong value does not hide the next.
    let known: HashSet<&str> = schema
        .get("properties")
        .and_then(|p| p.as_object())
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let mut good = serde_json::Map::new();
    for e in entries {
        let Some(key) = e.key_str().filter(|k| known.contains(k)) else {
            continue;
        };
        let one = serde_json::json!({ key: e.value.to_json() });
        match serde_path_to_error::deserialize::<_, ConfigFile>(&one) {
            Ok(_) => {
                good.insert(key.to_string(), e.value.to_json());
            }
            Err(err) => errors.push(value_error(&file, &root, &err)),
        }
    }
    // The keys that are right, read together, for the checks below.
    let mut config: ConfigFile = serde_path_to_error::deserialize(&serde_json::Value::Object(good))
        .map_err(|e| vec![value_error(&file, &root, &e)])?;
    // Selectors must name real rules.
    let mut check_selector = |sel: &str, at: &[&str]| {
        if resolve_selector(sel).is_none() {
            let span = root.get_path(at).map_or(root.span, |n| {
                n.as_seq()
                    .and_then(|items| items.iter().find(|i| i.as_str() == Some(sel)))
                    .or_else(|| n.entry(sel).map(|e| &e.key))
                    .map_or(n.span, |x| x.span)
            });
            let mut err = error_at(&file, span, unknown_selector(sel));
            err.suggestion = selector_suggestion(sel).map(str::to_string);
            errors.push(err);
        }
    };
    for (list, key) in [
        (&config.disable, "disable"),
        (&config.enable, "enable"),
        (&config.ignore, "ignore"),
        (&config.extend_select, "extend-select"),
    ] {
        for s in list {
            check_selector(s, &[key]);
        }
    }
    for s in config.select.iter().flatten() {
        check_selector(s, &["select"]);
    }
    for s in config.severity.keys() {
        check_selector(s, &["severity"]);
    }
    for (glob, sels) in &config.per_path_ignores {
        for s in sels {
            check_selector(s, &["per-path-ignores", glob]);
        }
    }
    if let Some(node) = root.get("argo-version") {
        // Unquoted, `3.6` is a number to YAML; its text is the release. `3.10` is the number
        // 3.1 to every other YAML reader, so it must be quoted.
        if let Some(sc) = node
            .as_scalar()
            .filter(|sc| sc.is_plain() && sc.value.parse::<f64>().is_ok())
        {
            let text = &*sc.value;
            let minor = text.split_once('.').map_or("", |(_, m)| m);
            if minor.len() > 1 && minor.ends_with('0') {
                errors.push(error_at(
                    &file,
                    node.span,
                    format!(
                        "unquoted, `{text}` is the number {} to YAML, not release {text}; \
                         write it in quotes: `argo-version: \"{text}\"`",
                        text.parse::<f64>()
                            .map_or(text.to_string(), |f| f.to_string())
                    ),
                ));
                config.argo_version = None;
            } else {
                config.argo_version = Some(text.to_string());
            }
        }
    }
    if let Some(v) = &config.argo_version
        && let Err(e) = v.parse::<ArgoVersion>()
    {
        let span = root.get("argo-version").map_or(root.span, |n| n.span);
        errors.push(error_at(&file, span, format!("`argo-version`: {e}")));
    }
    for (glob, at) in config
        .per_path_ignores
        .keys()
        .map(|g| (g, "per-path-ignores"))
        .chain(config.exclude.iter().map(|g| (g, "exclude")))
    {
        if let Err(e) = Glob::new(glob) {
            let span = root.get(at).map_or(root.span, |n| {
                n.as_seq()
                    .and_then(|items| items.iter().find(|i| i.as_str() == Some(glob)))
                    .or_else(|| n.entry(glob).map(|e| &e.key))
                    .map_or(n.span, |x| x.span)
            });
            errors.push(error_at(
                &file,
                span,
                format!("`{at}`: `{glob}` is not a valid glob: {}", e.kind()),
            ));
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| (e.line, e.column));
        return Err(errors);
    }
    Ok(Loaded {
        config,
        dir: dir_of(path),
        resolved: Default::default(),
    })
}

/// A wrong value, at its place, in argolint's words rather than serde's.
fn value_error(
    file: &SourceFile,
    root: &Node,
    e: &serde_path_to_error::Error<serde_json::Error>,
) -> ConfigError {
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
    let serde = e.inner().to_string();
    let message = reword(&serde);
    let mut err = error_at(file, span, format!("`{}`: {message}", e.path()));
    err.suggestion = unknown_variant(&serde).and_then(|(_, _, s)| s);
    err
}

/// Puts serde's messages ("invalid type: string \"x\", expected usize") in plain words.
pub(crate) fn reword(serde: &str) -> String {
    // serde_json appends " at line L column C" for its own input; ours is a value.
    let msg = match serde.rfind(" at line ") {
        Some(i) => &serde[..i],
        None => serde,
    };
    let expected = |e: &str| -> String {
        match e.trim() {
            "usize" | "u64" | "u32" | "a non-negative integer" => "a whole number".into(),
            "a boolean" | "bool" => "true or false".into(),
            "a sequence" => "a list".into(),
            "a map" | "struct ConfigFile" => "a mapping".into(),
            "a string" => "text".into(),
            other => other.replace("struct ", "a mapping ("),
        }
    };
    let found = |f: &str| -> String {
        let f = f.trim();
        if let Some(v) = f.strip_prefix("string ") {
            format!("the text {v}")
        } else if let Some(v) = f
            .strip_prefix("integer ")
            .or_else(|| f.strip_prefix("floating point "))
        {
            format!("the number {}", v.trim_matches('`'))
        } else if let Some(v) = f.strip_prefix("boolean ") {
            v.trim_matches('`').to_string()
        } else {
            match f {
                "map" => "a mapping".into(),
                "sequence" => "a list".into(),
                "unit value" | "null" => "nothing (null)".into(),
                other => other.into(),
            }
        }
    };
    if let Some(rest) = msg.strip_prefix("invalid type: ")
        && let Some((f, e)) = rest.split_once(", expected ")
    {
        return format!("expected {}, found {}", expected(e), found(f));
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ")
        && let Some((f, e)) = rest.split_once(", expected ")
    {
        return format!("expected {}, found {}", expected(e), found(f));
    }
    if let Some((v, choices, suggestion)) = unknown_variant(msg) {
        let hint = suggestion
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        let v = if v.is_empty() { "(empty)" } else { v };
        return format!("`{v}` is not a choice{hint}; use {}", choices.join(", "));
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        return format!("wrong number of items: {rest}");
    }
    msg.to_string()
}

fn dir_of(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    abs.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// serde's "unknown variant `x`, expected one of `a`, `b`": the value, the choices, and the
/// nearest choice.
fn unknown_variant(serde: &str) -> Option<(&str, Vec<&str>, Option<String>)> {
    let msg = serde.split(" at line ").next().unwrap_or(serde);
    let rest = msg.strip_prefix("unknown variant ")?;
    let (v, e) = rest.split_once(", expected ")?;
    let v = v.trim_matches('`');
    let choices: Vec<&str> = e
        .trim_start_matches("one of ")
        .split([',', ' '])
        .map(|c| c.trim().trim_matches('`'))
        .filter(|c| !c.is_empty() && *c != "or")
        .collect();
    let suggestion = crate::suggest::did_you_mean(v, &choices).map(str::to_string);
    Some((v, choices, suggestion))
}

/// The rule name or category nearest to a selector that names none.
fn selector_suggestion(sel: &str) -> Option<&'static str> {
    let mut names: Vec<&'static str> = rules::all().iter().map(|m| m.name).collect();
    names.extend(rules::CATEGORIES.iter().map(|c| c.as_str()));
    crate::suggest::did_you_mean(sel, &names)
}

/// The message for a selector that names no rule, with "did you mean".
pub fn unknown_selector(sel: &str) -> String {
    let hint = selector_suggestion(sel)
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    format!("`{sel}` is not a rule name, code, code prefix or category{hint}")
}

/// The rules a selector names: a rule name, a code, a category, or `all`.
pub fn resolve_selector(sel: &str) -> Option<Vec<&'static RuleMeta>> {
    if sel == "all" {
        return Some(rules::all());
    }
    if let Some(m) = rules::find(sel) {
        return Some(vec![m]);
    }
    // A code prefix: `AL4` is every AL4xx rule.
    if sel.len() > 2
        && sel[..2].eq_ignore_ascii_case("AL")
        && sel[2..].chars().all(|c| c.is_ascii_digit())
    {
        let prefixed: Vec<_> = rules::all()
            .into_iter()
            .filter(|m| m.code.starts_with(&sel.to_ascii_uppercase()))
            .collect();
        return (!prefixed.is_empty()).then_some(prefixed);
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
    /// `--select`, `--extend-select`, `--ignore`: a selection over the configuration's.
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    /// `--min-severity`.
    pub min_severity: Option<Severity>,
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
        s.rules.disabled = disabled_codes(
            &HashSet::new(),
            Layer {
                select: c.select.as_deref(),
                extend_select: &c.extend_select,
                ignore: &c.ignore,
                disable: &c.disable,
                enable: &c.enable,
            },
        );
        s.rules.min_severity = c.min_severity;
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

/// One layer of rule selection (the configuration's, then the command line's).
struct Layer<'a> {
    select: Option<&'a [String]>,
    extend_select: &'a [String],
    ignore: &'a [String],
    /// The configuration's older names: `disable` is `ignore`; `enable` turns rules back on
    /// after every removal (so `disable: [all]` with `enable: [x]` runs only x).
    disable: &'a [String],
    enable: &'a [String],
}

/// The rules that do not run after a layer: `select` (when given) replaces the rules that
/// ran before it, `extend-select` adds to them, `ignore` removes.
fn disabled_codes(before: &HashSet<&'static str>, layer: Layer<'_>) -> HashSet<&'static str> {
    let all: HashSet<&'static str> = rules::all().iter().map(|m| m.code).collect();
    let mut on: HashSet<&'static str> = match layer.select {
        Some(sel) => codes(sel),
        None => all.difference(before).copied().collect(),
    };
    on.extend(codes(layer.extend_select));
    for code in codes(layer.ignore).into_iter().chain(codes(layer.disable)) {
        on.remove(code);
    }
    on.extend(codes(layer.enable));
    all.difference(&on).copied().collect()
}

/// Puts the command line's values over `s`.
pub(crate) fn apply(s: &mut Settings, o: &Overrides) {
    if o.select.is_some() || !o.extend_select.is_empty() || !o.ignore.is_empty() {
        s.rules.disabled = disabled_codes(
            &s.rules.disabled,
            Layer {
                select: o.select.as_deref(),
                extend_select: &o.extend_select,
                ignore: &o.ignore,
                disable: &[],
                enable: &[],
            },
        );
    }
    if let Some(m) = o.min_severity {
        s.rules.min_severity = Some(m);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_carries_the_suggested_word() {
        let text = "disabel: [run-as-root]\nfail-on: warnin\nenable: [run-as-rot]\n";
        let errs = load_text(Path::new(".argolint.yaml"), text.into()).unwrap_err();
        let got: Vec<(usize, usize, Option<&str>)> = errs
            .iter()
            .map(|e| (e.line, e.column, e.suggestion.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (1, 1, Some("disable")),
                (2, 10, Some("warning")),
                (3, 10, Some("run-as-root")),
            ],
            "{errs:?}"
        );
    }
}
