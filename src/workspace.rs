//! The workspace: every WorkflowTemplate and ClusterWorkflowTemplate among the files of a
//! run, indexed by name, so checks can resolve `templateRef` and `workflowTemplateRef`
//! across files.

use std::collections::HashMap;

use crate::model::{Kind, Manifest};
use crate::source::parse::ParsedFile;
use crate::source::{Node, SourceFile};

/// A parsed file of the run.
pub struct Unit {
    pub file: SourceFile,
    pub parsed: ParsedFile,
}

/// One template definition (a WorkflowTemplate or ClusterWorkflowTemplate document).
#[derive(Clone, Copy)]
pub struct TemplateDef<'a> {
    pub file: &'a SourceFile,
    pub manifest: Manifest<'a>,
    pub name: &'a str,
    pub namespace: Option<&'a str>,
}

impl<'a> TemplateDef<'a> {
    /// The template named `name` inside this definition's `spec.templates`, found as Argo's
    /// lenient decoding of a referenced template finds it: a `name` key that differs only in
    /// case still names the template (the definition itself is refused for the unknown key,
    /// and argolint says so there).
    pub fn template(&self, name: &str) -> Option<crate::model::Template<'a>> {
        self.manifest
            .workflow_spec()?
            .templates()
            .find(|t| folded(t.node, "name").and_then(Node::as_str) == Some(name))
    }

    /// `file:line` of the definition's `metadata.name`, for messages.
    pub fn location(&self) -> String {
        let at = self
            .manifest
            .metadata()
            .and_then(|m| m.get("name"))
            .map_or(self.manifest.root.span, |n| n.span);
        let (line, _) = self.file.line_col(at.start);
        format!("{}:{line}", self.file.name)
    }

    /// The kind's name and the definition's name: "WorkflowTemplate `x`".
    pub fn describe(&self) -> String {
        format!("{} `{}`", self.manifest.kind, self.name)
    }
}

/// A `templateRef` or `workflowTemplateRef` as written.
#[derive(Clone, Copy)]
pub struct TemplateRef<'a> {
    pub node: &'a Node,
    pub name: Option<&'a str>,
    /// The template inside the definition (`templateRef.template`; a `workflowTemplateRef`
    /// has none).
    pub template: Option<&'a str>,
    /// `clusterScope: true`: a ClusterWorkflowTemplate.
    pub cluster_scope: bool,
}

impl<'a> TemplateRef<'a> {
    pub fn of(node: &'a Node) -> TemplateRef<'a> {
        TemplateRef {
            node,
            name: node.get("name").and_then(Node::as_str),
            template: node.get("template").and_then(Node::as_str),
            cluster_scope: node.get("clusterScope").and_then(Node::as_bool) == Some(true),
        }
    }

    /// Whether a name is only known at run time (it holds a `{{…}}` tag).
    pub fn is_dynamic(&self) -> bool {
        [self.name, self.template]
            .into_iter()
            .flatten()
            .any(|s| s.contains("{{"))
    }
}

/// What a `templateRef` or `workflowTemplateRef` resolves to.
#[derive(Clone)]
pub enum Resolution<'w, 'a> {
    /// The definition the reference names.
    Found(&'w TemplateDef<'a>),
    /// WorkflowTemplates of that name exist, but only in other namespaces.
    OtherNamespace(&'w [TemplateDef<'a>]),
    /// Only a definition of the other scope exists: a ClusterWorkflowTemplate for a
    /// namespaced reference, or the reverse.
    OtherScope(&'w TemplateDef<'a>),
    /// Nothing of that name among the files of the run: it may live in the cluster.
    Missing,
}

/// A field as Go's JSON decoding finds it: the key itself, else (the last) one that differs
/// only in case.
fn folded<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    node.get(key).or_else(|| {
        node.as_map()?
            .iter()
            .rfind(|e| e.key_str().is_some_and(|k| k.eq_ignore_ascii_case(key)))
            .map(|e| &e.value)
    })
}

/// The name under which Argo indexes a template document: its index decodes leniently, so a
/// `metadata` or `name` key that differs only in case still names it (the document itself is
/// refused for the unknown key, and argolint says so there).
fn indexed_name(root: &Node) -> Option<&str> {
    folded(folded(root, "metadata")?, "name")?.as_str()
}

/// Upstream's offline rule: a namespace that is not set is the empty namespace.
fn same_namespace(a: Option<&str>, b: Option<&str>) -> bool {
    a.unwrap_or("") == b.unwrap_or("")
}

