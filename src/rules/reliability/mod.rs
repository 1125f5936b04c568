//! Failure modes that bite at run time: retries, deadlines, sizes.

pub mod invalid_duration;
pub mod invalid_when_expression;
pub mod missing_workflow_deadline;
pub mod oversized_parameter;
pub mod retry_backoff_exceeds_budget;
pub mod retry_backoff_missing_duration;
pub mod retry_max_duration_overrides_deadline;
pub mod spot_without_eviction_retry;
pub mod unbounded_retries;
pub mod unguarded_recursion;

use crate::model::{Template, WorkflowSpec};
use crate::source::Entry;

/// A `retryStrategy` as written: on the workflow, in `templateDefaults`, or on a template.
pub(crate) struct RetrySite<'a> {
    pub entry: &'a Entry,
    /// "the `retryStrategy` of template `x`", "the workflow's `spec.retryStrategy`", …
    pub owner: String,
    pub template: Option<Template<'a>>,
}

/// Every `retryStrategy` of a workflow spec that is a mapping.
pub(crate) fn retry_sites<'a>(spec: &WorkflowSpec<'a>) -> Vec<RetrySite<'a>> {
    let mut out = Vec::new();
    let mut push = |node: &'a crate::source::Node, owner: String, template| {
        if let Some(entry) = node
            .entry("retryStrategy")
            .filter(|e| e.value.as_map().is_some())
        {
            out.push(RetrySite {
                entry,
                owner,
                template,
            });
        }
    };
    push(
        spec.node,
        "the workflow's `spec.retryStrategy`".into(),
        None,
    );
    if let Some(d) = spec.template_defaults() {
        push(d.node, "`spec.templateDefaults.retryStrategy`".into(), None);
    }
    for t in spec.templates() {
        push(
            t.node,
            format!(
                "the `retryStrategy` of template `{}`",
                t.name().unwrap_or("(unnamed)")
            ),
            Some(t),
        );
    }
    out
}

/// A `retryStrategy` that never retries: `limit: 0`, or an `expression` that is the constant
/// `false` (the controller evaluates `expression` before every retry and stops when it is
/// false).
pub(crate) fn never_retries(retry: &crate::source::Node) -> bool {
    if retry
        .get("limit")
        .and_then(crate::rules::helpers::literal_u64)
        == Some(0)
    {
        return true;
    }
    retry
        .get("expression")
        .and_then(crate::source::Node::as_str)
        .is_some_and(|e| {
            let e = e.trim();
            let e = e
                .strip_prefix('(')
                .and_then(|e| e.strip_suffix(')'))
                .map_or(e, str::trim);
            e == "false" || e == "!true"
        })
}
