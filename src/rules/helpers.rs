//! Small helpers shared by the risk rules (reliability, scale, resources, security).

use crate::model::{Kind, Template, WorkflowSpec};
use crate::rules::Context;
use crate::source::{Node, Span};

/// A value with an Argo template expression (`{{...}}`): unknown until run time.
pub(crate) fn templated(s: &str) -> bool {
    s.contains("{{")
}

/// The span of `key` itself in a mapping.
pub(crate) fn key_span(node: &Node, key: &str) -> Option<Span> {
    node.entry(key).map(|e| e.key.span)
}

/// "template `x`".
pub(crate) fn template_label(t: &Template<'_>) -> String {
    format!("template `{}`", t.name().unwrap_or("(unnamed)"))
}

/// What a workflow-level field resolves to.
pub(crate) enum Lookup<'a> {
    /// Set in this document, or in the WorkflowTemplate it references.
    Found(&'a Node),
    /// Set nowhere we can see.
    Missing,
    /// The document references a WorkflowTemplate that is not among the linted files.
    Unknown,
}

/// Whether the document is submitted as a workflow of its own: a Workflow or CronWorkflow,
/// or a (Cluster)WorkflowTemplate with an `entrypoint` (a library of templates is not).
pub(crate) fn is_runnable(cx: &Context<'_>) -> bool {
    match cx.manifest.kind {
        Kind::Workflow | Kind::CronWorkflow => true,
        Kind::WorkflowTemplate | Kind::ClusterWorkflowTemplate => cx
            .workflow_spec()
            .and_then(|s| s.get("entrypoint"))
            .is_some(),
    }
}

/// The spec of the WorkflowTemplate referenced by `spec.workflowTemplateRef`:
/// `None` when there is no reference, `Some(None)` when it is not among the linted files.
pub(crate) fn referenced_spec<'a>(cx: &Context<'a>) -> Option<Option<WorkflowSpec<'a>>> {
    let r = crate::workspace::TemplateRef::of(cx.workflow_spec()?.get("workflowTemplateRef")?);
    match cx.workspace.resolve_ref(&r, &cx.manifest) {
        crate::workspace::Resolution::Found(def) => Some(def.manifest.workflow_spec()),
        _ => Some(None),
    }
}

/// A workflow-level field (`spec.<key>`), following `workflowTemplateRef`.
pub(crate) fn workflow_field<'a>(cx: &Context<'a>, key: &str) -> Lookup<'a> {
    let Some(spec) = cx.workflow_spec() else {
        return Lookup::Unknown;
    };
    if let Some(n) = spec.get(key) {
        return Lookup::Found(n);
    }
    match referenced_spec(cx) {
        None => Lookup::Missing,
        Some(None) => Lookup::Unknown,
        Some(Some(r)) => r.get(key).map_or(Lookup::Missing, Lookup::Found),
    }
}

/// Where to point for a finding about the workflow as a whole: the `spec` key (or
/// `workflowSpec` of a CronWorkflow).
pub(crate) fn spec_anchor(cx: &Context<'_>) -> Span {
    let root = cx.manifest.root;
    let spec_key = key_span(root, "spec");
    if cx.manifest.kind == Kind::CronWorkflow
        && let Some(s) = root.get("spec").and_then(|s| key_span(s, "workflowSpec"))
    {
        return s;
    }
    spec_key.unwrap_or(root.span)
}

/// A scalar that is literally `true` (YAML `true`, or the string "true").
pub(crate) fn is_true(node: Option<&Node>) -> bool {
    node.and_then(Node::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("true"))
}

/// A small integer written literally (`5` or `"5"`), not templated.
pub(crate) fn literal_u64(node: &Node) -> Option<u64> {
    let s = node.as_str()?.trim();
    s.parse().ok()
}

/// Parses a `podSpecPatch` value (JSON or YAML text) into a tree: `None` when it does not
/// parse as one mapping.
pub(crate) fn parse_patch(text: &str) -> Option<Node> {
    let parsed = crate::source::parse_text(text);
    if !parsed.problems.is_empty() || parsed.documents.len() != 1 {
        return None;
    }
    let root = parsed.documents.into_iter().next()?.root?;
    root.as_map().is_some().then_some(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patches_parse_as_json_or_yaml_mappings() {
        assert!(parse_patch(r#"{"containers":[{"name":"main"}]}"#).is_some());
        assert!(parse_patch("containers:\n  - name: main\n").is_some());
        assert!(parse_patch(r#"{"containers": [}"#).is_none());
        assert!(parse_patch("- a\n- b\n").is_none());
    }
}
