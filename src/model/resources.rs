//! Where a container's cpu/memory requests and limits can come from in Argo: the container
//! itself, `spec.templateDefaults`, a `podSpecPatch` (template or workflow), or pod-level
//! `podResources` (v4.1+).

use crate::api::ArgoVersion;
use crate::source::{Node, parse_text};

use super::{Container, ContainerRole, Template, WorkflowSpec};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Requests,
    Limits,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Section::Requests => "requests",
            Section::Limits => "limits",
        }
    }
}

fn has(resources: Option<&Node>, section: Section, resource: &str) -> bool {
    resources
        .and_then(|r| r.get(section.key()))
        .and_then(|s| s.get(resource))
        .is_some()
}

/// Does this `resources` block set `resource`? A request falls back to the limit in
/// Kubernetes, so a limit counts as a request too.
pub fn resources_set(resources: Option<&Node>, section: Section, resource: &str) -> bool {
    has(resources, section, resource)
        || (section == Section::Requests && has(resources, Section::Limits, resource))
}

/// What a `podSpecPatch` string says about one container's resources.
fn patch_sets(patch: &Node, c: &Container<'_>, section: Section, resource: &str) -> bool {
    let Some(text) = patch.as_str() else {
        return false;
    };
    let list = match c.role {
        ContainerRole::Init => "initContainers",
        _ => "containers",
    };
    let parsed = parse_text(text);
    let root = parsed.documents.first().and_then(|d| d.root.as_ref());
    match root {
        Some(root) if parsed.problems.is_empty() => root.seq(list).iter().any(|pc| {
            pc.get("name").and_then(Node::as_str) == c.pod_name()
                && resources_set(pc.get("resources"), section, resource)
        }),
        // A patch we cannot read (templated, say) may set anything: assume it does when it
        // mentions resources, so as not to raise a false alarm.
        _ => text.contains("resources"),
    }
}

/// Whether `resource` (`cpu` or `memory`) is set for a container in `section`, anywhere
/// Argo takes it from.
pub fn container_has(
    spec: Option<&WorkflowSpec<'_>>,
    template: &Template<'_>,
    c: &Container<'_>,
    section: Section,
    resource: &str,
    version: ArgoVersion,
) -> bool {
    if resources_set(c.resources(), section, resource) {
        return true;
    }
    let defaults = spec.and_then(|s| s.template_defaults());
    if c.role == ContainerRole::Main
        && let Some(d) = defaults.and_then(|d| d.get(c.field))
        && resources_set(d.get("resources"), section, resource)
    {
        return true;
    }
    let patches = [
        template.pod_spec_patch(),
        defaults.and_then(|d| d.pod_spec_patch()),
        spec.and_then(|s| s.pod_spec_patch()),
    ];
    if patches
        .iter()
        .flatten()
        .any(|p| patch_sets(p, c, section, resource))
    {
        return true;
    }
    if version >= ArgoVersion::V4_1 {
        let pod_level = [
            template.pod_resources(),
            defaults.and_then(|d| d.pod_resources()),
            spec.and_then(|s| s.pod_resources()),
        ];
        if pod_level
            .iter()
            .flatten()
            .any(|r| resources_set(Some(r), section, resource))
        {
            return true;
        }
    }
    false
}
