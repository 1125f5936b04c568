//! Generator of `src/api/facts.rs` from the six upstream schemas, and its staleness test.
//!
//! Facts only: which fields and types exist in which version, their JSON types and
//! required-ness. No upstream description text is carried over.
//! Regenerate: `cargo xtask generate`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use argolint::api::Versions;

use crate::api::crd::{self, Constraint, CrdFacts};
use crate::api::upstream::{self, ARGO_PREFIX, Upstream, shape, short};

const FACTS_FILE: &str = "src/api/facts.rs";

fn mask_lit(m: u8) -> String {
    format!("Versions(0b{m:06b})")
}

/// Rust expression for a Kubernetes property's type.
fn k8s_ty(shape: &str) -> String {
    if let Some(inner) = shape.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        return format!("Ty::Array(&{})", k8s_ty(inner));
    }
    if let Some(inner) = shape.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        return format!("Ty::Map(&{})", k8s_ty(inner));
    }
    match shape {
        "string" => "Ty::String".into(),
        "integer" => "Ty::Int".into(),
        "number" => "Ty::Number".into(),
        "boolean" => "Ty::Bool".into(),
        "bytes" => "Ty::Bytes".into(),
        "object" | "any" => "Ty::Any".into(),
        _ => {
            let id = shape.strip_prefix("ref:").unwrap_or(shape);
            match short(id) {
                "IntOrString" => "Ty::IntOrString".into(),
                "Quantity" => "Ty::Quantity".into(),
                "Time" | "MicroTime" => "Ty::Time".into(),
                "FieldsV1" => "Ty::Any".into(),
                s => {
                    assert!(
                        !id.starts_with(ARGO_PREFIX),
                        "k8s type refers to Argo: {id}"
                    );
                    format!("Ty::Ref(&{s})")
                }
            }
        }
    }
}

/// Definitions that are plain values in our model, not types.
fn is_value_def(id: &str) -> bool {
    matches!(
        short(id),
        "IntOrString" | "Quantity" | "Time" | "MicroTime" | "FieldsV1"
    ) && !id.starts_with(ARGO_PREFIX)
}

/// Per field: shape → versions, plus required versions.
#[derive(Default)]
struct FieldFacts {
    shapes: BTreeMap<String, u8>,
    required: u8,
    versions: u8,
}

#[derive(Default)]
struct TypeFacts {
    versions: u8,
    fields: BTreeMap<String, FieldFacts>,
}

/// Required-ness comes from each release's full CRDs (what the API server enforces when they
/// are installed), not from the published JSON Schema, which marks fields required that no
/// Argo component requires.
fn collect(all: &[Upstream], crds: &[CrdFacts]) -> BTreeMap<String, TypeFacts> {
    let mut types: BTreeMap<String, TypeFacts> = BTreeMap::new();
    for (i, up) in all.iter().enumerate() {
        let bit = 1u8 << i;
        for id in up.reachable() {
            let t = types.entry(id.clone()).or_default();
            t.versions |= bit;
            let req = crds[i].required.get(&id).cloned().unwrap_or_default();
            for (name, prop) in up.props(&id) {
                let f = t.fields.entry(name.clone()).or_default();
                f.versions |= bit;
                *f.shapes.entry(shape(&prop)).or_default() |= bit;
                if req.contains(&name) {
                    f.required |= bit;
                }
            }
        }
    }
    types
}

/// Argo types that embed the Kubernetes Container (their properties include all of its).
fn embedders(all: &[Upstream]) -> BTreeSet<String> {
    let container = "io.k8s.api.core.v1.Container";
    let mut out = BTreeSet::new();
    for up in all {
        let cfields: BTreeSet<String> = up.props(container).into_keys().collect();
        for id in up.reachable() {
            if !id.starts_with(ARGO_PREFIX) {
                continue;
            }
            let own: BTreeSet<String> = up.props(&id).into_keys().collect();
            if cfields.is_subset(&own) {
                out.insert(short(&id).to_string());
            }
        }
    }
    out
}

/// Each release's full-CRD facts, oldest first.
pub fn load_crds(all: &[Upstream]) -> Vec<CrdFacts> {
    all.iter()
        .map(|up| {
            crd::load(up)
                .unwrap_or_else(|| panic!("no full CRDs for {} in shared/crds", up.version))
        })
        .collect()
}

/// `(type, field, constraint)` → versions, for the `CRD_RULES` table.
fn crd_rules(crds: &[CrdFacts]) -> BTreeMap<(String, String, Constraint), u8> {
    let mut out: BTreeMap<(String, String, Constraint), u8> = BTreeMap::new();
    for (i, c) in crds.iter().enumerate() {
        for ((id, field), cs) in &c.constraints {
            for con in cs {
                *out.entry((short(id).to_string(), field.clone(), con.clone()))
                    .or_default() |= 1u8 << i;
            }
        }
    }
    out
}

