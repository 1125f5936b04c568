//! Reading upstream's full CRDs from `../shared/crds/` (dev-time facts only): what the
//! Kubernetes API server enforces inside `spec` when a release's full CRDs are installed.
//!
//! A CRD's schema is one inlined tree with no type names, so it is walked side by side with
//! the published JSON Schema of the same release, which names the type at every place
//! (`$ref`). Each property of the CRD then gives facts about `(type, field)`: required-ness
//! and the value constraints (`enum`, `pattern`, bounds, lengths, item counts).

use std::collections::{BTreeMap, BTreeSet};

use argolint::source::parse::parse_text;
use serde_json::Value;

use crate::api::upstream::{ARGO_PREFIX, Upstream, short};
use crate::common::shared_dir;

/// One value constraint of a CRD property, in a form that compares and prints as Rust.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Constraint {
    Enum(Vec<String>),
    Pattern(String),
    Minimum(i64),
    Maximum(i64),
    MinItems(u64),
    MaxItems(u64),
    MinLength(u64),
    MaxLength(u64),
    ItemPattern(String),
    IntOrString,
}

impl Constraint {
    /// The Rust expression of this constraint (`api::CrdRule`).
    pub fn rust(&self) -> String {
        match self {
            Constraint::Enum(vs) => {
                let items: Vec<String> = vs.iter().map(|v| format!("{v:?}")).collect();
                format!("CrdRule::Enum(&[{}])", items.join(", "))
            }
            Constraint::Pattern(p) => format!("CrdRule::Pattern({p:?})"),
            Constraint::Minimum(n) => format!("CrdRule::Minimum({n})"),
            Constraint::Maximum(n) => format!("CrdRule::Maximum({n})"),
            Constraint::MinItems(n) => format!("CrdRule::MinItems({n})"),
            Constraint::MaxItems(n) => format!("CrdRule::MaxItems({n})"),
            Constraint::MinLength(n) => format!("CrdRule::MinLength({n})"),
            Constraint::MaxLength(n) => format!("CrdRule::MaxLength({n})"),
            Constraint::ItemPattern(p) => format!("CrdRule::ItemPattern({p:?})"),
            Constraint::IntOrString => "CrdRule::IntOrString".into(),
        }
    }
}

/// Facts of one release's full CRDs: required fields and constraints per `(type id, field)`.
#[derive(Default)]
pub struct CrdFacts {
    pub required: BTreeMap<String, BTreeSet<String>>,
    pub constraints: BTreeMap<(String, String), BTreeSet<Constraint>>,
}

/// The CRD files of a release (`v4.1.2` style directory name starting with the version).
fn crd_dir(version: &str) -> Option<std::path::PathBuf> {
    let dir = shared_dir()?.join("crds");
    std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{version}.")))
        })
}

fn load_schema(file: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let parsed = parse_text(&text);
    assert!(
        parsed.problems.is_empty(),
        "{}: {:?}",
        file.display(),
        parsed.problems.first()
    );
    let crd = parsed.documents[0]
        .root
        .as_ref()
        .expect("a CRD document")
        .to_json_k8s();
    crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"].clone()
}

/// The facts of `up`'s release from its full CRDs, or `None` without `../shared/crds`.
pub fn load(up: &Upstream) -> Option<CrdFacts> {
    let dir = crd_dir(&up.version.to_string())?;
    let mut facts = CrdFacts::default();
    // WorkflowTemplate and ClusterWorkflowTemplate carry a WorkflowSpec like Workflow does.
    for (file, kind) in [
        ("argoproj.io_workflows.yaml", "Workflow"),
        ("argoproj.io_cronworkflows.yaml", "CronWorkflow"),
    ] {
        let schema = load_schema(&dir.join(file));
        let mut seen = BTreeSet::new();
        walk(
            up,
            &schema,
            &format!("{ARGO_PREFIX}{kind}"),
            &mut facts,
            &mut seen,
        );
    }
    Some(facts)
}