#[derive(Default)]
pub struct Workspace<'a> {
    /// WorkflowTemplates by name; several namespaces may define the same name.
    workflow_templates: HashMap<&'a str, Vec<TemplateDef<'a>>>,
    cluster_workflow_templates: HashMap<&'a str, Vec<TemplateDef<'a>>>,
}

impl<'a> Workspace<'a> {
    pub fn build(units: &'a [Unit]) -> Workspace<'a> {
        Workspace::build_with(units, &[])
    }

    /// Indexes the files of the run and, after them, files read only for their templates
    /// (the engine leaves out of `extra` the files it lints).
    pub fn build_with(units: &'a [Unit], extra: &'a [Unit]) -> Workspace<'a> {
        Workspace::build_from(units.iter().chain(extra))
    }

    /// Indexes the given files, in order (the language server passes the open document and
    /// its index of the workspace's other files).
    pub fn build_from(units: impl IntoIterator<Item = &'a Unit>) -> Workspace<'a> {
        let mut ws = Workspace::default();
        for unit in units {
            for doc in &unit.parsed.documents {
                let Some(root) = &doc.root else { continue };
                let Some(manifest) = Manifest::from_root(root) else {
                    continue;
                };
                let Some(name) = indexed_name(root) else {
                    continue;
                };
                let def = TemplateDef {
                    file: &unit.file,
                    manifest,
                    name,
                    namespace: manifest.namespace(),
                };
                match manifest.kind {
                    Kind::WorkflowTemplate => {
                        ws.workflow_templates.entry(name).or_default().push(def)
                    }
                    Kind::ClusterWorkflowTemplate => ws
                        .cluster_workflow_templates
                        .entry(name)
                        .or_default()
                        .push(def),
                    _ => {}
                }
            }
        }
        ws
    }

    /// WorkflowTemplates named `name`, in any namespace.
    pub fn workflow_templates(&self, name: &str) -> &[TemplateDef<'a>] {
        self.workflow_templates.get(name).map_or(&[], Vec::as_slice)
    }

    /// ClusterWorkflowTemplates named `name`.
    pub fn cluster_workflow_templates(&self, name: &str) -> &[TemplateDef<'a>] {
        self.cluster_workflow_templates
            .get(name)
            .map_or(&[], Vec::as_slice)
    }

    /// Resolves `r`, written in the document `referrer`: the one rule every check follows.
    /// A WorkflowTemplate resolves in the referrer's namespace (unset meaning the same empty
    /// namespace, as in upstream's offline validation); the namespaced references of a
    /// ClusterWorkflowTemplate resolve in any namespace (it runs in whichever namespace its
    /// workflow does).
    pub fn resolve_ref<'w>(
        &'w self,
        r: &TemplateRef<'_>,
        referrer: &Manifest<'_>,
    ) -> Resolution<'w, 'a> {
        let any_namespace = referrer.kind == Kind::ClusterWorkflowTemplate;
        self.resolve(
            r.name.unwrap_or(""),
            r.cluster_scope,
            referrer.namespace(),
            any_namespace,
        )
    }

    /// Resolves a reference made from a document in `namespace` (upstream's rule: a
    /// WorkflowTemplate resolves in the referrer's namespace, unset meaning the same empty
    /// namespace). `any_namespace` is for ClusterWorkflowTemplate referrers, whose namespaced
    /// references resolve in the namespace of whichever workflow runs them.
    fn resolve<'w>(
        &'w self,
        name: &str,
        cluster_scope: bool,
        namespace: Option<&str>,
        any_namespace: bool,
    ) -> Resolution<'w, 'a> {
        if cluster_scope {
            if let Some(def) = self.cluster_workflow_templates(name).first() {
                return Resolution::Found(def);
            }
            if let Some(def) = self.workflow_templates(name).first() {
                return Resolution::OtherScope(def);
            }
            return Resolution::Missing;
        }
        let defs = self.workflow_templates(name);
        if let Some(def) = defs
            .iter()
            .find(|d| any_namespace || same_namespace(d.namespace, namespace))
        {
            return Resolution::Found(def);
        }
        if !defs.is_empty() {
            return Resolution::OtherNamespace(defs);
        }
        if let Some(def) = self.cluster_workflow_templates(name).first() {
            return Resolution::OtherScope(def);
        }
        Resolution::Missing
    }

    /// Every indexed definition, for "did you mean" suggestions.
    pub fn all(&self) -> impl Iterator<Item = &TemplateDef<'a>> {
        self.workflow_templates
            .values()
            .chain(self.cluster_workflow_templates.values())
            .flatten()
    }
}
