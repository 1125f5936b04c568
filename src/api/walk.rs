//! Walks a document along the model: every mapping entry whose key is a field of the type
//! the model expects there, with that type and field.
//!
//! Keys the model does not know (or does not have in the target) are not visited, nor is
//! anything under them: schema validation reports those.

use super::{ArgoVersion, FieldDef, Kind, Shape, Ty, TypeDef, root_type};
use crate::source::{Entry, Node};

/// Calls `f(type, field, entry)` for every known field of the document, depth first, in
/// document order.
pub fn walk<'n>(
    root: &'n Node,
    kind: Kind,
    v: ArgoVersion,
    f: &mut impl FnMut(&'static TypeDef, &'static FieldDef, &'n Entry),
) {
    visit_type(root, root_type(kind), v, f, 0);
}

/// Deeper than any real manifest; guards against pathological inputs.
const MAX_DEPTH: usize = 200;

fn visit_type<'n>(
    node: &'n Node,
    t: &'static TypeDef,
    v: ArgoVersion,
    f: &mut impl FnMut(&'static TypeDef, &'static FieldDef, &'n Entry),
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match t.shape {
        Shape::Object => {
            for entry in node.as_map().unwrap_or_default() {
                let Some(field) = entry.key_str().and_then(|k| t.field_in(k, v)) else {
                    continue;
                };
                f(t, field, entry);
                visit_ty(&entry.value, &field.ty, v, f, depth + 1);
            }
        }
        Shape::Alias(ty) => visit_ty(node, &ty, v, f, depth + 1),
        Shape::FreeObject | Shape::Any => {}
    }
}

fn visit_ty<'n>(
    node: &'n Node,
    ty: &Ty,
    v: ArgoVersion,
    f: &mut impl FnMut(&'static TypeDef, &'static FieldDef, &'n Entry),
    depth: usize,
) {
    match ty {
        Ty::Ref(t) => visit_type(node, t, v, f, depth),
        Ty::Array(inner) => {
            for item in node.as_seq().unwrap_or_default() {
                visit_ty(item, inner, v, f, depth + 1);
            }
        }
        Ty::Map(inner) => {
            for entry in node.as_map().unwrap_or_default() {
                visit_ty(&entry.value, inner, v, f, depth + 1);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visits_known_fields_along_the_model() {
        let text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      retryStratgy: {limit: 1}\n      steps:\n        - - name: a\n            onExit: x\n      container: {image: a, resources: {limits: {cpu: 1}}}\n";
        let parsed = crate::source::parse_text(text);
        let root = parsed.documents[0].root.as_ref().unwrap();
        let mut seen = Vec::new();
        walk(root, Kind::Workflow, ArgoVersion::LATEST, &mut |t, f, _| {
            seen.push(format!("{}.{}", t.name, f.name))
        });
        assert_eq!(
            seen,
            [
                "Workflow.apiVersion",
                "Workflow.kind",
                "Workflow.metadata",
                "ObjectMeta.name",
                "Workflow.spec",
                "WorkflowSpec.entrypoint",
                "WorkflowSpec.templates",
                "Template.name",
                "Template.steps",
                "WorkflowStep.name",
                "WorkflowStep.onExit",
                "Template.container",
                "Container.image",
                "Container.resources",
                "ResourceRequirements.limits",
            ]
        );
    }
}