fn walk(
    up: &Upstream,
    crd: &Value,
    id: &str,
    facts: &mut CrdFacts,
    seen: &mut BTreeSet<(String, usize)>,
) {
    // The CRD inlines each type at every place it is used; a type seen at the same CRD node
    // twice would only repeat the same facts.
    if !seen.insert((id.to_string(), crd as *const Value as usize)) {
        return;
    }
    let Some(props) = crd["properties"].as_object() else {
        return;
    };
    // A type can be required-field-strict at one place and not at another (upstream relaxes
    // `Container.name` for a template's `container`): a field counts as required only where
    // every place of its type requires it, so no place gets a false error.
    let here: BTreeSet<String> = crd["required"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    match facts.required.get_mut(id) {
        Some(set) => set.retain(|f| here.contains(f)),
        None => {
            facts.required.insert(id.to_string(), here);
        }
    }
    let defs = up.props(id);
    for (name, prop) in props {
        // The status is written by the controller, never by a user.
        if name == "status" && short(id) == "Workflow" {
            continue;
        }
        let Some(def) = defs.get(name) else { continue };
        let cs = constraints(prop);
        if !cs.is_empty() {
            facts
                .constraints
                .entry((id.to_string(), name.clone()))
                .or_default()
                .extend(cs);
        }
        follow(up, prop, def, facts, seen);
    }
}

/// Descend into a property whose published type is `def`.
fn follow(
    up: &Upstream,
    crd: &Value,
    def: &Value,
    facts: &mut CrdFacts,
    seen: &mut BTreeSet<(String, usize)>,
) {
    if let Some(r) = def["$ref"].as_str() {
        let id = r.rsplit('/').next().unwrap_or(r);
        match up.defs.get(id) {
            // A named list (`ParallelSteps`): its items carry the facts.
            Some(d) if d["type"] == "array" => follow(up, crd, d, facts, seen),
            Some(_) => walk(up, crd, id, facts, seen),
            None => {}
        }
        return;
    }
    match def["type"].as_str() {
        Some("array") => follow(up, &crd["items"], &def["items"], facts, seen),
        Some("object") if def.get("additionalProperties").is_some() => follow(
            up,
            &crd["additionalProperties"],
            &def["additionalProperties"],
            facts,
            seen,
        ),
        _ => {}
    }
}

fn constraints(prop: &Value) -> Vec<Constraint> {
    let mut out = Vec::new();
    if let Some(vs) = prop["enum"].as_array() {
        let mut vs: Vec<String> = vs
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect();
        vs.sort();
        out.push(Constraint::Enum(vs));
    }
    // Quantities carry the same pattern everywhere; argolint checks their form anyway.
    if let Some(p) = prop["pattern"].as_str()
        && prop.get("x-kubernetes-int-or-string").is_none()
        && !p.contains("[KMGTPE]i")
    {
        out.push(Constraint::Pattern(p.to_string()));
    }
    if let Some(p) = prop["items"]["pattern"].as_str()
        && !p.contains("[KMGTPE]i")
    {
        out.push(Constraint::ItemPattern(p.to_string()));
    }
    if prop["x-kubernetes-int-or-string"] == true {
        out.push(Constraint::IntOrString);
    }
    let int = |k: &str| prop[k].as_f64().map(|f| f as i64);
    let uint = |k: &str| prop[k].as_u64();
    if let Some(n) = int("minimum") {
        out.push(Constraint::Minimum(n));
    }
    if let Some(n) = int("maximum") {
        out.push(Constraint::Maximum(n));
    }
    if let Some(n) = uint("minItems") {
        out.push(Constraint::MinItems(n));
    }
    if let Some(n) = uint("maxItems") {
        out.push(Constraint::MaxItems(n));
    }
    if let Some(n) = uint("minLength") {
        out.push(Constraint::MinLength(n));
    }
    if let Some(n) = uint("maxLength") {
        out.push(Constraint::MaxLength(n));
    }
    out
}
