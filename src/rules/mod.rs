//! Rules: one file per rule, each with its metadata and its documentation next to its code.
//!
//! To add a rule: write `src/rules/<category>/<rule_name>.rs` with a `pub static META` and a
//! type implementing [`Rule`], list it in [`RULES`] below, add fixtures under
//! `testdata/rules/<rule-name>/` (`bad.yaml`, `good.yaml`) and run the snapshot tests.

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
use crate::source::{Document, SourceFile};
use crate::workspace::Workspace;

pub use crate::rule::{CATEGORIES, Category, RuleMeta};

/// What a rule sees: one Argo document of one file.
pub struct Context<'a> {
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
        file: &'a SourceFile,
        document: &'a Document,
        manifest: Manifest<'a>,
        settings: &'a Settings,
        workspace: &'a Workspace<'a>,
    ) -> Self {
        Context {
            file,
            document,
            manifest,
            settings,
            workspace,
            diagnostics: Vec::new(),
        }
    }

    pub fn spec(&self) -> Option<WorkflowSpec<'a>> {
        self.manifest.workflow_spec()
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

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &mut Context<'_>);
}

/// Rules that run on each Argo document.
pub static RULES: &[&dyn Rule] = &[
    &schema::removed_field::RemovedField,
    &schema::deprecated_field::DeprecatedField,
    &reliability::retry_max_duration_overrides_deadline::RetryMaxDurationOverridesDeadline,
    &reliability::oversized_parameter::OversizedParameter,
    &resources::missing_resource_requests::MissingResourceRequests,
    &resources::missing_memory_limit::MissingMemoryLimit,
    &resources::container_lifecycle_hook::ContainerLifecycleHook,
    // Semantic validation (AL3xx).
    &validation::undefined_template::UndefinedTemplate,
    &validation::missing_entrypoint::MissingEntrypoint,
    &validation::unresolved_template_ref::UnresolvedTemplateRef,
    &validation::missing_required_input::MissingRequiredInput,
    &validation::unknown_argument::UnknownArgument,
    &validation::undefined_variable::UndefinedVariable,
    &validation::invalid_template_call::InvalidTemplateCall,
    &validation::invalid_name::InvalidName,
    &validation::duplicate_name::DuplicateName,
    &validation::dag_cycle::DagCycle,
    &validation::invalid_dag_dependency::InvalidDagDependency,
    &validation::missing_dag_dependency::MissingDagDependency,
    &validation::invalid_template_type::InvalidTemplateType,
    &validation::missing_image::MissingImage,
    &validation::misplaced_template_field::MisplacedTemplateField,
    &validation::invalid_output_parameter::InvalidOutputParameter,
    &validation::invalid_artifact::InvalidArtifact,
    &validation::invalid_resource_template::InvalidResourceTemplate,
    &validation::invalid_container_set::InvalidContainerSet,
    &validation::invalid_cron_workflow::InvalidCronWorkflow,
    &validation::name_too_long::NameTooLong,
    &validation::invalid_loop::InvalidLoop,
    &validation::invalid_hook::InvalidHook,
    &validation::invalid_argument::InvalidArgument,
    &validation::invalid_pod_gc::InvalidPodGc,
    &validation::invalid_pod_resources::InvalidPodResources,
    &validation::invalid_metric::InvalidMetric,
    &validation::steps_not_nested::StepsNotNested,
    &validation::unclosed_template_tag::UnclosedTemplateTag,
    &validation::crd_limit::CrdLimit,
    &validation::invalid_executor_plugin::InvalidExecutorPlugin,
    &reliability::unbounded_retries::UnboundedRetries,
    &reliability::retry_backoff_exceeds_budget::RetryBackoffExceedsBudget,
    &reliability::retry_backoff_missing_duration::RetryBackoffMissingDuration,
    &reliability::invalid_duration::InvalidDuration,
    &reliability::missing_workflow_deadline::MissingWorkflowDeadline,
    &reliability::unguarded_recursion::UnguardedRecursion,
    &reliability::invalid_when_expression::InvalidWhenExpression,
    &scale::unbounded_fan_out::UnboundedFanOut,
    &scale::workflow_too_many_nodes::WorkflowTooManyNodes,
    &scale::missing_pod_gc::MissingPodGc,
    &scale::missing_ttl_strategy::MissingTtlStrategy,
    &resources::request_exceeds_limit::RequestExceedsLimit,
    &resources::daemon_without_readiness_probe::DaemonWithoutReadinessProbe,
    &resources::invalid_pod_spec_patch::InvalidPodSpecPatch,
    &resources::image_not_pinned::ImageNotPinned,
    &security::default_service_account::DefaultServiceAccount,
    &security::run_as_root::RunAsRoot,
    &security::privileged_container::PrivilegedContainer,
    &security::privilege_escalation::PrivilegeEscalation,
    &security::host_namespace::HostNamespace,
    &security::host_path_volume::HostPathVolume,
    &security::dangerous_capability::DangerousCapability,
    &security::secret_in_plain_text::SecretInPlainText,
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
