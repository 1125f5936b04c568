//! What a step, a DAG task, an entrypoint or an exit handler calls: a template of the same
//! document, a template of another (Cluster)WorkflowTemplate, an inline template, or
//! something that cannot be known before run time.

use std::collections::HashMap;

use crate::model::{Manifest, Template, WorkflowSpec};
use crate::source::Node;
use crate::workspace::{Resolution, TemplateDef, TemplateRef, Workspace};

/// The templates of one document by name (the first definition of a name wins; duplicates
/// are reported by `duplicate-name`).
pub struct Templates<'a> {
    pub by_name: HashMap<&'a str, Template<'a>>,
    pub names: Vec<&'a str>,
}

impl<'a> Templates<'a> {
    pub fn of(spec: Option<WorkflowSpec<'a>>) -> Templates<'a> {
        let mut by_name = HashMap::new();
        let mut names = Vec::new();
        if let Some(spec) = spec {
            for t in spec.templates() {
                if let Some(n) = t.name() {
                    by_name.entry(n).or_insert_with(|| {
                        names.push(n);
                        t
                    });
                }
            }
        }
        Templates { by_name, names }
    }

    pub fn get(&self, name: &str) -> Option<Template<'a>> {
        self.by_name.get(name).copied()
    }
}

/// The result of resolving a call.
#[derive(Clone, Copy)]
pub enum Callee<'a> {
    /// A template of the same document.
    Local(Template<'a>),
    /// A template of a (Cluster)WorkflowTemplate among the files.
    Remote(Template<'a>, TemplateDef<'a>),
    /// `inline:` on the step or task.
    Inline(Template<'a>),
    /// `template:` names no template of the document (reported by `undefined-template`).
    Undefined,
    /// Not knowable statically: a dynamic name, a reference outside the files, a broken
    /// reference (reported by `unresolved-template-ref`), or nothing called at all.
    Unknown,
}

impl<'a> Callee<'a> {
    pub fn template(&self) -> Option<Template<'a>> {
        match self {
            Callee::Local(t) | Callee::Remote(t, _) | Callee::Inline(t) => Some(*t),
            _ => None,
        }
    }

    /// "template `x`", or "template `x` of WorkflowTemplate `y` (file:line)".
    pub fn describe(&self) -> String {
        match self {
            Callee::Local(t) | Callee::Inline(t) => {
                format!("template `{}`", t.name().unwrap_or("(inline)"))
            }
            Callee::Remote(t, def) => format!(
                "template `{}` of {} ({})",
                t.name().unwrap_or(""),
                def.describe(),
                def.location()
            ),
            _ => "the template".into(),
        }
    }

    /// Whether spans of the callee are in the current file (for secondary labels).
    pub fn is_local(&self) -> bool {
        matches!(self, Callee::Local(_) | Callee::Inline(_))
    }
}

/// Whether a string holds a `{{…}}` tag (its value is only known at run time).
pub fn is_dynamic(s: &str) -> bool {
    s.contains("{{")
}

/// Resolves a `templateRef` mapping to the referenced template, when it is among the files.
pub fn resolve_template_ref<'a>(
    node: &'a Node,
    manifest: &Manifest<'a>,
    workspace: &'a Workspace<'a>,
) -> Callee<'a> {
    let r = TemplateRef::of(node);
    let (Some(_), Some(template)) = (r.name, r.template) else {
        return Callee::Unknown;
    };
    if r.is_dynamic() {
        return Callee::Unknown;
    }
    match workspace.resolve_ref(&r, manifest) {
        Resolution::Found(def) => match def.template(template) {
            Some(t) => Callee::Remote(t, *def),
            None => Callee::Unknown,
        },
        _ => Callee::Unknown,
    }
}

/// Resolves what a step or task (or any holder of `template`/`templateRef`/`inline`) calls.
pub fn resolve<'a>(
    holder: &'a Node,
    templates: &Templates<'a>,
    manifest: &Manifest<'a>,
    workspace: &'a Workspace<'a>,
) -> Callee<'a> {
    if let Some(inline) = holder.get("inline").filter(|n| n.as_map().is_some()) {
        return Callee::Inline(Template { node: inline });
    }
    if let Some(r) = holder.get("templateRef") {
        return resolve_template_ref(r, manifest, workspace);
    }
    match holder.get("template").and_then(Node::as_str) {
        Some(name) if is_dynamic(name) => Callee::Unknown,
        Some(name) => templates.get(name).map_or(Callee::Undefined, Callee::Local),
        None => Callee::Unknown,
    }
}

/// The value of `name` in each list item of `node[key][list]`, with the item.
pub fn named_items<'a>(node: &'a Node, key: &str, list: &str) -> Vec<(&'a str, &'a Node)> {
    node.get(key)
        .map(|k| k.seq(list))
        .unwrap_or(&[])
        .iter()
        .filter_map(|n| Some((n.get("name")?.as_str()?, n)))
        .collect()
}
