//! Typed views over the spanned tree: `Manifest`, `WorkflowSpec`, `Template`, `Container`.
//!
//! A view is a borrowed node plus accessors named after the Argo API; it never copies the
//! tree, so spans stay available for diagnostics. Views are lenient: a field of the wrong
//! shape reads as absent (schema validation reports the shape).

pub mod expr;
pub mod inputs;
pub mod resources;
pub mod values;
pub mod xref;

use crate::source::{Node, Span};

pub const ARGO_API_VERSION: &str = "argoproj.io/v1alpha1";

/// The four Argo kinds: one enum for the whole crate, defined with the API model.
pub use crate::api::Kind;

/// A document whose `apiVersion` is `argoproj.io/v1alpha1` and whose `kind` is one of the four.
#[derive(Clone, Copy, Debug)]
pub struct Manifest<'a> {
    pub kind: Kind,
    pub root: &'a Node,
}

impl<'a> Manifest<'a> {
    /// `None` for anything that is not one of the four Argo kinds.
    pub fn from_root(root: &'a Node) -> Option<Manifest<'a>> {
        let api = root.get("apiVersion")?.as_str()?;
        if api != ARGO_API_VERSION {
            return None;
        }
        let kind = Kind::from_kind(root.get("kind")?.as_str()?)?;
        Some(Manifest { kind, root })
    }

    pub fn metadata(&self) -> Option<&'a Node> {
        self.root.get("metadata")
    }

    pub fn name(&self) -> Option<&'a str> {
        let m = self.metadata()?;
        m.get("name").or_else(|| m.get("generateName"))?.as_str()
    }

    pub fn namespace(&self) -> Option<&'a str> {
        self.metadata()?.get("namespace")?.as_str()
    }

    pub fn spec(&self) -> Option<&'a Node> {
        self.root.get("spec")
    }

    /// The workflow spec: `spec`, or `spec.workflowSpec` for a CronWorkflow.
    pub fn workflow_spec(&self) -> Option<WorkflowSpec<'a>> {
        let spec = self.spec()?;
        let node = match self.kind {
            Kind::CronWorkflow => spec.get("workflowSpec")?,
            _ => spec,
        };
        node.as_map().map(|_| WorkflowSpec { node })
    }
}

/// Accessors for the fields a workflow spec and a template both have (the spec's value is
/// the default for every template).
macro_rules! pod_settings {
    () => {
        pub fn retry_strategy(&self) -> Option<&'a Node> {
            self.node.get("retryStrategy")
        }

        pub fn active_deadline_seconds(&self) -> Option<&'a Node> {
            self.node.get("activeDeadlineSeconds")
        }

        pub fn pod_spec_patch(&self) -> Option<&'a Node> {
            self.node.get("podSpecPatch")
        }

        pub fn pod_resources(&self) -> Option<&'a Node> {
            self.node.get("podResources")
        }
    };
}

/// The `parameters` list under `key` (`arguments`, `inputs`, `outputs`) of a node.
fn parameters<'a>(node: &'a Node, key: &str) -> &'a [Node] {
    node.get(key).map(|a| a.seq("parameters")).unwrap_or(&[])
}

/// `WorkflowSpec`, shared by all four kinds.
#[derive(Clone, Copy, Debug)]
pub struct WorkflowSpec<'a> {
    pub node: &'a Node,
}

impl<'a> WorkflowSpec<'a> {
    pub fn templates(&self) -> impl Iterator<Item = Template<'a>> + 'a {
        self.node
            .seq("templates")
            .iter()
            .filter(|n| n.as_map().is_some())
            .map(|node| Template { node })
    }

    pub fn template_defaults(&self) -> Option<Template<'a>> {
        self.node
            .get("templateDefaults")
            .map(|node| Template { node })
    }

    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    pod_settings!();

    /// `spec.arguments.parameters`.
    pub fn argument_parameters(&self) -> &'a [Node] {
        parameters(self.node, "arguments")
    }
}

