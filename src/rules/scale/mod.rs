//! Load on the controller, the API server and etcd.

pub mod missing_pod_gc;
pub mod missing_ttl_strategy;
pub mod unbounded_fan_out;
pub mod workflow_too_many_nodes;

use crate::model::{Template, WorkflowSpec};
use crate::source::Node;

/// The size of a `withParam` list that comes straight from a literal workflow parameter:
/// `{{workflow.parameters.x}}`, or `{{inputs.parameters.x}}` of the entrypoint, which Argo
/// fills from the workflow's arguments. Its default value, that is: a submission may
/// override it.
pub(crate) fn param_list_len(
    spec: &WorkflowSpec<'_>,
    t: &Template<'_>,
    step: &Node,
) -> Option<u64> {
    let expr = step.get("withParam")?.as_str()?.trim();
    let inner = expr.strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let name = match inner.strip_prefix("workflow.parameters.") {
        Some(n) => n,
        None => {
            let n = inner.strip_prefix("inputs.parameters.")?;
            let entry = spec.get("entrypoint").and_then(Node::as_str)?;
            (t.name() == Some(entry)).then_some(n)?
        }
    };
    let param = spec
        .argument_parameters()
        .iter()
        .find(|p| p.get("name").and_then(Node::as_str) == Some(name))?;
    let value = param.get("value")?.as_str()?;
    if value.contains("{{") {
        return None;
    }
    let parsed = crate::source::parse_text(value);
    if !parsed.problems.is_empty() {
        return None;
    }
    let root = parsed.documents.first()?.root.as_ref()?;
    root.as_seq().map(|s| s.len() as u64)
}

/// The number of items a step loops over, when written literally: `withItems`, or a
/// `withSequence` with literal `count` or `start`/`end`. `None` for `withParam` and
/// templated sequences; `Some(1)` for a step without a loop.
pub(crate) fn literal_items(step: &Node) -> Option<u64> {
    if let Some(items) = step.get("withItems") {
        return items.as_seq().map(|s| s.len() as u64);
    }
    if step.get("withParam").is_some() {
        return None;
    }
    if let Some(seq) = step.get("withSequence") {
        let int = |k: &str| -> Result<Option<i64>, ()> {
            match seq.get(k) {
                None => Ok(None),
                Some(n) => n.as_i64().map(Some).ok_or(()),
            }
        };
        let (Ok(count), Ok(start), Ok(end)) = (int("count"), int("start"), int("end")) else {
            return None;
        };
        return match (count, end) {
            (Some(c), _) => Some(c.max(0) as u64),
            (None, Some(e)) => Some((e - start.unwrap_or(0) + 1).max(0) as u64),
            (None, None) => Some(0),
        };
    }
    Some(1)
}