pub fn generate(all: &[Upstream], crds: &[CrdFacts]) -> String {
    let types = collect(all, crds);
    let embed = embedders(all);
    let container = &types["io.k8s.api.core.v1.Container"];
    let mut o = String::new();
    o.push_str(
        "//! @generated by `tests/it/api/facts.rs` from upstream's six published schemas\n\
         //! (`../shared/schema/`). Do not edit: regenerate with `cargo xtask generate`.\n\
         //!\n\
         //! Facts only (names, JSON types, versions); required-ness and `CRD_RULES` come from\n\
         //! each release's full CRDs (`../shared/crds/`). Bit `i` of a mask is\n\
         //! `ArgoVersion::ALL[i]` (bit 0 = v3.4). Descriptions of Kubernetes fields come from\n\
         //! `k8s_docs.rs` (our own words); Argo types are written by hand in `argo.rs`.\n\n\
         #![allow(non_upper_case_globals)]\n\n\
         use super::k8s_docs::{field as kf, type_doc as kt};\n\
         use super::types::{CrdRule, FieldDef, Origin, Shape, Ty, TypeDef, Versions};\n\n",
    );

    o.push_str(
        "/// What each release's full CRDs enforce on a field besides its type and required-ness:\n\
         /// `(type, field, versions, rule)`, sorted by type then field.\n\
         pub(crate) const CRD_RULES: &[(&str, &str, Versions, CrdRule)] = &[\n",
    );
    for ((ty, field, con), m) in crd_rules(crds) {
        let _ = writeln!(
            o,
            "    (\"{ty}\", \"{field}\", {}, {}),",
            mask_lit(m),
            con.rust()
        );
    }
    o.push_str("];\n\n");

    // Argo fields: (type, field, versions, required), sorted.
    o.push_str(
        "/// Every property of every Argo definition reachable from the four kinds:\n\
         /// `(type, field, versions, required)`, sorted by type then field.\n\
         pub(crate) const ARGO_FIELDS: &[(&str, &str, Versions, Versions)] = &[\n",
    );
    for (id, t) in types.iter().filter(|(id, _)| id.starts_with(ARGO_PREFIX)) {
        for (name, f) in &t.fields {
            let _ = write!(
                o,
                "    (\"{}\", \"{}\", {}, {}),",
                short(id),
                name,
                mask_lit(f.versions),
                mask_lit(f.required)
            );
            if f.versions != Versions::ALL.0 {
                let _ = write!(o, " // {}", Versions(f.versions));
            }
            o.push('\n');
        }
    }
    o.push_str("];\n\n");

    o.push_str(
        "/// Argo definitions reachable from the four kinds: `(type, versions)`, sorted.\n\
         pub(crate) const ARGO_TYPES: &[(&str, Versions)] = &[\n",
    );
    for (id, t) in types.iter().filter(|(id, _)| id.starts_with(ARGO_PREFIX)) {
        let _ = writeln!(o, "    (\"{}\", {}),", short(id), mask_lit(t.versions));
    }
    o.push_str("];\n\n");

    // Container fields embedded by Argo types.
    for name in &embed {
        let t = &types[&format!("{ARGO_PREFIX}{name}")];
        let _ = writeln!(
            o,
            "/// Fields `{name}` inherits from the Kubernetes `Container` (its versions and required-ness)."
        );
        let _ = writeln!(o, "pub static {name}_CONTAINER: &[FieldDef] = &[");
        for (fname, f) in t
            .fields
            .iter()
            .filter(|(n, _)| container.fields.contains_key(*n))
        {
            for (sh, m) in &f.shapes {
                let _ = writeln!(
                    o,
                    "    kf(\"Container\", \"{fname}\", {}, {}, {}),",
                    k8s_ty(sh).replace("Ty::Ref(&", "Ty::Ref(&k8s::"),
                    mask_lit(*m),
                    mask_lit(f.required & m)
                );
            }
        }
        o.push_str("];\n\n");
    }

    // Kubernetes types.
    o.push_str(
        "/// Kubernetes types embedded by the Argo API, as each Argo release's schema has them.\n\
         pub mod k8s {\n    use super::*;\n\n",
    );
    let k8s: Vec<(&String, &TypeFacts)> = types
        .iter()
        .filter(|(id, _)| !id.starts_with(ARGO_PREFIX) && !is_value_def(id))
        .collect();
    for (id, t) in &k8s {
        let name = short(id);
        let _ = writeln!(o, "    pub static {name}: TypeDef = TypeDef {{");
        let _ = writeln!(o, "        name: \"{name}\",");
        let _ = writeln!(o, "        id: \"{id}\",");
        o.push_str("        origin: Origin::Kubernetes,\n");
        let _ = writeln!(o, "        description: kt(\"{name}\"),");
        let shape = if t.fields.is_empty() {
            "Shape::FreeObject"
        } else {
            "Shape::Object"
        };
        let _ = writeln!(o, "        shape: {shape},");
        o.push_str("        fields: &[\n");
        for (fname, f) in &t.fields {
            for (sh, m) in &f.shapes {
                let _ = writeln!(
                    o,
                    "            kf(\"{name}\", \"{fname}\", {}, {}, {}),",
                    k8s_ty(sh),
                    mask_lit(*m),
                    mask_lit(f.required & m)
                );
            }
        }
        o.push_str("        ],\n        embedded: &[],\n        embeds: None,\n");
        let _ = writeln!(o, "        versions: {},\n    }};\n", mask_lit(t.versions));
    }
    o.push_str("    /// Every Kubernetes type above.\n    pub static ALL: &[&TypeDef] = &[\n");
    for (id, _) in &k8s {
        let _ = writeln!(o, "        &{},", short(id));
    }
    o.push_str("    ];\n}\n");
    o
}

#[test]
fn facts_file_is_up_to_date() {
    let Some(all) = upstream::load_all() else {
        return;
    };
    let crds = load_crds(&all);
    let fresh = generate(&all, &crds);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FACTS_FILE);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if crate::common::bless() {
        if committed != fresh {
            std::fs::write(&path, &fresh).expect("write facts");
            eprintln!("blessed {FACTS_FILE}");
        }
        return;
    }
    assert!(
        committed == fresh,
        "{FACTS_FILE} is stale against ../shared/schema; regenerate with \
         `cargo xtask generate`"
    );
}
