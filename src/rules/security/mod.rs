//! Pod security: privileges, host access, credentials.

pub mod dangerous_capability;
pub mod default_service_account;
pub mod host_namespace;
pub mod host_path_volume;
pub mod privilege_escalation;
pub mod privileged_container;
pub mod run_as_root;
pub mod secret_in_plain_text;

use crate::model::Container;
use crate::rules::Context;
use crate::source::Node;

/// Every container of the document with a description: template containers and those in
/// `spec.templateDefaults`.
pub(crate) fn all_containers<'a>(cx: &Context<'a>) -> Vec<(String, Container<'a>)> {
    let mut out: Vec<(String, Container<'a>)> = crate::rules::resources::containers(cx)
        .into_iter()
        .map(|(t, c)| (crate::rules::resources::describe(&t, &c), c))
        .collect();
    if let Some(d) = cx.workflow_spec().and_then(|s| s.template_defaults()) {
        for c in d.containers() {
            out.push((
                format!("the {} in `spec.templateDefaults`", c.role.describe()),
                c,
            ));
        }
    }
    out
}

/// Every `podSpecPatch` of the document that parses, with its node.
pub(crate) fn parsed_patches<'a>(cx: &Context<'a>) -> Vec<(&'a Node, Node)> {
    let Some(spec) = cx.workflow_spec() else {
        return Vec::new();
    };
    let mut nodes = vec![spec.pod_spec_patch()];
    nodes.push(spec.template_defaults().and_then(|d| d.pod_spec_patch()));
    nodes.extend(spec.templates().map(|t| t.pod_spec_patch()));
    nodes
        .into_iter()
        .flatten()
        .filter_map(|n| Some((n, crate::rules::helpers::parse_patch(n.as_str()?)?)))
        .collect()
}
