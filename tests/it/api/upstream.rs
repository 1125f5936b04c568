//! Reading upstream's published JSON Schemas from `../shared/schema/` (dev-time facts only).

use argolint::api::ArgoVersion;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

pub const ARGO_PREFIX: &str = "io.argoproj.workflow.v1alpha1.";
pub const KINDS: [&str; 4] = [
    "Workflow",
    "WorkflowTemplate",
    "ClusterWorkflowTemplate",
    "CronWorkflow",
];

/// One release's schema: its definitions.
pub struct Upstream {
    pub version: ArgoVersion,
    pub defs: serde_json::Map<String, Value>,
}

/// All six schemas, oldest first; `None` (the test skipped) when `shared/` is absent.
pub fn load_all() -> Option<Vec<Upstream>> {
    let dir = crate::common::shared_dir()?.join("schema");
    let mut out = Vec::new();
    for v in ArgoVersion::ALL {
        let prefix = format!("argo-workflows-{v}.");
        let file = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".schema.json"))
            })
            .unwrap_or_else(|| panic!("no schema for {v} in {}", dir.display()));
        let text = std::fs::read_to_string(&file).expect("read schema");
        let json: Value = serde_json::from_str(&text).expect("parse schema");
        let defs = json["definitions"]
            .as_object()
            .expect("definitions")
            .clone();
        out.push(Upstream { version: v, defs });
    }
    Some(out)
}

fn collect_refs(node: &Value, out: &mut Vec<String>) {
    match node {
        Value::Object(m) => {
            for (k, v) in m {
                if k == "$ref" {
                    if let Some(r) = v.as_str() {
                        out.push(r.rsplit('/').next().unwrap_or(r).to_string());
                    }
                } else {
                    collect_refs(v, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}

impl Upstream {
    /// Definition ids reachable from the four kinds.
    pub fn reachable(&self) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<String> = KINDS.iter().map(|k| format!("{ARGO_PREFIX}{k}")).collect();
        while let Some(id) = stack.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            let mut refs = Vec::new();
            collect_refs(&self.defs[&id], &mut refs);
            stack.extend(refs);
        }
        seen
    }

    /// `properties` of a definition (empty when it has none).
    pub fn props(&self, id: &str) -> BTreeMap<String, Value> {
        self.defs[id]["properties"]
            .as_object()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default()
    }
}

/// The last segment of a definition id (`io.k8s.api.core.v1.Container` → `Container`).
pub fn short(id: &str) -> &str {
    id.rsplit('.').next().unwrap_or(id)
}

/// A property's type, normalised: `string`, `integer`, `ref:<id>`, `[..]`, `{..}`.
pub fn shape(v: &Value) -> String {
    if let Some(r) = v["$ref"].as_str() {
        return format!("ref:{}", r.rsplit('/').next().unwrap_or(r));
    }
    match v["type"].as_str() {
        Some("array") => format!("[{}]", shape(&v["items"])),
        Some("object") if v.get("additionalProperties").is_some() => {
            format!("{{{}}}", shape(&v["additionalProperties"]))
        }
        Some("string") if v["format"] == "byte" => "bytes".into(),
        Some(t) => t.to_string(),
        None => "any".into(),
    }
}
