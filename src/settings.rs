//! Settings a lint run uses for one file: the target Argo version, which rules run and at
//! what severity, rule thresholds. Defaults, then the nearest `.argolint.yaml`, then
//! command-line flags.

use std::collections::{HashMap, HashSet};

use globset::GlobSet;

use crate::api::ArgoVersion;
use crate::diagnostic::Severity;
use crate::rule::RuleMeta;
use crate::source::Node;

/// A schema given with `--schema`, which documents are validated against instead of
/// argolint's own model (`validate::SchemaValidator` is the one there is). A trait here so
/// that settings, which every rule reads, do not depend on validation, which sits above the
/// rules.
pub trait ExternalSchema: Send + Sync + std::fmt::Debug {
    /// The schema's findings on one document.
    fn check(&self, root: &Node) -> Vec<crate::diagnostic::Diagnostic>;
}

#[derive(Clone, Debug)]
pub struct Settings {
    /// The Argo Workflows release the manifests will run on.
    pub argo_version: ArgoVersion,
    /// Which CRDs the cluster has installed: `None` for the target release's default
    /// (see [`Settings::full_crds`]).
    pub crds: Option<Crds>,
    /// `oversized-parameter` warns above this many bytes.
    pub parameter_warn_bytes: usize,
    /// Files larger than this are not parsed.
    pub max_file_bytes: u64,
    /// Which rules run, and their severities.
    pub rules: RulePolicy,
    /// A schema given with `--schema`; `None`: argolint's own schema for `argo_version`.
    pub schema: Option<std::sync::Arc<dyn ExternalSchema>>,
    /// How to report `templateRef`s and `workflowTemplateRef`s to templates that are not
    /// among the linted files (they may live in the cluster).
    pub external_refs: ExternalRefs,
    /// `unbounded-fan-out` flags a literal fan-out (`withItems`, `withSequence`) above this
    /// many items when no `parallelism` bounds it.
    pub fan_out_items_threshold: usize,
    /// `workflow-too-many-nodes` warns above this many nodes.
    pub max_nodes_threshold: u64,
    /// The controller's `workflowDefaults` already set `podGC` and `ttlStrategy`: silences
    /// `missing-pod-gc` and `missing-ttl-strategy`.
    pub controller_sets_gc_defaults: bool,
    /// `chain-of-tiny-steps` reports this many trivially short pods in a row.
    pub tiny_steps_threshold: usize,
}

/// `--crds` / `crds:`: which CustomResourceDefinitions of Argo the cluster runs with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Crds {
    /// The minimal CRDs (`spec` unchecked by the API server): the default of v3.4–v3.7.
    Minimal,
    /// The full CRDs (the API server validates `spec`): the default from v4.0.
    Full,
}

impl std::str::FromStr for Crds {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "minimal" => Ok(Crds::Minimal),
            "full" => Ok(Crds::Full),
            _ => Err(format!("`{s}` is not a choice; use full or minimal")),
        }
    }
}

impl Settings {
    /// Whether the Kubernetes API server validates `spec` against the full CRDs: as the user
    /// declared, or as the target release installs by default.
    pub fn full_crds(&self) -> bool {
        match self.crds {
            Some(c) => c == Crds::Full,
            None => self.argo_version.installs_full_crds(),
        }
    }
}

/// `--external-refs`: what a reference to a template outside the linted files is worth.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExternalRefs {
    /// Say nothing: the templates live in the cluster.
    Ignore,
    /// A warning per reference (the default).
    #[default]
    Warn,
    /// An error per reference: every template must be among the files.
    Error,
}

impl ExternalRefs {
    /// The severity of an unresolved-reference finding, or `None` to drop it.
    pub fn severity(self) -> Option<Severity> {
        match self {
            ExternalRefs::Ignore => None,
            ExternalRefs::Warn => Some(Severity::Warning),
            ExternalRefs::Error => Some(Severity::Error),
        }
    }
}

impl std::str::FromStr for ExternalRefs {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "ignore" => Ok(ExternalRefs::Ignore),
            "warn" | "warning" => Ok(ExternalRefs::Warn),
            "error" => Ok(ExternalRefs::Error),
            _ => Err(format!("`{s}` is not a choice; use ignore, warn or error")),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            argo_version: ArgoVersion::LATEST,
            crds: None,
            parameter_warn_bytes: 64 * 1024,
            max_file_bytes: 20 * 1024 * 1024,
            rules: RulePolicy::default(),
            schema: None,
            external_refs: ExternalRefs::Warn,
            fan_out_items_threshold: 100,
            max_nodes_threshold: 5000,
            controller_sets_gc_defaults: false,
            tiny_steps_threshold: 3,
        }
    }
}

/// Rule selection: disabled rules, severity overrides, and rules ignored for some paths.
#[derive(Clone, Debug, Default)]
pub struct RulePolicy {
    /// Codes of rules that do not run.
    pub disabled: HashSet<&'static str>,
    /// Severity by rule code, in place of the rule's default.
    pub severity: HashMap<&'static str, Severity>,
    /// Globs (relative to the configuration file's folder) and the rule codes they ignore.
    pub per_path: Vec<(GlobSet, HashSet<&'static str>)>,
    /// The folder per-path globs are relative to.
    pub root: Option<std::path::PathBuf>,
    /// Findings below this severity (after overrides) are dropped (`--min-severity`).
    pub min_severity: Option<Severity>,
}

impl RulePolicy {
    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        !self.disabled.contains(rule.code)
    }

    /// Whether a finding of this severity (after overrides) is kept.
    pub fn shows(&self, severity: Severity) -> bool {
        self.min_severity.is_none_or(|m| severity >= m)
    }

    pub fn severity_of(&self, rule: &RuleMeta) -> Severity {
        self.severity
            .get(rule.code)
            .copied()
            .unwrap_or(rule.severity)
    }

    /// Codes ignored for the file at `path` by per-path ignores.
    pub fn ignored_for(&self, path: &std::path::Path) -> HashSet<&'static str> {
        let mut out = HashSet::new();
        if self.per_path.is_empty() {
            return out;
        }
        let rel = match &self.root {
            Some(root) => {
                let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
                abs.strip_prefix(root)
                    .map(|p| p.to_path_buf())
                    .unwrap_or(abs)
            }
            None => path.to_path_buf(),
        };
        for (globs, codes) in &self.per_path {
            if globs.is_match(&rel) {
                out.extend(codes.iter().copied());
            }
        }
        out
    }
}
