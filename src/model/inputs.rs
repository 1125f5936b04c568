//! What a template's inputs need from a caller: Argo's rules for when an input parameter or
//! artifact must be passed as an argument. Shared by the validation rules and the generated
//! template documentation, so both say "required" about the same inputs.

use crate::source::Node;

/// An input parameter without `value`, `default` or `valueFrom.configMapKeyRef` must be
/// passed by every caller.
pub fn parameter_required(p: &Node) -> bool {
    p.get("value").is_none()
        && p.get("default").is_none()
        && p.get("valueFrom")
            .and_then(|v| v.get("configMapKeyRef"))
            .is_none()
}

/// An input artifact that is not `optional` and has no location of its own must be passed.
pub fn artifact_required(a: &Node) -> bool {
    a.get("optional").and_then(Node::as_bool) != Some(true) && !has_location(a)
}

/// Whether an artifact says where its data comes from: a location of the API model (see
/// [`crate::api::artifact_locations`]), or `from` / `fromExpression` for an argument.
pub fn has_location(a: &Node) -> bool {
    // `raw` counts even when empty (its data may be empty); other locations need a field.
    crate::api::artifact_locations()
        .chain(["from", "fromExpression"])
        .any(|k| a.get(k).is_some_and(|v| k == "raw" || !empty_location(v)))
}

/// Whether `key` of an artifact gives it its data (a location, `from`, `fromExpression`).
pub fn is_source_key(key: &str) -> bool {
    matches!(key, "from" | "fromExpression") || crate::api::artifact_locations().any(|l| l == key)
}

/// A location whose every field is empty or null (`http: {url: ~}`): Argo reads it as no
/// location at all.
fn empty_location(v: &Node) -> bool {
    match v.as_map() {
        Some(entries) => entries
            .iter()
            .all(|e| e.value.is_null() || e.value.as_str() == Some("")),
        None => v.is_null() || v.as_str() == Some(""),
    }
}