/// The kind of work a template does, decided by which of the exclusive fields it sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateType {
    Container,
    ContainerSet,
    Script,
    Resource,
    Steps,
    Dag,
    Suspend,
    Data,
    Http,
    Plugin,
}

impl TemplateType {
    pub const FIELDS: [(&'static str, TemplateType); 10] = [
        ("container", TemplateType::Container),
        ("containerSet", TemplateType::ContainerSet),
        ("script", TemplateType::Script),
        ("resource", TemplateType::Resource),
        ("steps", TemplateType::Steps),
        ("dag", TemplateType::Dag),
        ("suspend", TemplateType::Suspend),
        ("data", TemplateType::Data),
        ("http", TemplateType::Http),
        ("plugin", TemplateType::Plugin),
    ];

    /// Whether a template of this type does work itself rather than call other templates.
    pub fn is_leaf(self) -> bool {
        !matches!(
            self,
            TemplateType::Steps | TemplateType::Dag | TemplateType::Suspend
        )
    }

    /// The name Argo uses for the type in its messages.
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateType::Container => "Container",
            TemplateType::ContainerSet => "ContainerSet",
            TemplateType::Script => "Script",
            TemplateType::Resource => "Resource",
            TemplateType::Steps => "Steps",
            TemplateType::Dag => "DAG",
            TemplateType::Suspend => "Suspend",
            TemplateType::Data => "Data",
            TemplateType::Http => "HTTP",
            TemplateType::Plugin => "Plugin",
        }
    }

    /// Whether a template of this type runs a pod of its own (which gets a deadline, a
    /// service account, resources). `http` and `plugin` templates run in the agent pod.
    pub fn runs_pod(self) -> bool {
        matches!(
            self,
            TemplateType::Container
                | TemplateType::ContainerSet
                | TemplateType::Script
                | TemplateType::Resource
                | TemplateType::Data
        )
    }
}

/// Where a container sits in a template: it decides its name in the pod.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerRole {
    /// `container` or `script`: the pod's `main` container.
    Main,
    /// An entry of `containerSet.containers`.
    ContainerSet,
    Init,
    Sidecar,
}

impl ContainerRole {
    pub fn describe(self) -> &'static str {
        match self {
            ContainerRole::Main => "main container",
            ContainerRole::ContainerSet => "containerSet container",
            ContainerRole::Init => "init container",
            ContainerRole::Sidecar => "sidecar",
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Container<'a> {
    pub node: &'a Node,
    pub role: ContainerRole,
    /// The template field holding it: `container`, `script`, `containerSet`, …
    pub field: &'static str,
    /// Where to point for the container as a whole: the `container:`/`script:` key of a main
    /// container, the `name` of a listed one.
    pub anchor: Span,
}

impl<'a> Container<'a> {
    /// The container's name in the pod (`main` for `container` and `script`).
    pub fn pod_name(&self) -> Option<&'a str> {
        match self.role {
            ContainerRole::Main => Some("main"),
            _ => self.node.get("name").and_then(Node::as_str),
        }
    }

    pub fn resources(&self) -> Option<&'a Node> {
        self.node.get("resources")
    }

    /// The span to point at for the container as a whole.
    pub fn anchor_span(&self) -> Span {
        self.anchor
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Template<'a> {
    pub node: &'a Node,
}

