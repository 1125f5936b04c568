//! Pod resources and container settings.

pub mod container_lifecycle_hook;
pub mod daemon_without_readiness_probe;
pub mod image_not_pinned;
pub mod invalid_pod_spec_patch;
pub mod missing_memory_limit;
pub mod missing_resource_requests;
pub mod request_exceeds_limit;
pub mod unbounded_memory_volume;

use crate::model::{Container, Template};
use crate::rules::Context;

/// Every container of every template of the document, with its template.
pub(crate) fn containers<'a>(cx: &Context<'a>) -> Vec<(Template<'a>, Container<'a>)> {
    let Some(spec) = cx.workflow_spec() else {
        return Vec::new();
    };
    spec.templates()
        .flat_map(|t| t.containers().into_iter().map(move |c| (t, c)))
        .collect()
}

/// "container `x` of template `t`" or "the main container of template `t`".
pub(crate) fn describe(t: &Template<'_>, c: &Container<'_>) -> String {
    let template = t.name().unwrap_or("(unnamed)");
    match (c.role, c.node.get("name").and_then(|n| n.as_str())) {
        (crate::model::ContainerRole::Main, _) | (_, None) => {
            format!("the {} of template `{template}`", c.role.describe())
        }
        (role, Some(name)) => format!("{} `{name}` of template `{template}`", role.describe()),
    }
}
