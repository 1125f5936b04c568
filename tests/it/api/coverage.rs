//! Coverage: for each modelled version, the model's Argo fields equal upstream's Argo fields
//! (walking from the four kinds over `io.argoproj.workflow.v1alpha1.*`): none missing, none
//! extra, types compatible, same required-ness.

use std::collections::{BTreeMap, BTreeSet};

use argolint::api::{self, ArgoVersion, Kind, Origin, Shape, Ty, TypeDef};
use serde_json::Value;

use crate::api::upstream::{self, ARGO_PREFIX, Upstream, short};

/// Argo types reachable from the four kinds in `v`, following only fields present in `v`.
fn model_reachable(v: ArgoVersion) -> BTreeMap<&'static str, &'static TypeDef> {
    let mut seen: BTreeMap<&'static str, &'static TypeDef> = BTreeMap::new();
    let mut stack: Vec<&'static TypeDef> = Kind::ALL.iter().map(|k| api::root_type(*k)).collect();
    while let Some(t) = stack.pop() {
        if seen.insert(t.id, t).is_some() {
            continue;
        }
        if let Shape::Alias(ty) = t.shape {
            stack.extend(ty.target());
        }
        for f in t.fields_in(v) {
            stack.extend(f.ty.target());
        }
    }
    seen
}

/// Why `ty` does not fit upstream's property schema `up`, if it does not.
fn incompatible(ty: &Ty, up: &Value) -> Option<String> {
    if let Some(r) = up["$ref"].as_str() {
        let id = r.rsplit('/').next().unwrap_or(r);
        let ok = match (short(id), ty) {
            ("IntOrString", Ty::IntOrString) => true,
            ("Quantity", Ty::Quantity) => true,
            ("Time", Ty::Time) => true,
            (_, Ty::Ref(t)) => t.id == id,
            _ => false,
        };
        return (!ok).then(|| format!("model {ty:?}, upstream ref {id}"));
    }
    let t = up["type"].as_str().unwrap_or("");
    match (t, ty) {
        ("array", Ty::Array(inner)) => incompatible(inner, &up["items"]),
        ("object", Ty::Map(inner)) if up.get("additionalProperties").is_some() => {
            incompatible(inner, &up["additionalProperties"])
        }
        ("string", Ty::Bytes) if up["format"] == "byte" => None,
        ("string", Ty::String | Ty::Duration | Ty::AnyString) if up["format"] != "byte" => None,
        ("integer", Ty::Int) | ("number", Ty::Number) | ("boolean", Ty::Bool) => None,
        _ => Some(format!("model {ty:?}, upstream {up}")),
    }
}

/// Upstream's non-object definitions vs our shapes.
fn shape_problem(t: &TypeDef, def: &Value) -> Option<String> {
    let has_props = def.get("properties").is_some();
    let ok = match &t.shape {
        Shape::Object => has_props || def["type"] == "object",
        Shape::FreeObject => !has_props && def["type"] == "object",
        Shape::Any => def.get("type").is_none(),
        Shape::Alias(ty) => incompatible(ty, def).is_none(),
    };
    (!ok).then(|| format!("{}: shape {:?} vs upstream {def}", t.name, t.shape))
}

