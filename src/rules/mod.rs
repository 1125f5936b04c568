//! Rules: one file per rule, each with its metadata and its documentation next to its code.
//!
//! To add a rule: write `src/rules/<category>/<rule_name>.rs` with a `pub static META` and a
//! `pub fn check(cx: &mut Context)` that reports `cx.diag(span, message)` findings, list it
//! with `rule!` in [`RULES`] below, add fixtures under `testdata/rules/<rule-name>/`
//! (`bad.yaml`, `good.yaml`) and run the tests (see ARCHITECTURE.md, "Adding a rule").

pub mod docs;
pub(crate) mod helpers;
pub mod reliability;
pub mod resources;
pub mod scale;
pub mod schema;
pub mod security;
pub mod source;
pub mod validation;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Manifest, WorkflowSpec};
use crate::settings::Settings;
use crate::source::{Document, SourceFile, Span};
use crate::workspace::Workspace;

pub use crate::rule::{CATEGORIES, Category, RuleMeta};

/// What a rule sees: one Argo document of one file. It knows the rule it runs, and stamps
/// that rule's identity on what it reports.
pub struct Context<'a> {
    /// The rule being run.
    pub rule: &'static RuleMeta,
    pub file: &'a SourceFile,
    pub document: &'a Document,
    pub manifest: Manifest<'a>,
    pub settings: &'a Settings,
    /// Every template definition of the run, for cross-file references.
    pub workspace: &'a Workspace<'a>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub fn new(
        rule: &'static RuleMeta,
        file: &'a SourceFile,
        document: &'a Document,
        manifest: Manifest<'a>,
        settings: &'a Settings,
        workspace: &'a Workspace<'a>,
    ) -> Self {
        Context {
            rule,
            file,
            document,
            manifest,
            settings,
            workspace,
            diagnostics: Vec::new(),
        }
    }

    /// The document's workflow spec: `spec`, or a CronWorkflow's `spec.workflowSpec` (see
    /// [`Manifest::workflow_spec`]; `Manifest::spec` is the raw `spec` node).
    pub fn workflow_spec(&self) -> Option<WorkflowSpec<'a>> {
        self.manifest.workflow_spec()
    }

    /// A finding of this rule at `span` (code, default severity and documentation URL come
    /// from the rule), to refine with `with_help`, `with_fix`, … and [`Context::report`].
    pub fn diag(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.rule, span, message)
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Runs `f`, then caps the severity of what it reported at `max` (for findings about
    /// places Argo does not check, where a rule's usual error is only a warning).
    pub fn capped(&mut self, max: Severity, f: impl FnOnce(&mut Self)) {
        let before = self.diagnostics.len();
        f(self);
        for d in &mut self.diagnostics[before..] {
            if d.severity > max {
                d.severity = max;
            }
        }
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// A rule that runs on each Argo document: its identity and its check. A rule file holds
/// `pub static META` and `pub fn check(cx: &mut Context)`; [`RULES`] lists it with `rule!`.
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: fn(&mut Context<'_>),
}

impl Rule {
    pub fn meta(&self) -> &'static RuleMeta {
        self.meta
    }
}

/// `rule!(category::rule_name)`: the registry entry of the rule in that module.
macro_rules! rule {
    ($($path:ident)::+) => {
        Rule {
            meta: &$($path)::+::META,
            check: $($path)::+::check,
        }
    };
}

/// Rules that run on each Argo document.
pub static RULES: &[Rule] = &[
    rule!(schema::removed_field),
    rule!(schema::deprecated_field),
    rule!(reliability::retry_max_duration_overrides_deadline),
    rule!(reliability::oversized_parameter),
    rule!(resources::missing_resource_requests),
    rule!(resources::missing_memory_limit),
    rule!(resources::container_lifecycle_hook),
    // Semantic validation (AL3xx).
    rule!(validation::undefined_template),
    rule!(validation::missing_entrypoint),
    rule!(validation::unresolved_template_ref),
    rule!(validation::missing_required_input),
    rule!(validation::unknown_argument),
    rule!(validation::undefined_variable),
    rule!(validation::invalid_template_call),
    rule!(validation::invalid_name),
    rule!(validation::duplicate_name),
    rule!(validation::dag_cycle),
    rule!(validation::invalid_dag_dependency),
    rule!(validation::missing_dag_dependency),
    rule!(validation::invalid_template_type),
    rule!(validation::missing_image),
    rule!(validation::misplaced_template_field),
    rule!(validation::invalid_output_parameter),
    rule!(validation::invalid_artifact),
    rule!(validation::invalid_resource_template),
    rule!(validation::invalid_container_set),
    rule!(validation::invalid_cron_workflow),
    rule!(validation::name_too_long),
    rule!(validation::invalid_loop),
    rule!(validation::invalid_hook),
    rule!(validation::invalid_argument),
    rule!(validation::invalid_pod_gc),
    rule!(validation::invalid_pod_resources),
    rule!(validation::invalid_metric),
    rule!(validation::steps_not_nested),
    rule!(validation::unclosed_template_tag),
    rule!(validation::crd_limit),
    rule!(validation::invalid_executor_plugin),
    rule!(validation::invalid_metadata),
    rule!(validation::invalid_pod),
    rule!(validation::invalid_copied_metadata),
    rule!(reliability::unbounded_retries),
    rule!(reliability::retry_backoff_exceeds_budget),
    rule!(reliability::retry_backoff_missing_duration),
    rule!(reliability::invalid_duration),
    rule!(reliability::missing_workflow_deadline),
    rule!(reliability::unguarded_recursion),
    rule!(reliability::invalid_when_expression),
    rule!(reliability::spot_without_eviction_retry),
    rule!(scale::unbounded_fan_out),
    rule!(scale::workflow_too_many_nodes),
    rule!(scale::missing_pod_gc),
    rule!(scale::missing_ttl_strategy),
    rule!(scale::chain_of_tiny_steps),
    rule!(resources::request_exceeds_limit),
    rule!(resources::daemon_without_readiness_probe),
    rule!(resources::invalid_pod_spec_patch),
    rule!(resources::image_not_pinned),
    rule!(resources::unbounded_memory_volume),
    rule!(security::default_service_account),
    rule!(security::run_as_root),
    rule!(security::privileged_container),
    rule!(security::privilege_escalation),
    rule!(security::host_namespace),
    rule!(security::host_path_volume),
    rule!(security::dangerous_capability),
    rule!(security::secret_in_plain_text),
];

/// Every rule argolint can report, including those the source layer reports while parsing.
pub fn all() -> Vec<&'static RuleMeta> {
    let mut all: Vec<&'static RuleMeta> = source::METAS.to_vec();
    all.extend(schema::METAS.iter().copied());
    all.extend(RULES.iter().map(|r| r.meta()));
    all.sort_by_key(|m| m.code);
    all
}

/// Finds a rule by name or code (case-insensitive for codes).
pub fn find(name_or_code: &str) -> Option<&'static RuleMeta> {
    all()
        .into_iter()
        .find(|m| m.name == name_or_code || m.code.eq_ignore_ascii_case(name_or_code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_and_codes_are_unique_and_well_formed() {
        let mut names = HashSet::new();
        let mut codes = HashSet::new();
        for m in all() {
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            assert!(codes.insert(m.code), "duplicate code {}", m.code);
            assert!(
                m.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{} is not kebab-case",
                m.name
            );
            assert!(m.code.starts_with("AL") && m.code.len() == 5, "{}", m.code);
        }
    }

    #[test]
    fn every_rule_documents_what_why_example_and_fix() {
        for m in all() {
            for section in [
                "## What it does",
                "## Why is this bad",
                "## Example",
                "## How to fix",
            ] {
                assert!(m.docs.contains(section), "{} lacks `{section}`", m.name);
            }
        }
    }
}
