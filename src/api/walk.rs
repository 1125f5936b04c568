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

/// One step of a document path: a mapping key or a list index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Where a document path leads in the model.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    /// The last field on the path and the type holding it (`None` for the root).
    pub field: Option<(&'static TypeDef, &'static FieldDef)>,
    /// The type of the value at the end of the path.
    pub ty: Ty,
}

impl Place {
    /// The object type whose keys may be written at this place (aliases followed), if the
    /// value here is an object the model describes.
    pub fn object(&self) -> Option<&'static TypeDef> {
        match self.ty {
            Ty::Ref(t) => {
                let t = super::through_aliases(t);
                (t.shape == Shape::Object).then_some(t)
            }
            _ => None,
        }
    }
}

/// Follows a document path (`spec`, `templates`, `2`, `retryStrategy`) from the root of a
/// document of `kind`. A key is looked up in the target first, then in any release, so a
/// field of another release still leads somewhere; a key under a map field (`hooks.exit`)
/// stays on that field. `None` where the path leaves the model (unknown keys, free-form
/// content, an index into a non-list).
pub fn follow(kind: Kind, path: &[Seg], v: ArgoVersion) -> Option<Place> {
    let mut place = Place {
        field: None,
        ty: Ty::Ref(root_type(kind)),
    };
    for seg in path {
        // Aliases stand for another value type (`ParallelSteps` = `[WorkflowStep]`).
        for _ in 0..4 {
            if let Ty::Ref(t) = place.ty
                && let Shape::Alias(inner) = t.shape
            {
                place.ty = inner;
            }
        }
        place = match (seg, place.ty) {
            (Seg::Index(_), Ty::Array(inner)) => Place {
                field: place.field,
                ty: *inner,
            },
            (Seg::Key(_), Ty::Map(inner)) => Place {
                field: place.field,
                ty: *inner,
            },
            (Seg::Key(k), Ty::Ref(t)) if t.shape == Shape::Object => {
                let f = t.field_in(k, v).or_else(|| t.field(k))?;
                Place {
                    field: Some((t, f)),
                    ty: f.ty,
                }
            }
            _ => return None,
        };
    }
    Some(place)
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

    fn segs(path: &str) -> Vec<Seg> {
        path.split('.')
            .map(|p| match p.parse() {
                Ok(i) => Seg::Index(i),
                Err(_) => Seg::Key(p.to_string()),
            })
            .collect()
    }

    #[test]
    fn follows_document_paths_along_the_model() {
        let v = ArgoVersion::LATEST;
        let p = follow(
            Kind::Workflow,
            &segs("spec.templates.2.retryStrategy.backoff.maxDuration"),
            v,
        )
        .unwrap();
        let (t, f) = p.field.unwrap();
        assert_eq!((t.name, f.name), ("Backoff", "maxDuration"));
        let p = follow(Kind::Workflow, &segs("spec.templates.0.retryStrategy"), v).unwrap();
        assert_eq!(p.object().unwrap().name, "RetryStrategy");
        // Steps are a list of lists (`ParallelSteps` is an alias).
        let p = follow(Kind::Workflow, &segs("spec.templates.0.steps.1.0"), v).unwrap();
        assert_eq!(p.object().unwrap().name, "WorkflowStep");
        // A key under a map field stays on the field.
        let p = follow(Kind::Workflow, &segs("spec.hooks.exit"), v).unwrap();
        assert_eq!(p.field.unwrap().1.name, "hooks");
        assert_eq!(p.object().unwrap().name, "LifecycleHook");
        let p = follow(Kind::CronWorkflow, &segs("spec.workflowSpec.entrypoint"), v).unwrap();
        assert_eq!(p.field.unwrap().0.name, "WorkflowSpec");
        assert!(p.object().is_none());
        // A field of another release is still found; unknown keys are not.
        let p = follow(Kind::CronWorkflow, &segs("spec.schedule"), v).unwrap();
        assert!(!p.field.unwrap().1.exists_in(v));
        assert!(follow(Kind::Workflow, &segs("spec.templates.0.retryStratgy"), v).is_none());
        assert!(follow(Kind::Workflow, &segs("spec.entrypoint.x"), v).is_none());
        assert!(follow(Kind::Workflow, &segs("spec.0"), v).is_none());
        assert_eq!(
            follow(Kind::Workflow, &[], v)
                .unwrap()
                .object()
                .unwrap()
                .name,
            "Workflow"
        );
    }
}