/// `crd`: the release's full-CRD facts, the source of required-ness.
fn check_version(up: &Upstream, crd: &crate::api::crd::CrdFacts) -> (usize, usize, Vec<String>) {
    let v = up.version;
    let mut problems = Vec::new();
    let model = model_reachable(v);
    let model_argo: BTreeMap<&str, &TypeDef> = model
        .iter()
        .filter(|(_, t)| t.origin == Origin::Argo)
        .map(|(id, t)| (*id, *t))
        .collect();
    let up_argo: BTreeSet<String> = up
        .reachable()
        .into_iter()
        .filter(|id| id.starts_with(ARGO_PREFIX))
        .collect();

    for id in &up_argo {
        if !model_argo.contains_key(id.as_str()) {
            problems.push(format!("{v}: type {id} missing from the model"));
        }
    }
    for id in model_argo.keys() {
        if !up_argo.contains(*id) {
            problems.push(format!("{v}: type {id} is in the model but not upstream"));
        }
    }

    let mut fields = 0;
    for (id, t) in &model_argo {
        if !up_argo.contains(*id) {
            continue;
        }
        if !t.versions.contains(v) {
            problems.push(format!(
                "{v}: type {id} reachable but its versions say {}",
                t.versions
            ));
        }
        if let Some(p) = shape_problem(t, &up.defs[*id]) {
            problems.push(format!("{v}: {p}"));
        }
        let up_props = up.props(id);
        let up_req = crd.required.get(*id).cloned().unwrap_or_default();
        let model_fields: BTreeMap<&str, _> = t.fields_in(v).map(|f| (f.name, f)).collect();
        if model_fields.len() != t.fields_in(v).count() {
            problems.push(format!("{v}: {} lists a field twice", t.name));
        }
        for name in up_props.keys() {
            if !model_fields.contains_key(name.as_str()) {
                problems.push(format!(
                    "{v}: field {}.{name} missing from the model",
                    t.name
                ));
            }
        }
        for (name, f) in &model_fields {
            let Some(prop) = up_props.get(*name) else {
                problems.push(format!("{v}: field {}.{name} is not upstream", t.name));
                continue;
            };
            fields += 1;
            if let Some(why) = incompatible(&f.ty, prop) {
                problems.push(format!("{v}: {}.{name}: {why}", t.name));
            }
            if let Some(c) = prop["const"].as_str()
                && f.enum_values != [c]
            {
                problems.push(format!("{v}: {}.{name} must be exactly {c:?}", t.name));
            }
            if f.is_required_in(v) != up_req.contains(*name) {
                problems.push(format!(
                    "{v}: {}.{name}: required {} in the model, {} upstream",
                    t.name,
                    f.is_required_in(v),
                    up_req.contains(*name)
                ));
            }
        }
    }
    (model_argo.len(), fields, problems)
}

#[test]
fn model_fields_equal_upstream_fields_in_every_version() {
    let Some(all) = upstream::load_all() else {
        return;
    };
    let crds = crate::api::facts::load_crds(&all);
    let mut problems = Vec::new();
    for (up, crd) in all.iter().zip(&crds) {
        let (types, fields, p) = check_version(up, crd);
        let up_fields: usize = up
            .reachable()
            .iter()
            .filter(|id| id.starts_with(ARGO_PREFIX))
            .map(|id| up.props(id).len())
            .sum();
        eprintln!(
            "coverage {}: model {types} Argo types / {fields} fields matched; upstream {up_fields} fields; {} problems",
            up.version,
            p.len()
        );
        problems.extend(p);
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The check itself must notice a wrong type, a missing field and a wrong required flag.
#[test]
fn coverage_check_detects_mismatches() {
    let int = serde_json::json!({"type": "integer"});
    assert!(incompatible(&Ty::String, &int).is_some());
    assert!(incompatible(&Ty::Int, &int).is_none());
    let ios = serde_json::json!({"$ref": "#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString"});
    assert!(incompatible(&Ty::IntOrString, &ios).is_none());
    assert!(incompatible(&Ty::String, &ios).is_some());
    let arr = serde_json::json!({"type": "array", "items": {"type": "string"}});
    assert!(incompatible(&Ty::Array(&Ty::String), &arr).is_none());
    assert!(incompatible(&Ty::Array(&Ty::Int), &arr).is_some());
    let bytes = serde_json::json!({"type": "string", "format": "byte"});
    assert!(incompatible(&Ty::String, &bytes).is_some());

    let Some(mut all) = upstream::load_all() else {
        return;
    };
    let up = all.last_mut().expect("a version");
    let id = format!("{ARGO_PREFIX}RetryStrategy");
    let def = up.defs.get_mut(&id).expect("RetryStrategy");
    def["properties"]["limit"] = serde_json::json!({"type": "boolean"});
    def["properties"]["retryPolicyTypo"] = serde_json::json!({"type": "string"});
    let mut crd = crate::api::crd::load(up).expect("CRDs beside the schemas");
    crd.required.insert(
        id.clone(),
        ["retryPolicy".to_string()].into_iter().collect(),
    );
    let (_, _, problems) = check_version(up, &crd);
    let text = problems.join("\n");
    assert!(text.contains("RetryStrategy.limit"), "{text}");
    assert!(
        text.contains("RetryStrategy.retryPolicyTypo missing"),
        "{text}"
    );
    assert!(
        text.contains("RetryStrategy.retryPolicy: required false"),
        "{text}"
    );
    assert_eq!(problems.len(), 3, "{text}");
}

/// Kubernetes types are generated, but check that every type the Argo model points to
/// exists upstream in each version where a field points to it.
#[test]
fn kubernetes_references_exist_upstream() {
    let Some(all) = upstream::load_all() else {
        return;
    };
    let mut problems = Vec::new();
    for up in &all {
        let reach = up.reachable();
        for t in model_reachable(up.version).values() {
            if !reach.contains(t.id) {
                problems.push(format!("{}: {} not reachable upstream", up.version, t.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
