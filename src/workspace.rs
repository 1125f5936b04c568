//! The workspace: every WorkflowTemplate and ClusterWorkflowTemplate among the files of a
//! run, indexed by name, so checks can resolve `templateRef` and `workflowTemplateRef`
//! across files.

use std::collections::HashMap;

use crate::model::{Kind, Manifest};
use crate::source::SourceFile;
use crate::source::parse::ParsedFile;

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

#[derive(Default)]
pub struct Workspace<'a> {
    /// WorkflowTemplates by name; several namespaces may define the same name.
    workflow_templates: HashMap<&'a str, Vec<TemplateDef<'a>>>,
    cluster_workflow_templates: HashMap<&'a str, Vec<TemplateDef<'a>>>,
}

impl<'a> Workspace<'a> {
    pub fn build(units: &'a [Unit]) -> Workspace<'a> {
        let mut ws = Workspace::default();
        for unit in units {
            for doc in &unit.parsed.documents {
                let Some(root) = &doc.root else { continue };
                let Some(manifest) = Manifest::from_root(root) else {
                    continue;
                };
                let Some(name) = manifest
                    .metadata()
                    .and_then(|m| m.get("name"))
                    .and_then(|n| n.as_str())
                else {
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

    /// Every indexed definition, for "did you mean" suggestions.
    pub fn all(&self) -> impl Iterator<Item = &TemplateDef<'a>> {
        self.workflow_templates
            .values()
            .chain(self.cluster_workflow_templates.values())
            .flatten()
    }
}