impl<'a> Template<'a> {
    pub fn name(&self) -> Option<&'a str> {
        self.node.get("name")?.as_str()
    }

    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    /// The span to point at for the template as a whole: its `name` value, or itself.
    pub fn name_span(&self) -> Span {
        self.node
            .get("name")
            .map(|n| n.span)
            .unwrap_or(self.node.span)
    }

    /// Every template type whose field is set (a valid template sets exactly one).
    pub fn types(&self) -> impl Iterator<Item = TemplateType> + '_ {
        TemplateType::FIELDS
            .iter()
            .filter(|(f, _)| self.node.get(f).is_some())
            .map(|&(_, t)| t)
    }

    /// Whether this template runs a pod of its own ([`TemplateType::runs_pod`]).
    pub fn runs_pod(&self) -> bool {
        self.template_type().is_some_and(TemplateType::runs_pod)
    }

    pub fn template_type(&self) -> Option<TemplateType> {
        self.types().next()
    }

    pod_settings!();

    pub fn input_parameters(&self) -> &'a [Node] {
        parameters(self.node, "inputs")
    }

    pub fn output_parameters(&self) -> &'a [Node] {
        parameters(self.node, "outputs")
    }

    /// Every container this template runs: main (container/script), containerSet
    /// containers, init containers and sidecars.
    pub fn containers(&self) -> Vec<Container<'a>> {
        let mut out = Vec::new();
        for field in ["container", "script"] {
            if let Some(e) = self
                .node
                .entry(field)
                .filter(|e| e.value.as_map().is_some())
            {
                out.push(Container {
                    node: &e.value,
                    role: ContainerRole::Main,
                    field,
                    anchor: e.key.span,
                });
            }
        }
        if let Some(cs) = self.node.get("containerSet") {
            for node in cs.seq("containers").iter().filter(|n| n.as_map().is_some()) {
                out.push(Container {
                    node,
                    role: ContainerRole::ContainerSet,
                    field: "containerSet",
                    anchor: list_anchor(node),
                });
            }
        }
        for (field, role) in [
            ("initContainers", ContainerRole::Init),
            ("sidecars", ContainerRole::Sidecar),
        ] {
            for node in self.node.seq(field).iter().filter(|n| n.as_map().is_some()) {
                out.push(Container {
                    node,
                    role,
                    field,
                    anchor: list_anchor(node),
                });
            }
        }
        out
    }

    /// Steps, flattened over the parallel groups: `steps: [[a, b], [c]]`.
    pub fn steps(&self) -> impl Iterator<Item = Step<'a>> + 'a {
        self.node
            .seq("steps")
            .iter()
            .enumerate()
            .flat_map(|(group, g)| {
                // A group is a list; a bare mapping is accepted by Argo as a group of one.
                let items: &'a [Node] = match g.as_seq() {
                    Some(items) => items,
                    None => std::slice::from_ref(g),
                };
                items
                    .iter()
                    .filter(|n| n.as_map().is_some())
                    .map(move |node| Step { node, group })
            })
    }

    pub fn dag_tasks(&self) -> impl Iterator<Item = Step<'a>> + 'a {
        self.node
            .get("dag")
            .map(|d| d.seq("tasks"))
            .unwrap_or(&[])
            .iter()
            .filter(|n| n.as_map().is_some())
            .map(|node| Step { node, group: 0 })
    }

    /// Steps and DAG tasks alike: both are `WorkflowStep`-shaped invocations.
    pub fn invocations(&self) -> impl Iterator<Item = Step<'a>> + 'a {
        self.steps().chain(self.dag_tasks())
    }
}

/// A listed container is best named by its `name` value.
fn list_anchor(node: &Node) -> Span {
    node.get("name").map_or(node.span, |n| n.span)
}

/// A step (`WorkflowStep`) or a DAG task (`DAGTask`): both call a template with arguments.
#[derive(Clone, Copy, Debug)]
pub struct Step<'a> {
    pub node: &'a Node,
    /// The parallel group of a step (0 for DAG tasks).
    pub group: usize,
}

impl<'a> Step<'a> {
    pub fn name(&self) -> Option<&'a str> {
        self.node.get("name")?.as_str()
    }

    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    pub fn argument_parameters(&self) -> &'a [Node] {
        parameters(self.node, "arguments")
    }

    /// `template:`, the name of a template in the same workflow.
    pub fn template(&self) -> Option<&'a str> {
        self.node.get("template")?.as_str()
    }
}
